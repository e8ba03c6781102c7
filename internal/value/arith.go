package value

import "math"

// Integer and float arithmetic with Lua 5.4 semantics (§3.4.1). Integer
// operations wrap around; division and exponentiation are always float.

// IntFloorDiv returns a // b for integers; b must not be 0 (the caller
// raises "attempt to divide by zero").
func IntFloorDiv(a, b int64) int64 {
	if b == -1 {
		return -a // avoids the overflow trap of MinInt64 / -1
	}
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// IntMod returns a % b for integers (result has the sign of b); b must not
// be 0 (the caller raises "attempt to perform 'n%0'").
func IntMod(a, b int64) int64 {
	if b == -1 {
		return 0
	}
	r := a % b
	if r != 0 && (r^b) < 0 {
		r += b
	}
	return r
}

// FloatMod returns a % b for floats, as luai_nummod: fmod, then adjusted
// so that a non-zero result has the sign of b.
//
// NaN results carry the sign the reference prints: a NaN operand propagates
// (a first), and the invalid cases (b == 0, a infinite) give the hardware's
// default NaN, computed as glibc's fmod does, so 1 % 0.0 prints "-nan" on
// amd64 like lua5.4.
func FloatMod(a, b float64) float64 {
	if b == 0 || a != a || b != b || math.IsInf(a, 0) {
		p := a * b
		return p / p
	}
	m := math.Mod(a, b)
	if (m > 0 && b < 0) || (m < 0 && b > 0) {
		m += b
	}
	return m
}

// FloatFloorDiv returns a // b for floats: floor(a / b).
func FloatFloorDiv(a, b float64) float64 { return math.Floor(a / b) }

// Pow returns a ^ b, as luai_numpow: a*a when b is 2, else C's pow, whose
// glibc version is correctly rounded in practice; see powAccurate.
//
// NaN results follow glibc: 1^y and x^0 are 1 even for NaN; a NaN exponent
// propagates (after a NaN base); a NaN base propagates, its sign flipped
// when the exponent is an odd integer (glibc computes x*x and negates it);
// invalid operations such as (-8)^(1/3) give the hardware's default NaN
// ("-nan" on amd64).
func Pow(a, b float64) float64 {
	if b == 2 {
		return a * a
	}
	if b == 0.5 && a > 0 && a <= math.MaxFloat64 {
		return math.Sqrt(a) // both correctly rounded
	}
	if a != a || b != b {
		switch {
		case b == 0 || a == 1:
			return 1
		case b == b && !math.IsInf(b, 0) && math.Signbit(a) && math.Mod(b, 2) != 0 && b == math.Trunc(b):
			return -a
		}
		return a + b // the NaN operand, a first
	}
	if a == 0 || b == 0 || a == 1 || b == 1 || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return math.Pow(a, b) // C99 F.9.4.4 special cases, as glibc
	}
	if a < 0 && b != math.Trunc(b) {
		z := a - a // 0, from operands the compiler cannot fold
		return z / z
	}
	return powAccurate(a, b)
}

// ShiftLeft returns a << b with Lua semantics: negative b shifts right,
// shifts of 64 or more give 0 (logical shifts).
func ShiftLeft(a, b int64) int64 {
	if b <= -64 || b >= 64 {
		return 0
	}
	if b >= 0 {
		return int64(uint64(a) << uint(b))
	}
	return int64(uint64(a) >> uint(-b))
}

// ShiftRight returns a >> b (logical), i.e. ShiftLeft(a, -b).
func ShiftRight(a, b int64) int64 {
	if b == math.MinInt64 {
		return 0
	}
	return ShiftLeft(a, -b)
}
