package pattern

// Character classes of the C locale, as the reference's match_class uses
// them through <ctype.h>.

func isAlpha(c byte) bool  { return isLower(c) || isUpper(c) }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isCntrl(c byte) bool  { return c < 0x20 || c == 0x7f }
func isGraph(c byte) bool  { return 0x21 <= c && c <= 0x7e }
func isSpace(c byte) bool  { return c == ' ' || ('\t' <= c && c <= '\r') }
func isPunct(c byte) bool  { return isGraph(c) && !isAlpha(c) && !isDigit(c) }
func isAlnum(c byte) bool  { return isAlpha(c) || isDigit(c) }
func isXDigit(c byte) bool { return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F') }

// matchClass reports whether c belongs to the class letter cl (%a, %d, ...;
// an upper-case letter is the complement); any other cl matches itself.
func matchClass(c, cl byte) bool {
	var res bool
	switch cl | 0x20 {
	case 'a':
		res = isAlpha(c)
	case 'c':
		res = isCntrl(c)
	case 'd':
		res = isDigit(c)
	case 'g':
		res = isGraph(c)
	case 'l':
		res = isLower(c)
	case 'p':
		res = isPunct(c)
	case 's':
		res = isSpace(c)
	case 'u':
		res = isUpper(c)
	case 'w':
		res = isAlnum(c)
	case 'x':
		res = isXDigit(c)
	case 'z':
		res = c == 0 // deprecated, still accepted by the reference
	default:
		return cl == c
	}
	if isUpper(cl) {
		return !res
	}
	return res
}
