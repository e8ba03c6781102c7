package value

import (
	"math"
	"strconv"
)

// C printf-compatible float formatting (%e %f %g %a and their upper-case
// forms), as glibc prints them: the reference's tostring and string.format
// call the C library, and tide must print the same digits.
//
// strconv already rounds correctly (ties to even on exact halves, like
// glibc in the default rounding mode) and writes at least two exponent
// digits, so %e and %f only need C's spelling of infinities and NaNs, signs,
// the '#' flag and padding; %g is built from %e and %f following the C
// standard; %a is written here.

// FloatFormat describes one C conversion specification for a float, as
// string.format accepts it: flags "-+ #0", a width and a precision.
type FloatFormat struct {
	Verb  byte // one of e E f F g G a A
	Minus bool // '-': left-justify
	Plus  bool // '+': always print a sign
	Space bool // ' ': a space where a plus sign would go
	Alt   bool // '#': always a decimal point; %g keeps trailing zeros
	Zero  bool // '0': pad with zeros after the sign (finite values only)
	Width int  // minimum field width
	Prec  int  // precision; negative means the default (6, or exact for %a)
}

// FormatE formats f like C's %.<prec>e (%E when upper); a negative prec
// means 6.
func FormatE(f float64, prec int, upper bool) string {
	return string(AppendFloatC(nil, f, FloatFormat{Verb: verb('e', upper), Prec: prec}))
}

// FormatF formats f like C's %.<prec>f (%F when upper); a negative prec
// means 6.
func FormatF(f float64, prec int, upper bool) string {
	return string(AppendFloatC(nil, f, FloatFormat{Verb: verb('f', upper), Prec: prec}))
}

// FormatG formats f like C's %.<prec>g (%G when upper); a negative prec
// means 6.
func FormatG(f float64, prec int, upper bool) string {
	return string(AppendFloatC(nil, f, FloatFormat{Verb: verb('g', upper), Prec: prec}))
}

// FormatA formats f like C's %.<prec>a (%A when upper); a negative prec
// gives the exact value with no trailing zeros.
func FormatA(f float64, prec int, upper bool) string {
	return string(AppendFloatC(nil, f, FloatFormat{Verb: verb('a', upper), Prec: prec}))
}

func verb(c byte, upper bool) byte {
	if upper {
		return c - 'a' + 'A'
	}
	return c
}

// AppendFloatC appends f formatted by spec to dst, like glibc's printf.
// An unknown verb is treated as 'g'.
func AppendFloatC(dst []byte, f float64, spec FloatFormat) []byte {
	upper := spec.Verb >= 'A' && spec.Verb <= 'Z'
	lower := spec.Verb | 0x20
	var buf [64]byte
	body := buf[:0]
	var sign byte
	switch {
	case math.Signbit(f): // also -0.0 and NaNs with the sign bit ("-nan")
		sign = '-'
		f = -f
	case spec.Plus:
		sign = '+'
	case spec.Space:
		sign = ' '
	}
	finite := !math.IsInf(f, 0) && f == f
	prefix := 0 // bytes of body before which zero padding goes ("0x")
	switch {
	case math.IsInf(f, 0):
		body = append(body, "inf"...)
	case f != f:
		body = append(body, "nan"...)
	case lower == 'e':
		body = appendE(body, f, spec.precOr(6), spec.Alt)
	case lower == 'f':
		body = strconv.AppendFloat(body, f, 'f', spec.precOr(6), 64)
		if spec.Alt && spec.precOr(6) == 0 {
			body = append(body, '.')
		}
	case lower == 'a':
		body = appendA(body, f, spec.Prec, spec.Alt)
		prefix = 2
	default:
		body = appendG(body, f, spec.precOr(6), spec.Alt)
	}
	if upper {
		for i, c := range body {
			if c >= 'a' && c <= 'z' {
				body[i] = c - 'a' + 'A'
			}
		}
	}
	n := len(body)
	if sign != 0 {
		n++
	}
	pad := spec.Width - n
	if pad > 0 && !spec.Minus && !(spec.Zero && finite) {
		dst = appendRepeat(dst, ' ', pad)
	}
	if sign != 0 {
		dst = append(dst, sign)
	}
	if pad > 0 && !spec.Minus && spec.Zero && finite {
		dst = append(dst, body[:prefix]...)
		dst = appendRepeat(dst, '0', pad)
		body = body[prefix:]
	}
	dst = append(dst, body...)
	if pad > 0 && spec.Minus {
		dst = appendRepeat(dst, ' ', pad)
	}
	return dst
}

func (spec FloatFormat) precOr(def int) int {
	if spec.Prec < 0 {
		return def
	}
	return spec.Prec
}

func appendRepeat(dst []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, c)
	}
	return dst
}

// appendE writes non-negative finite f as %.<prec>e.
func appendE(dst []byte, f float64, prec int, alt bool) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'e', prec, 64)
	if alt && prec == 0 {
		// "1e+05" -> "1.e+05"
		dst = append(dst, 0)
		copy(dst[start+2:], dst[start+1:])
		dst[start+1] = '.'
	}
	return dst
}

// appendG writes non-negative finite f as %.<prec>g (C11 7.21.6.1): with P
// significant digits (P = prec, or 1 if prec is 0) and X the exponent of
// the %e form, use %f with precision P-1-X when P > X >= -4, else %e with
// precision P-1; unless alt, then drop trailing zeros and a trailing point.
//
// Both forms round at the same digit, so one %e conversion gives the
// digits of either.
func appendG(dst []byte, f float64, prec int, alt bool) []byte {
	p := max(prec, 1)
	var tmp [48]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', p-1, 64)
	epos := len(e) - 1
	for e[epos] != 'e' {
		epos--
	}
	x := exponentOf(e)
	frac := e[1:epos] // "" or ".ddd"
	if len(frac) > 0 {
		frac = frac[1:]
	}
	if p > x && x >= -4 {
		// Fixed notation: the p digits e[0] frac, point after x+1 of them.
		if x >= 0 {
			dst = append(dst, e[0])
			dst = append(dst, frac[:x]...)
			frac = frac[x:]
		} else {
			dst = append(dst, '0')
		}
		mark := len(dst)
		dst = append(dst, '.')
		if x < 0 {
			dst = appendRepeat(dst, '0', -x-1)
			dst = append(dst, e[0])
		}
		dst = append(dst, frac...)
		if alt {
			return dst
		}
		return trimZeros(dst, mark, len(dst))
	}
	if alt {
		if x == p && exponentOf(strconv.AppendFloat(tmp[:0], f, 'e', 39, 64)) == p-1 {
			// glibc quirk: it picks the style from the unrounded
			// exponent (%f with 0 decimals here); when rounding then
			// carries to p digits it switches to %e but keeps 0
			// decimals: %#.3g of 999.96 is "1.e+03", not "1.00e+03".
			// (40 digits cannot round a float up to a power of ten.)
			return appendE(dst, f, 0, true)
		}
		return appendE(dst, f, p-1, true)
	}
	dst = append(dst, e[0])
	mark := len(dst)
	dst = append(dst, '.')
	dst = append(dst, frac...)
	dst = trimZeros(dst, mark, len(dst))
	return append(dst, e[epos:]...)
}

// exponentOf returns the decimal exponent of strconv's 'e' output.
func exponentOf(e []byte) int {
	i := len(e) - 1
	for e[i] != 'e' {
		i--
	}
	x := 0
	for _, c := range e[i+2:] {
		x = x*10 + int(c-'0')
	}
	if e[i+1] == '-' {
		x = -x
	}
	return x
}

// trimZeros removes trailing zeros after the point at dst[mark], then the
// point itself if nothing follows it.
func trimZeros(dst []byte, mark, end int) []byte {
	for end > mark+1 && dst[end-1] == '0' {
		end--
	}
	if end == mark+1 {
		end = mark
	}
	return dst[:end]
}

// appendA writes non-negative finite f as glibc's %a: "0x1.<hex>p<exp>" for
// normal numbers, "0x0.<hex>p-1022" for subnormals, "0x0p+0" for zero. With
// prec >= 0 the fraction is rounded (ties to even) to prec hex digits; a
// carry may give a leading 2, as in glibc.
func appendA(dst []byte, f float64, prec int, alt bool) []byte {
	b := math.Float64bits(f)
	frac := b & (1<<52 - 1)
	bexp := int(b >> 52 & 0x7ff)
	lead := uint64(1)
	exp := bexp - 1023
	switch {
	case bexp == 0 && frac == 0:
		lead, exp = 0, 0
	case bexp == 0:
		lead, exp = 0, -1022
	}
	ndig := 13 // hex digits in frac
	if prec < 0 {
		for ndig > 0 && frac&0xf == 0 {
			frac >>= 4
			ndig--
		}
	} else if prec < ndig {
		drop := uint(4 * (ndig - prec))
		rest := frac & (1<<drop - 1)
		frac >>= drop
		half := uint64(1) << (drop - 1)
		odd := frac&1 == 1
		if prec == 0 {
			odd = lead&1 == 1
		}
		if rest > half || (rest == half && odd) {
			frac++
			if frac>>uint(4*prec) != 0 { // carry into the leading digit
				frac &= 1<<uint(4*prec) - 1
				lead++
			}
		}
		ndig = prec
	}
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '0', 'x', hexDigits[lead])
	if ndig > 0 || alt || prec > 0 {
		dst = append(dst, '.')
	}
	for i := ndig - 1; i >= 0; i-- {
		dst = append(dst, hexDigits[frac>>uint(4*i)&0xf])
	}
	for i := ndig; i < prec; i++ {
		dst = append(dst, '0')
	}
	dst = append(dst, 'p')
	if exp >= 0 {
		dst = append(dst, '+')
	}
	return strconv.AppendInt(dst, int64(exp), 10)
}
