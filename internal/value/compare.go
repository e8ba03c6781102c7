package value

import "math"

// Order comparisons between numbers and between strings, without
// metamethods (the vm tries __lt and __le when ok is false).

// LessThan reports a < b for two numbers or two strings; ok is false for
// other operand types. Integers and floats compare by their exact
// mathematical values (LTnum): no precision is lost for integers beyond
// 2^53, and any comparison with NaN is false.
func LessThan(a, b Value) (result, ok bool) {
	switch {
	case a.IsInt():
		switch {
		case b.IsInt():
			return a.AsInt() < b.AsInt(), true
		case b.IsFloat():
			return ltIntFloat(a.AsInt(), b.AsFloat()), true
		}
	case a.IsFloat():
		switch {
		case b.IsFloat():
			return a.AsFloat() < b.AsFloat(), true
		case b.IsInt():
			return ltFloatInt(a.AsFloat(), b.AsInt()), true
		}
	case a.IsString() && b.IsString():
		return a.AsString() < b.AsString(), true
	}
	return false, false
}

// LessEqual reports a <= b for two numbers or two strings; ok is false for
// other operand types (LEnum, l_strcmp).
func LessEqual(a, b Value) (result, ok bool) {
	switch {
	case a.IsInt():
		switch {
		case b.IsInt():
			return a.AsInt() <= b.AsInt(), true
		case b.IsFloat():
			return leIntFloat(a.AsInt(), b.AsFloat()), true
		}
	case a.IsFloat():
		switch {
		case b.IsFloat():
			return a.AsFloat() <= b.AsFloat(), true
		case b.IsInt():
			return leFloatInt(a.AsFloat(), b.AsInt()), true
		}
	case a.IsString() && b.IsString():
		return a.AsString() <= b.AsString(), true
	}
	return false, false
}

// CompareStrings compares two Lua strings as the reference does in the C
// locale (l_strcmp with strcoll = strcmp, embedded zeros included): byte by
// byte, unsigned. It returns -1, 0 or +1.
func CompareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// intFitsFloat reports whether i converts to a float exactly for sure
// (l_intfitsf: |i| <= 2^53).
func intFitsFloat(i int64) bool {
	const maxExact = 1 << 53
	return uint64(i+maxExact) <= 2*maxExact
}

// ltIntFloat is LTintfloat: i < f.
func ltIntFloat(i int64, f float64) bool {
	if intFitsFloat(i) {
		return float64(i) < f
	}
	// i < f <=> i < ceil(f)
	if c, ok := CeilToInt(f); ok {
		return i < c
	}
	return f > 0 // f is NaN, or beyond the integer range
}

// leIntFloat is LEintfloat: i <= f.
func leIntFloat(i int64, f float64) bool {
	if intFitsFloat(i) {
		return float64(i) <= f
	}
	// i <= f <=> i <= floor(f)
	if c, ok := FloorToInt(f); ok {
		return i <= c
	}
	return f > 0
}

// ltFloatInt is LTfloatint: f < i.
func ltFloatInt(f float64, i int64) bool {
	if intFitsFloat(i) {
		return f < float64(i)
	}
	// f < i <=> floor(f) < i
	if c, ok := FloorToInt(f); ok {
		return c < i
	}
	return f < 0
}

// leFloatInt is LEfloatint: f <= i.
func leFloatInt(f float64, i int64) bool {
	if intFitsFloat(i) {
		return f <= float64(i)
	}
	// f <= i <=> ceil(f) <= i
	if c, ok := CeilToInt(f); ok {
		return c <= i
	}
	return f < 0
}

// FloorToInt returns floor(f) as an integer when it is in range
// (luaV_flttointns with F2Ifloor); ok is false for NaN, infinities and
// values outside the integer range.
func FloorToInt(f float64) (int64, bool) { return FloatToInt(math.Floor(f)) }

// CeilToInt returns ceil(f) as an integer when it is in range
// (luaV_flttointns with F2Iceil).
func CeilToInt(f float64) (int64, bool) { return FloatToInt(math.Ceil(f)) }
