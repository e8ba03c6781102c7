package lexer

import (
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/token"
)

// Illegal is the kind of a token made of a single byte that starts no Lua
// token ('@', '$', a control or non-ASCII byte). Token.Str holds the byte.
// The parser rejects it with "unexpected symbol".
const Illegal token.Kind = 255

// Token is one lexical token.
type Token struct {
	Kind  token.Kind
	Pos   token.Pos // first byte of the token
	End   token.Pos // first byte after the token
	Str   string    // Name: the identifier; String: the value; Illegal: the byte
	Int   int64     // Int: the value
	Float float64   // Float: the value
}

// maxSource is the largest chunk a token.Pos (an int32 offset plus one) can
// address.
const maxSource = 1<<31 - 2

// Lexer scans one chunk. The zero value is not usable; call [New].
// A Lexer is used by one goroutine at a time.
type Lexer struct {
	// Tok is the current token, set by Next.
	Tok Token

	src  []byte
	off  int // offset of the current character (ls->current)
	line int // current line number (ls->linenumber)
	file *token.File

	ahead    Token // lookahead token, valid when hasAhead
	hasAhead bool

	names map[string]string // interned identifiers and short strings
	buf   []byte            // string literal being scanned, as llex's buffer
	err   *Error
}

// New returns a Lexer for src whose line starts are recorded in file (its
// Name is the chunk name used in messages). Call Next to read the first
// token.
func New(src []byte, file *token.File) *Lexer {
	l := &Lexer{src: src, line: 1, file: file, names: make(map[string]string)}
	if len(src) > maxSource {
		l.fail("chunk too large", "", 0)
	}
	return l
}

// SkipPrefix skips a UTF-8 byte order mark and then a first line starting
// with '#' (a "#!" line), as the reference's luaL_loadfilex does for files.
// The line break ending that line is kept, so line numbers do not change.
// It must be called before the first Next.
func (l *Lexer) SkipPrefix() {
	if strings.HasPrefix(string(l.src), "\xEF\xBB\xBF") {
		l.off = 3
	}
	if l.off < len(l.src) && l.src[l.off] == '#' {
		for l.off < len(l.src) && l.src[l.off] != '\n' {
			l.off++
		}
	}
}

// Err returns the first lexical error, or nil. After an error every call to
// Next yields EOF.
func (l *Lexer) Err() *Error { return l.err }

// Line returns the lexer's current line: the line where scanning stopped,
// which is the last line of the current token (or of the lookahead token
// after Peek). The reference reports syntax errors on this line.
func (l *Lexer) Line() int { return l.line }

// File returns the line table being filled in.
func (l *Lexer) File() *token.File { return l.file }

// Next advances to the next token, storing it in l.Tok.
func (l *Lexer) Next() {
	if l.hasAhead {
		l.Tok = l.ahead
		l.hasAhead = false
		return
	}
	l.scan(&l.Tok)
}

// Peek scans and returns the token after the current one without making it
// current. Like luaX_lookahead, it advances Line.
func (l *Lexer) Peek() Token {
	if !l.hasAhead {
		l.scan(&l.ahead)
		l.hasAhead = true
	}
	return l.ahead
}

// Error returns a syntax error at the lexer's current line with the given
// message and near-text (see [Lexer.Near]; "" for none).
func (l *Lexer) Error(msg, near string, pos token.Pos) *Error {
	return &Error{Chunk: ChunkID(l.file.Name), Line: l.line, Pos: pos, Msg: msg, Near: near}
}

// Near returns how the reference names t after "near" in a message: the
// quoted source text for names and numerals, the quoted string as scanned
// for strings, "<eof>" unquoted at the end, and the quoted symbol otherwise.
// It returns "" for a NUL byte, which the reference cannot show.
func (l *Lexer) Near(t Token) string {
	switch t.Kind {
	case token.EOF:
		return "<eof>"
	case token.Name, token.Int, token.Float:
		return "'" + cstring(string(l.src[t.Pos-1:t.End-1])) + "'"
	case token.String:
		var open, close string
		if l.src[t.Pos-1] == '[' {
			lvl := strings.Repeat("=", int(skipEquals(l.src, int(t.Pos))))
			open, close = "["+lvl+"[", "]"+lvl+"]"
		} else {
			open = string(l.src[t.Pos-1])
			close = open
		}
		return "'" + cstring(open+t.Str+close) + "'"
	case Illegal:
		return charText(t.Str[0])
	}
	return "'" + t.Kind.String() + "'"
}

// skipEquals counts the '=' bytes at src[i:].
func skipEquals(src []byte, i int) int {
	n := 0
	for i+n < len(src) && src[i+n] == '=' {
		n++
	}
	return n
}

// charText formats a single-byte token like luaX_token2str.
func charText(c byte) string {
	switch {
	case c == 0:
		return ""
	case c >= 0x20 && c < 0x7F:
		return "'" + string(rune(c)) + "'"
	}
	return "'<\\" + strconv.Itoa(int(c)) + ">'"
}

// fail records the first error and makes the lexer produce EOF from now on.
func (l *Lexer) fail(msg, near string, start int) {
	if l.err == nil {
		l.err = l.Error(msg, near, token.Pos(start+1))
	}
	l.off = len(l.src)
}

// cur returns the current character, or -1 at the end of the source.
func (l *Lexer) cur() int {
	if l.off < len(l.src) {
		return int(l.src[l.off])
	}
	return -1
}

// newline skips a line break ("\n", "\r", "\n\r" or "\r\n") at the current
// position and records the new line (llex.c inclinenumber).
func (l *Lexer) newline() {
	c := l.src[l.off]
	l.off++
	if l.off < len(l.src) {
		if d := l.src[l.off]; (d == '\n' || d == '\r') && d != c {
			l.off++
		}
	}
	l.line++
	l.file.AddLine(l.off)
}

func isDigit(c int) bool  { return c >= '0' && c <= '9' }
func isAlpha(c int) bool  { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isAlnum(c int) bool  { return isAlpha(c) || isDigit(c) }
func isSpace(c int) bool  { return c == ' ' || c >= '\t' && c <= '\r' }
func isXDigit(c int) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexValue(c int) int {
	if isDigit(c) {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

// scan reads the next token into t.
func (l *Lexer) scan(t *Token) {
	*t = Token{}
	src := l.src
	for {
		start := l.off
		t.Pos = token.Pos(start + 1)
		if start >= len(src) {
			t.Kind = token.EOF
			t.End = t.Pos
			return
		}
		c := src[start]
		kind := token.EOF
		n := 1 // length of a symbol token
		switch c {
		case '\n', '\r':
			l.newline()
			continue
		case ' ', '\t', '\f', '\v':
			l.off++
			continue
		case '-':
			if l.at(1) != '-' {
				kind = token.Minus
				break
			}
			l.off += 2
			if l.cur() == '[' {
				if sep := l.skipSep(); sep >= 2 {
					l.readLong(nil, sep, start)
					continue
				}
			}
			for l.off < len(src) && src[l.off] != '\n' && src[l.off] != '\r' {
				l.off++
			}
			continue
		case '[':
			sep := l.skipSep()
			if sep >= 2 {
				l.readLong(t, sep, start)
			} else if sep == 0 {
				l.fail("invalid long string delimiter", "'"+string(src[start:l.off])+"'", start)
				t.Kind = token.EOF
			} else {
				t.Kind = token.LBracket
			}
			t.End = token.Pos(l.off + 1)
			return
		case '=':
			kind, n = l.pick2('=', token.Assign, token.Eq)
		case '<':
			switch l.at(1) {
			case '=':
				kind, n = token.Le, 2
			case '<':
				kind, n = token.Shl, 2
			default:
				kind = token.Lt
			}
		case '>':
			switch l.at(1) {
			case '=':
				kind, n = token.Ge, 2
			case '>':
				kind, n = token.Shr, 2
			default:
				kind = token.Gt
			}
		case '/':
			kind, n = l.pick2('/', token.Slash, token.DSlash)
		case '~':
			kind, n = l.pick2('=', token.Tilde, token.Ne)
		case ':':
			kind, n = l.pick2(':', token.Colon, token.DColon)
		case '"', '\'':
			l.readString(t)
			t.End = token.Pos(l.off + 1)
			return
		case '.':
			if l.at(1) == '.' {
				if l.at(2) == '.' {
					kind, n = token.Dots, 3
				} else {
					kind, n = token.Concat, 2
				}
			} else if isDigit(l.at(1)) {
				l.off++
				l.readNumeral(t, start)
				return
			} else {
				kind = token.Dot
			}
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			l.readNumeral(t, start)
			return
		case '+':
			kind = token.Plus
		case '*':
			kind = token.Star
		case '%':
			kind = token.Percent
		case '^':
			kind = token.Caret
		case '#':
			kind = token.Hash
		case '&':
			kind = token.Amp
		case '|':
			kind = token.Pipe
		case '(':
			kind = token.LParen
		case ')':
			kind = token.RParen
		case '{':
			kind = token.LBrace
		case '}':
			kind = token.RBrace
		case ']':
			kind = token.RBracket
		case ';':
			kind = token.Semi
		case ',':
			kind = token.Comma
		default:
			if isAlpha(int(c)) {
				l.readName(t)
				return
			}
			t.Kind = Illegal
			t.Str = oneByte[c : int(c)+1]
			l.off++
			t.End = token.Pos(l.off + 1)
			return
		}
		t.Kind = kind
		l.off += n
		t.End = token.Pos(l.off + 1)
		return
	}
}

// oneByte holds every byte value once, to slice single-byte strings from.
const oneByte = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
	" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f" +
	"\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f" +
	"\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f" +
	"\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf" +
	"\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf" +
	"\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf" +
	"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf" +
	"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef" +
	"\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff"

// at returns the character i bytes after the current one, or -1.
func (l *Lexer) at(i int) int {
	if l.off+i < len(l.src) {
		return int(l.src[l.off+i])
	}
	return -1
}

// pick2 chooses between a one-byte token and a two-byte one whose second
// byte is second.
func (l *Lexer) pick2(second byte, one, two token.Kind) (token.Kind, int) {
	if l.at(1) == int(second) {
		return two, 2
	}
	return one, 1
}

// readName scans an identifier or a reserved word.
func (l *Lexer) readName(t *Token) {
	start := l.off
	src := l.src
	i := start + 1
	for i < len(src) && isAlnum(int(src[i])) {
		i++
	}
	l.off = i
	t.End = token.Pos(i + 1)
	word := src[start:i]
	if t.Kind = keyword(word); t.Kind == token.Name {
		t.Str = l.intern(word)
	}
}

// intern returns a string equal to b, shared with earlier equal strings.
func (l *Lexer) intern(b []byte) string {
	if s, ok := l.names[string(b)]; ok {
		return s
	}
	s := string(b)
	l.names[s] = s
	return s
}

// readNumeral scans a numeral starting at start (where a '.' may already
// have been consumed) the way llex.c read_numeral does: greedily take hex
// digits, dots and exponents, plus one touching letter to force an error.
func (l *Lexer) readNumeral(t *Token, start int) {
	first := l.cur()
	l.off++
	e1, e2 := 'E', 'e'
	if first == '0' && (l.cur() == 'x' || l.cur() == 'X') {
		l.off++
		e1, e2 = 'P', 'p'
	}
	for {
		c := l.cur()
		if c == int(e1) || c == int(e2) {
			l.off++
			if c := l.cur(); c == '+' || c == '-' {
				l.off++
			}
		} else if isXDigit(c) || c == '.' {
			l.off++
		} else {
			break
		}
	}
	if isAlpha(l.cur()) {
		l.off++
	}
	text := l.src[start:l.off]
	t.End = token.Pos(l.off + 1)
	isInt, i, f, ok := parseNumeral(text)
	switch {
	case !ok:
		l.fail("malformed number", "'"+cstring(string(text))+"'", start)
		t.Kind = token.EOF
	case isInt:
		t.Kind, t.Int = token.Int, i
	default:
		t.Kind, t.Float = token.Float, f
	}
}
