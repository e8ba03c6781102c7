package lexer

import (
	"strconv"

	"github.com/tidelua/tide/internal/token"
)

// skipSep reads a long bracket opener or closer ('[' or ']' followed by
// '=' signs) starting at the current character, like llex.c skip_sep. It
// returns the level plus 2 when the bracket is complete (the second bracket
// is then the current character), 1 for a lone bracket, and 0 for a bracket
// followed by '=' signs but no second bracket.
func (l *Lexer) skipSep() int {
	s := l.src[l.off]
	l.off++
	count := 0
	for l.cur() == '=' {
		l.off++
		count++
	}
	switch {
	case l.cur() == int(s):
		return count + 2
	case count == 0:
		return 1
	}
	return 0
}

// readLong scans a long string (t != nil) or long comment (t == nil) whose
// opening bracket of size sep started at start; the current character is
// the second '['. Line breaks of any kind become "\n"; a line break right
// after the opening bracket is dropped.
func (l *Lexer) readLong(t *Token, sep, start int) {
	line := l.line
	l.off++ // second '['
	if c := l.cur(); c == '\n' || c == '\r' {
		l.newline()
	}
	l.buf = l.buf[:0]
	src := l.src
	for {
		if l.off >= len(src) {
			what := "comment"
			if t != nil {
				what = "string"
			}
			l.fail("unfinished long "+what+" (starting at line "+strconv.Itoa(line)+")", "<eof>", start)
			if t != nil {
				t.Kind = token.EOF
			}
			return
		}
		switch c := src[l.off]; c {
		case ']':
			from := l.off
			if l.skipSep() == sep {
				l.off++ // second ']'
				if t != nil {
					t.Kind = token.String
					t.Str = l.makeString(l.buf)
				}
				return
			}
			if t != nil {
				l.buf = append(l.buf, src[from:l.off]...)
			}
		case '\n', '\r':
			if t != nil {
				l.buf = append(l.buf, '\n')
			}
			l.newline()
		default:
			// Copy the run of ordinary characters at once.
			i := l.off + 1
			for i < len(src) && src[i] != ']' && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			if t != nil {
				l.buf = append(l.buf, src[l.off:i]...)
			}
			l.off = i
		}
	}
}

// makeString returns b as a string, interned.
func (l *Lexer) makeString(b []byte) string {
	// Every literal is shared with its equal earlier ones, as llex.c's
	// luaX_newstring does: one copy in memory, and string.format("%p")
	// shows one address for all of them.
	return l.intern(b)
}

// readString scans a quoted string. l.buf mirrors llex.c's buffer: the
// opening quote followed by the value scanned so far, with a backslash kept
// while its escape is being read, so that error messages quote the same
// text as the reference.
func (l *Lexer) readString(t *Token) {
	src := l.src
	start := l.off
	del := src[start]
	l.buf = append(l.buf[:0], del)
	l.off++
	for {
		if l.off >= len(src) {
			l.fail("unfinished string", "<eof>", start)
			t.Kind = token.EOF
			return
		}
		c := src[l.off]
		if c == del {
			break
		}
		switch c {
		case '\n', '\r':
			l.fail("unfinished string", l.bufText(), start)
			t.Kind = token.EOF
			return
		case '\\':
			l.buf = append(l.buf, '\\')
			l.off++
			if !l.escape(start) {
				t.Kind = token.EOF
				return
			}
		default:
			i := l.off + 1
			for i < len(src) && src[i] != del && src[i] != '\\' && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			l.buf = append(l.buf, src[l.off:i]...)
			l.off = i
		}
	}
	l.off++ // closing quote
	t.Kind = token.String
	t.Str = l.makeString(l.buf[1:])
}

// bufText quotes the string buffer for a message.
func (l *Lexer) bufText() string { return "'" + cstring(string(l.buf)) + "'" }

// escFail reports a bad escape sequence; like llex.c esccheck it first adds
// the current character (if any) to the quoted text.
func (l *Lexer) escFail(msg string, start int) bool {
	if l.off < len(l.src) {
		l.buf = append(l.buf, l.src[l.off])
		l.off++
	}
	l.fail(msg, l.bufText(), start)
	return false
}

// escape reads the escape sequence after a backslash (already appended to
// l.buf) and replaces the backslash with its value. It reports false after
// an error.
func (l *Lexer) escape(start int) bool {
	c := l.cur()
	var r byte
	switch c {
	case -1:
		return true // the string loop reports the unfinished string
	case 'a':
		r = '\a'
	case 'b':
		r = '\b'
	case 'f':
		r = '\f'
	case 'n':
		r = '\n'
	case 'r':
		r = '\r'
	case 't':
		r = '\t'
	case 'v':
		r = '\v'
	case '\\', '"', '\'':
		r = byte(c)
	case '\n', '\r':
		l.newline()
		l.buf[len(l.buf)-1] = '\n'
		return true
	case 'x':
		return l.hexEscape(start)
	case 'u':
		return l.utf8Escape(start)
	case 'z':
		l.buf = l.buf[:len(l.buf)-1]
		l.off++
		for isSpace(l.cur()) {
			if c := l.cur(); c == '\n' || c == '\r' {
				l.newline()
			} else {
				l.off++
			}
		}
		return true
	default:
		if !isDigit(c) {
			return l.escFail("invalid escape sequence", start)
		}
		return l.decimalEscape(start)
	}
	l.off++
	l.buf[len(l.buf)-1] = r
	return true
}

// hexDigit appends the current character to the buffer, moves on, and checks
// that the new current character is a hexadecimal digit (llex.c gethexa).
func (l *Lexer) hexDigit(start int) (int, bool) {
	l.buf = append(l.buf, l.src[l.off])
	l.off++
	c := l.cur()
	if !isXDigit(c) {
		return 0, l.escFail("hexadecimal digit expected", start)
	}
	return hexValue(c), true
}

// hexEscape reads "\xXX"; the current character is 'x'.
func (l *Lexer) hexEscape(start int) bool {
	hi, ok := l.hexDigit(start)
	if !ok {
		return false
	}
	lo, ok := l.hexDigit(start)
	if !ok {
		return false
	}
	l.off++ // second digit
	l.buf = l.buf[:len(l.buf)-2]
	l.buf[len(l.buf)-1] = byte(hi<<4 | lo)
	return true
}

// decimalEscape reads "\ddd" (up to three digits, at most 255).
func (l *Lexer) decimalEscape(start int) bool {
	r, i := 0, 0
	for ; i < 3 && isDigit(l.cur()); i++ {
		r = 10*r + l.cur() - '0'
		l.buf = append(l.buf, l.src[l.off])
		l.off++
	}
	if r > 255 {
		return l.escFail("decimal escape too large", start)
	}
	l.buf = l.buf[:len(l.buf)-i]
	l.buf[len(l.buf)-1] = byte(r)
	return true
}

// utf8Escape reads "\u{XXX}"; the current character is 'u'.
func (l *Lexer) utf8Escape(start int) bool {
	l.buf = append(l.buf, 'u')
	l.off++
	if l.cur() != '{' {
		return l.escFail("missing '{'", start)
	}
	d, ok := l.hexDigit(start)
	if !ok {
		return false
	}
	r := uint32(d)
	n := 4 // bytes of the escape in the buffer: '\\', 'u', '{', first digit
	for {
		l.buf = append(l.buf, l.src[l.off])
		l.off++
		c := l.cur()
		if !isXDigit(c) {
			break
		}
		n++
		if r > 0x7FFFFFFF>>4 {
			return l.escFail("UTF-8 value too large", start)
		}
		r = r<<4 | uint32(hexValue(c))
	}
	if l.cur() != '}' {
		return l.escFail("missing '}'", start)
	}
	l.off++
	l.buf = appendUTF8(l.buf[:len(l.buf)-n], r)
	return true
}

// appendUTF8 encodes x (up to 2^31-1) in the extended UTF-8 of the
// reference's luaO_utf8esc, which allows up to six bytes.
func appendUTF8(b []byte, x uint32) []byte {
	if x < 0x80 {
		return append(b, byte(x))
	}
	var tmp [8]byte
	n := 0
	mfb := uint32(0x3f) // largest value that fits in the first byte
	for {
		tmp[7-n] = byte(0x80 | x&0x3f)
		n++
		x >>= 6
		mfb >>= 1
		if x <= mfb {
			break
		}
	}
	tmp[7-n] = byte(^mfb<<1 | x)
	n++
	return append(b, tmp[8-n:]...)
}
