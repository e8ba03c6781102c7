package value

import (
	"strconv"
	"strings"
)

// CONTRACT: number conversions with the reference's exact rules. The value
// package owner replaces these provisional bodies.

// FormatFloat formats f as Lua prints floats: "%.14g", with ".0" appended
// when the result looks like an integer; "inf", "-inf", "nan", "-nan".
func FormatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', 14, 64)
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}

// NumberToString formats a number value (integer or float) as tostring does.
func NumberToString(v Value) string {
	if v.IsInt() {
		return strconv.FormatInt(v.AsInt(), 10)
	}
	return FormatFloat(v.AsFloat())
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
func StringToNumber(s string) (Value, bool) {
	s = strings.TrimSpace(s)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return Int(i), true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return Float(f), true
	}
	return Nil, false
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
