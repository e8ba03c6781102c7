package string

import (
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/value"
)

// C printf-compatible number formatting for string.format: the
// reference hands its conversions to the C library, so the output follows
// C99 (glibc) rules: flags "-+ #0", width, precision, inf/nan spelling.
// Integers are formatted here; floats by value.AppendFloatC.

// spec is one parsed conversion specification.
type spec struct {
	minus, plus, space, sharp, zero bool
	width                           int
	prec                            int // -1 when absent
	conv                            byte
}

// pad applies the width to body, which is made of a sign/prefix part
// (kept in front of zero padding) and the digits.
func (sp *spec) pad(dst []byte, prefix, digits string, zeroOK bool) []byte {
	n := len(prefix) + len(digits)
	fill := sp.width - n
	switch {
	case fill <= 0:
		dst = append(dst, prefix...)
		dst = append(dst, digits...)
	case sp.minus:
		dst = append(dst, prefix...)
		dst = append(dst, digits...)
		dst = appendRepeat(dst, ' ', fill)
	case sp.zero && zeroOK:
		dst = append(dst, prefix...)
		dst = appendRepeat(dst, '0', fill)
		dst = append(dst, digits...)
	default:
		dst = appendRepeat(dst, ' ', fill)
		dst = append(dst, prefix...)
		dst = append(dst, digits...)
	}
	return dst
}

func appendRepeat(dst []byte, c byte, n int) []byte {
	for range n {
		dst = append(dst, c)
	}
	return dst
}

// signPrefix returns the sign characters for a number.
func (sp *spec) signPrefix(neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.plus:
		return "+"
	case sp.space:
		return " "
	}
	return ""
}

// formatInt formats n for the conversions d, i, u, o, x, X, c.
func (sp *spec) formatInt(dst []byte, n int64) []byte {
	var digits, prefix string
	switch sp.conv {
	case 'd', 'i':
		u := uint64(n)
		neg := n < 0
		if neg {
			u = -u
		}
		digits = strconv.FormatUint(u, 10)
		prefix = sp.signPrefix(neg)
	case 'u':
		digits = strconv.FormatUint(uint64(n), 10)
	case 'o':
		digits = strconv.FormatUint(uint64(n), 8)
	case 'x':
		digits = strconv.FormatUint(uint64(n), 16)
		if sp.sharp && n != 0 {
			prefix = "0x"
		}
	case 'X':
		digits = strings.ToUpper(strconv.FormatUint(uint64(n), 16))
		if sp.sharp && n != 0 {
			prefix = "0X"
		}
	}
	if sp.prec >= 0 {
		if sp.prec == 0 && n == 0 {
			digits = ""
		}
		if len(digits) < sp.prec {
			digits = strings.Repeat("0", sp.prec-len(digits)) + digits
		}
	}
	if sp.conv == 'o' && sp.sharp && (len(digits) == 0 || digits[0] != '0') {
		digits = "0" + digits
	}
	return sp.pad(dst, prefix, digits, sp.prec < 0)
}

// formatFloat formats f for the conversions e, E, f, g, G, a, A, with the
// value package's glibc-compatible formatter.
func (sp *spec) formatFloat(dst []byte, f float64) []byte {
	return value.AppendFloatC(dst, f, value.FloatFormat{
		Verb: sp.conv, Minus: sp.minus, Plus: sp.plus, Space: sp.space,
		Alt: sp.sharp, Zero: sp.zero, Width: sp.width, Prec: sp.prec,
	})
}
