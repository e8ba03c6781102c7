package value

import (
	"errors"
	"math"
	"math/big"
	"strconv"
)

// Number conversions with the reference's exact rules (lobject.c:
// luaO_str2num, tostringbuff; lvm.c: luaV_tointegerns).

// FormatFloat formats f as Lua prints floats: "%.14g", with ".0" appended
// when the result looks like an integer; "inf", "-inf", "nan", "-nan".
//
// As in lua_Number2str (LUAI_NUMFFORMAT) with glibc: the NaN's sign bit
// decides between "nan" and "-nan" (0/0 computed on amd64 gives "-nan").
func FormatFloat(f float64) string {
	var buf [32]byte
	return string(AppendFloat(buf[:0], f))
}

// AppendFloat appends FormatFloat(f) to dst.
func AppendFloat(dst []byte, f float64) []byte {
	start := len(dst)
	dst = AppendFloatC(dst, f, FloatFormat{Verb: 'g', Prec: 14})
	// tostringbuff: add ".0" if the result looks like an int.
	for _, c := range dst[start:] {
		if (c < '0' || c > '9') && c != '-' {
			return dst
		}
	}
	return append(dst, '.', '0')
}

// NumberToString formats a number value (integer or float) as tostring does.
func NumberToString(v Value) string {
	if v.IsInt() {
		return strconv.FormatInt(v.AsInt(), 10)
	}
	return FormatFloat(v.AsFloat())
}

// AppendNumber appends NumberToString(v) to dst.
func AppendNumber(dst []byte, v Value) []byte {
	if v.IsInt() {
		return strconv.AppendInt(dst, v.AsInt(), 10)
	}
	return AppendFloat(dst, v.AsFloat())
}

// AppendNumberLuaJIT appends v formatted as LuaJIT formats numbers, for
// the luajit language mode: "%.14g" for every number, integers included
// (LuaJIT has only floats), "-0" for negative zero, "inf", "-inf" and
// "nan" (LuaJIT prints every NaN without a sign).
func AppendNumberLuaJIT(dst []byte, v Value) []byte {
	var f float64
	if v.IsInt() {
		i := v.AsInt()
		if i > -1e14 && i < 1e14 { // at most 14 digits: %.14g prints them all
			return strconv.AppendInt(dst, i, 10)
		}
		f = float64(i)
	} else {
		f = v.AsFloat()
		if f != f {
			return append(dst, "nan"...)
		}
	}
	if luajitTie(f) {
		// LuaJIT's own formatter rounds an exact tie away from zero where
		// C's printf rounds it to even (123456789012345 prints as
		// 1.2345678901235e+14): format the next float away from zero.
		f = math.Nextafter(f, math.Copysign(math.Inf(1), f))
	}
	return AppendFloatC(dst, f, FloatFormat{Verb: 'g', Prec: 14})
}

// luajitTie reports whether f, a finite float, lies exactly halfway
// between two 14-digit decimals.
func luajitTie(f float64) bool {
	if f == 0 || math.IsInf(f, 0) {
		return false
	}
	// A tie is a 15-digit decimal D·10^k ending in 5: for k < 0 it is
	// D/(2^-k·5^-k) with 5^-k dividing D < 10^15 < 5^22, so f·2^21 is an
	// integer. Most floats fail this cheap test.
	if t := f * (1 << 21); t != math.Trunc(t) {
		return false
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e14 {
		return false // 14 digits at most: printed exactly
	}
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], math.Abs(f), 'e', 15, 64) // d.ddddddddddddddde±XX
	if len(s) < 17 || s[15] != '5' || s[16] != '0' {
		return false
	}
	exp, err := strconv.Atoi(string(s[18:]))
	if err != nil {
		return false
	}
	// Exact when the 15-digit decimal equals f: compare as rationals.
	digits := make([]byte, 0, 15)
	digits = append(digits, s[0])
	digits = append(digits, s[2:16]...)
	d, ok := new(big.Rat).SetString(string(digits))
	if !ok {
		return false
	}
	k := exp - 14
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, -k))), nil))
	if k >= 0 {
		d.Mul(d, p)
	} else {
		d.Quo(d, p)
	}
	return d.Cmp(new(big.Rat).SetFloat64(math.Abs(f))) == 0
}

// NumberToStringLuaJIT returns AppendNumberLuaJIT(nil, v) as a string.
func NumberToStringLuaJIT(v Value) string {
	if v.IsInt() {
		if i := v.AsInt(); i > -1e14 && i < 1e14 {
			return strconv.FormatInt(i, 10)
		}
	}
	var buf [32]byte
	return string(AppendNumberLuaJIT(buf[:0], v))
}

// ToStringCoerce returns the string for a string or number value (the
// coercion used by concatenation and string functions); ok is false for
// other types.
func ToStringCoerce(v Value) (string, bool) {
	if v.IsString() {
		return v.AsString(), true
	}
	if v.IsNumber() {
		return NumberToString(v), true
	}
	return "", false
}

// StringToNumber converts s following the lexer's numeral rules
// (luaO_str2num): leading/trailing whitespace allowed, decimal and hex
// integers and floats, hex floats with 'p' exponents; a decimal integer that
// overflows becomes a float, a hex integer wraps around.
//
// Whitespace is C's isspace in the C locale (space, \t, \n, \v, \f, \r).
// Like the reference, "inf", "nan" and anything else containing 'n' or 'N'
// is rejected, and so is any trailing character (including "\x00").
func StringToNumber(s string) (Value, bool) {
	if i, ok := strToInt(s); ok {
		return Int(i), true
	}
	if f, ok := strToFloat(s); ok {
		return Float(f), true
	}
	return Nil, false
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func hexValue(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint64(c - 'a' + 10), true
	case c >= 'A' && c <= 'F':
		return uint64(c - 'A' + 10), true
	}
	return 0, false
}

func hasHexPrefix(s string) bool { return len(s) >= 2 && s[0] == '0' && (s[1]|0x20) == 'x' }

// strToInt converts a decimal or hex integer numeral (l_str2int).
func strToInt(s string) (int64, bool) {
	s = trimSpace(s)
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 {
		return 0, false
	}
	var a uint64
	if hasHexPrefix(s) {
		if len(s) == 2 {
			return 0, false
		}
		for i := 2; i < len(s); i++ {
			d, ok := hexValue(s[i])
			if !ok {
				return 0, false
			}
			a = a<<4 | d // wraps around
		}
	} else {
		const maxBy10 = math.MaxInt64 / 10
		const maxLastD = math.MaxInt64 % 10
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			d := uint64(c - '0')
			lim := uint64(maxLastD)
			if neg {
				lim++
			}
			if a >= maxBy10 && (a > maxBy10 || d > lim) {
				return 0, false // overflow: not accepted as an integer
			}
			a = a*10 + d
		}
	}
	if neg {
		a = -a
	}
	return int64(a), true
}

// strToFloat converts a float numeral as strtod does in the C locale
// (l_str2d), rejecting 'inf' and 'nan'.
func strToFloat(s string) (float64, bool) {
	s = trimSpace(s)
	body := s
	if len(body) > 0 && (body[0] == '-' || body[0] == '+') {
		body = body[1:]
	}
	hex := hasHexPrefix(body)
	digits := body
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	if hex {
		digits = body[2:]
		isDigit = func(c byte) bool { _, ok := hexValue(c); return ok }
	}
	// mantissa: digits [. digits], at least one digit
	i, nd := 0, 0
	for i < len(digits) && isDigit(digits[i]) {
		i++
		nd++
	}
	if i < len(digits) && digits[i] == '.' {
		i++
		for i < len(digits) && isDigit(digits[i]) {
			i++
			nd++
		}
	}
	if nd == 0 {
		return 0, false
	}
	// exponent: e or p, optional sign, at least one decimal digit
	hasExp := false
	if i < len(digits) && (digits[i]|0x20 == 'e' && !hex || digits[i]|0x20 == 'p' && hex) {
		j := i + 1
		if j < len(digits) && (digits[j] == '-' || digits[j] == '+') {
			j++
		}
		ne := 0
		for j < len(digits) && digits[j] >= '0' && digits[j] <= '9' {
			j++
			ne++
		}
		if ne == 0 {
			return 0, false
		}
		i = j
		hasExp = true
	}
	if i != len(digits) {
		return 0, false
	}
	if hex && !hasExp {
		s += "p0" // strconv requires the binary exponent
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return f, true // out of range: ±Inf or 0, as strtod
}

// ToNumber returns v as a number: numbers as they are, strings converted
// with StringToNumber.
func ToNumber(v Value) (Value, bool) {
	if v.IsNumber() {
		return v, true
	}
	if v.IsString() {
		return StringToNumber(v.AsString())
	}
	return Nil, false
}

// ToInteger returns v as an integer when it has an exact integer value
// (integers, integral floats, and strings that convert to either).
func ToInteger(v Value) (int64, bool) {
	if v.IsInt() {
		return v.AsInt(), true
	}
	if v.IsFloat() {
		return FloatToInt(v.AsFloat())
	}
	if n, ok := ToNumber(v); ok && !n.IsString() {
		return ToInteger(n)
	}
	return 0, false
}

// ToFloat returns v as a float (integers converted, strings coerced).
func ToFloat(v Value) (float64, bool) {
	if v.IsFloat() {
		return v.AsFloat(), true
	}
	if v.IsInt() {
		return float64(v.AsInt()), true
	}
	if n, ok := ToNumber(v); ok {
		return ToFloat(n)
	}
	return 0, false
}
