package lexer

import (
	"errors"
	"math"
	"strconv"
)

// parseNumeral converts the text of a numeral as luaO_str2num does (the
// lexer's text never has a sign or surrounding spaces): an integer when the
// text is a decimal integer that fits in an int64 or a hexadecimal integer
// (wrapping around modulo 2^64), otherwise a float following C's strtod;
// ok is false for malformed text.
func parseNumeral(s []byte) (isInt bool, i int64, f float64, ok bool) {
	if i, ok := strToInt(s); ok {
		return true, i, 0, true
	}
	f, ok = strToFloat(s)
	return false, 0, f, ok
}

func hasHexPrefix(s []byte) bool {
	return len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

// strToInt follows lobject.c l_str2int for unsigned text.
func strToInt(s []byte) (int64, bool) {
	var a uint64
	if hasHexPrefix(s) {
		if len(s) == 2 {
			return 0, false
		}
		for _, c := range s[2:] {
			if !isXDigit(int(c)) {
				return 0, false
			}
			a = a<<4 | uint64(hexValue(int(c)))
		}
		return int64(a), true
	}
	if len(s) == 0 {
		return 0, false
	}
	const maxBy10, maxLastDigit = math.MaxInt64 / 10, math.MaxInt64 % 10
	for _, c := range s {
		if !isDigit(int(c)) {
			return 0, false
		}
		d := uint64(c - '0')
		if a >= maxBy10 && (a > maxBy10 || d > maxLastDigit) {
			return 0, false // overflow: the numeral is a float
		}
		a = a*10 + d
	}
	return int64(a), true
}

// strToFloat follows lobject.c l_str2d: strtod syntax, hexadecimal floats
// allowed, no "inf" or "nan", and the whole text must be used.
func strToFloat(s []byte) (float64, bool) {
	hex := hasHexPrefix(s)
	body := s
	isDig, expMark := isDigit, byte('e')
	if hex {
		body = s[2:]
		isDig, expMark = isXDigit, 'p'
	}
	// mantissa: digits [ '.' digits ], at least one digit
	i, digits := 0, 0
	for i < len(body) && isDig(int(body[i])) {
		i++
		digits++
	}
	if i < len(body) && body[i] == '.' {
		i++
		for i < len(body) && isDig(int(body[i])) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	hasExp := false
	if i < len(body) && body[i]|0x20 == expMark {
		i++
		if i < len(body) && (body[i] == '+' || body[i] == '-') {
			i++
		}
		j := i
		for i < len(body) && isDigit(int(body[i])) {
			i++
		}
		if i == j {
			return 0, false
		}
		hasExp = true
	}
	if i != len(body) {
		return 0, false
	}
	text := string(s)
	if hex && !hasExp {
		text += "p0" // Go requires the binary exponent
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return f, true
}
