package string

import (
	"math"
	"strconv"
	"strings"
)

// C printf-compatible number formatting for string.format: the
// reference hands its conversions to the C library, so the output follows
// C99 (glibc) rules: flags "-+ #0", width, precision, inf/nan spelling.

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

// formatFloat formats f for the conversions e, E, f, g, G, a, A.
func (sp *spec) formatFloat(dst []byte, f float64) []byte {
	neg := math.Signbit(f)
	prefix := sp.signPrefix(neg)
	upper := sp.conv == 'E' || sp.conv == 'G' || sp.conv == 'A'
	if math.IsInf(f, 0) || math.IsNaN(f) {
		body := "inf"
		if math.IsNaN(f) {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		return sp.pad(dst, prefix, body, false)
	}
	f = math.Abs(f)
	var body string
	switch sp.conv {
	case 'e', 'E':
		body = fmtE(f, sp.precOr(6), sp.sharp)
	case 'f', 'F':
		body = fmtF(f, sp.precOr(6), sp.sharp)
	case 'g', 'G':
		body = fmtG(f, sp.precOr(6), sp.sharp)
	case 'a', 'A':
		var hex string
		hex, body = fmtA(f, sp.prec, sp.sharp)
		prefix += hex
	}
	if upper {
		body = strings.ToUpper(body)
		prefix = strings.ToUpper(prefix)
	}
	return sp.pad(dst, prefix, body, true)
}

func (sp *spec) precOr(def int) int {
	if sp.prec < 0 {
		return def
	}
	return sp.prec
}

// fmtE is C's %.<prec>e of a non-negative finite f.
func fmtE(f float64, prec int, sharp bool) string {
	s := strconv.FormatFloat(f, 'e', prec, 64)
	if sharp && prec == 0 {
		i := strings.IndexByte(s, 'e')
		s = s[:i] + "." + s[i:]
	}
	return s
}

// fmtF is C's %.<prec>f of a non-negative finite f.
func fmtF(f float64, prec int, sharp bool) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if sharp && prec == 0 {
		s += "."
	}
	return s
}

// fmtG is C's %.<prec>g of a non-negative finite f.
func fmtG(f float64, prec int, sharp bool) string {
	if prec == 0 {
		prec = 1
	}
	e := strconv.FormatFloat(f, 'e', prec-1, 64)
	x, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	var s string
	if prec > x && x >= -4 {
		s = strconv.FormatFloat(f, 'f', prec-1-x, 64)
		if sharp {
			if !strings.Contains(s, ".") {
				s += "."
			}
			return s
		}
		if strings.Contains(s, ".") {
			s = strings.TrimRight(s, "0")
			s = strings.TrimSuffix(s, ".")
		}
		return s
	}
	s = e
	if sharp {
		if !strings.Contains(s, ".") {
			i := strings.IndexByte(s, 'e')
			s = s[:i] + "." + s[i:]
		}
		return s
	}
	i := strings.IndexByte(s, 'e')
	mant, exp := s[:i], s[i:]
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(mant, "0")
		mant = strings.TrimSuffix(mant, ".")
	}
	return mant + exp
}

// fmtA is glibc's %a of a non-negative finite f: it returns the "0x"
// prefix and the rest ("1.8p+1"). prec < 0 means as many digits as needed;
// rounding is to nearest, ties to even. Subnormals keep a leading 0 digit
// and the exponent -1022, as glibc prints them.
func fmtA(f float64, prec int, sharp bool) (string, string) {
	bits := math.Float64bits(f)
	mant := bits & (1<<52 - 1)
	bexp := int((bits >> 52) & 0x7ff)
	lead := uint64(1)
	exp := bexp - 1023
	switch {
	case bexp == 0 && mant == 0:
		lead, exp = 0, 0
	case bexp == 0:
		lead, exp = 0, -1022
	}
	ndig := 13
	if prec >= 0 && prec < 13 {
		// Round the 52-bit fraction to prec hex digits.
		drop := uint(4 * (13 - prec))
		full := lead<<52 | mant
		rem := full & (1<<drop - 1)
		full >>= drop
		half := uint64(1) << (drop - 1)
		if rem > half || (rem == half && full&1 == 1) {
			full++
		}
		lead = full >> (4 * uint(prec))
		mant = full & (1<<(4*uint(prec)) - 1)
		ndig = prec
	}
	digits := ""
	if ndig > 0 {
		digits = strconv.FormatUint(mant, 16)
		digits = strings.Repeat("0", ndig-len(digits)) + digits
	}
	if prec < 0 {
		digits = strings.TrimRight(digits, "0")
	} else if prec > len(digits) {
		digits += strings.Repeat("0", prec-len(digits))
	}
	var b strings.Builder
	b.WriteString(strconv.FormatUint(lead, 16))
	if digits != "" || sharp {
		b.WriteByte('.')
	}
	b.WriteString(digits)
	b.WriteByte('p')
	if exp >= 0 {
		b.WriteByte('+')
	}
	b.WriteString(strconv.Itoa(exp))
	return "0x", b.String()
}
