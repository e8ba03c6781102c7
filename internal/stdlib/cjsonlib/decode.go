package cjsonlib

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Decode parses JSON text with the default settings of lua-cjson.
func Decode(l *vm.Thread, text string) (value.Value, error) {
	return newConfig(l.State()).decode(l, text)
}

func (c *config) decodeFn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := argCount(args); err != nil {
		return nil, err
	}
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	v, err := c.decode(l, s)
	if err != nil {
		return nil, err
	}
	return l.Ret1(v), nil
}

// tokenKind is a token of lua-cjson's tokenizer; the names are the ones
// its error messages print.
type tokenKind uint8

const (
	tObjBegin tokenKind = iota
	tObjEnd
	tArrBegin
	tArrEnd
	tString
	tNumber
	tBoolean
	tNull
	tColon
	tComma
	tEnd
	tError
)

var tokenNames = [...]string{
	tObjBegin: "T_OBJ_BEGIN", tObjEnd: "T_OBJ_END", tArrBegin: "T_ARR_BEGIN",
	tArrEnd: "T_ARR_END", tString: "T_STRING", tNumber: "T_NUMBER",
	tBoolean: "T_BOOLEAN", tNull: "T_NULL", tColon: "T_COLON",
	tComma: "T_COMMA", tEnd: "T_END", tError: "T_ERROR",
}

type token struct {
	kind  tokenKind
	index int         // 0-based byte offset where the token (or the error) is
	val   value.Value // strings, numbers, booleans
	err   string      // tError: what is wrong
}

// decoder is one decode call.
type decoder struct {
	c     *config
	l     *vm.Thread
	s     string
	i     int
	depth int64
	steps int64
	tmp   []byte
	stack []value.Value // items of the arrays and objects being decoded
}

func (c *config) decode(l *vm.Thread, s string) (value.Value, error) {
	d := &decoder{c: c, l: l, s: s}
	// lua-cjson reads a NUL-terminated copy: a NUL byte ends the text.
	if i := strings.IndexByte(s, 0); i >= 0 {
		d.s = s[:i]
	}
	tok := d.next()
	v, err := d.value(tok)
	if err != nil {
		return value.Nil, err
	}
	if tok = d.next(); tok.kind != tEnd {
		return value.Nil, d.unexpected("the end", tok)
	}
	if err := l.Charge(d.steps); err != nil {
		return value.Nil, err
	}
	return v, nil
}

func (d *decoder) unexpected(what string, tok token) error {
	found := tokenNames[tok.kind]
	if tok.kind == tError {
		found = tok.err
	}
	return errorf("Expected %s but found %s at character %d", what, found, tok.index+1)
}

func (d *decoder) tick() error {
	d.steps++
	if d.steps >= 1024 {
		n := d.steps
		d.steps = 0
		return d.l.Charge(n)
	}
	return nil
}

func (d *decoder) value(tok token) (value.Value, error) {
	if err := d.tick(); err != nil {
		return value.Nil, err
	}
	switch tok.kind {
	case tString, tNumber, tBoolean:
		return tok.val, nil
	case tNull:
		return jsonlib.Null, nil
	case tObjBegin:
		return d.object()
	case tArrBegin:
		return d.array()
	}
	return value.Nil, d.unexpected("value", tok)
}

// descend enters an object or array (decode_descend).
func (d *decoder) descend() error {
	d.depth++
	if d.depth > d.c.decodeMaxDepth || d.depth > hardMaxDepth {
		return errorf("Found too many nested data structures (%d) at character %d", d.depth, d.i)
	}
	return nil
}

func (d *decoder) object() (value.Value, error) {
	if err := d.descend(); err != nil {
		return value.Nil, err
	}
	// Keys and values wait on d.stack, so that the table is made at its
	// final size.
	base := len(d.stack)
	tok := d.next()
	if tok.kind != tObjEnd {
		for {
			if tok.kind != tString {
				return value.Nil, d.unexpected("object key string", tok)
			}
			key := tok.val
			if tok = d.next(); tok.kind != tColon {
				return value.Nil, d.unexpected("colon", tok)
			}
			v, err := d.value(d.next())
			if err != nil {
				return value.Nil, err
			}
			d.stack = append(d.stack, key, v)
			tok = d.next()
			if tok.kind == tObjEnd {
				break
			}
			if tok.kind != tComma {
				return value.Nil, d.unexpected("comma or object end", tok)
			}
			tok = d.next()
		}
	}
	items := d.stack[base:]
	t := value.NewTable(0, len(items)/2)
	for i := 0; i < len(items); i += 2 {
		t.Set(items[i], items[i+1])
	}
	clear(items)
	d.stack = d.stack[:base]
	d.depth--
	return value.TableValue(t), nil
}

func (d *decoder) array() (value.Value, error) {
	if err := d.descend(); err != nil {
		return value.Nil, err
	}
	base := len(d.stack)
	tok := d.next()
	if tok.kind != tArrEnd {
		for {
			v, err := d.value(tok)
			if err != nil {
				return value.Nil, err
			}
			d.stack = append(d.stack, v)
			tok = d.next()
			if tok.kind == tArrEnd {
				break
			}
			if tok.kind != tComma {
				return value.Nil, d.unexpected("comma or array end", tok)
			}
			tok = d.next()
		}
	}
	items := d.stack[base:]
	t := value.NewTable(len(items), 0)
	for i, v := range items {
		t.SetInt(int64(i+1), v)
	}
	if d.c.decodeArrayMT {
		t.Meta = d.c.arrayMT
	}
	clear(items)
	d.stack = d.stack[:base]
	d.depth--
	return value.TableValue(t), nil
}

// next returns the next token (json_next_token).
func (d *decoder) next() token {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
			continue
		}
		break
	}
	tok := token{index: d.i}
	if d.i >= len(d.s) {
		tok.kind = tEnd
		return tok
	}
	c := d.s[d.i]
	switch c {
	case '{':
		tok.kind = tObjBegin
	case '}':
		tok.kind = tObjEnd
	case '[':
		tok.kind = tArrBegin
	case ']':
		tok.kind = tArrEnd
	case ',':
		tok.kind = tComma
	case ':':
		tok.kind = tColon
	case '"':
		return d.str()
	default:
		return d.word(c)
	}
	d.i++
	return tok
}

func (d *decoder) fail(msg string) token {
	return token{kind: tError, index: d.i, err: msg}
}

// word reads a number, true, false or null.
func (d *decoder) word(c byte) token {
	rest := d.s[d.i:]
	switch {
	case c == '-' || '0' <= c && c <= '9':
		if !d.c.decodeInvalid && invalidNumber(rest) {
			return d.fail("invalid number")
		}
		return d.number()
	case strings.HasPrefix(rest, "true"):
		d.i += 4
		return token{kind: tBoolean, index: d.i - 4, val: value.True}
	case strings.HasPrefix(rest, "false"):
		d.i += 5
		return token{kind: tBoolean, index: d.i - 5, val: value.False}
	case strings.HasPrefix(rest, "null"):
		d.i += 4
		return token{kind: tNull, index: d.i - 4}
	case d.c.decodeInvalid && (c == '+' || c == 'i' || c == 'I' || c == 'n' || c == 'N') && invalidNumber(rest):
		return d.number()
	}
	return d.fail("invalid token")
}

// invalidNumber reports numbers that are not JSON but that strtod reads
// (json_is_invalid_number): a leading '+', hex, leading zeros, inf, nan.
func invalidNumber(s string) bool {
	if s[0] == '+' {
		return true
	}
	if s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	if s[0] == '0' {
		return len(s) > 1 && (s[1]|0x20 == 'x' || '0' <= s[1] && s[1] <= '9')
	}
	if s[0] <= '9' {
		return false
	}
	return len(s) >= 3 && (strings.EqualFold(s[:3], "inf") || strings.EqualFold(s[:3], "nan"))
}

// number reads what C's strtod would read at the current position.
func (d *decoder) number() token {
	start := d.i
	n := strtodLen(d.s[start:])
	if n == 0 {
		return d.fail("invalid number")
	}
	text := d.s[start : start+n]
	d.i += n
	tok := token{kind: tNumber, index: start}
	if isDecimalInteger(text) && text != "-0" { // -0 stays a float, as in lua-cjson
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			tok.val = value.Int(i)
			return tok
		}
	}
	tok.val = value.Float(parseStrtod(text))
	return tok
}

// isDecimalInteger reports an optional '-' followed by digits only.
func isDecimalInteger(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }

// strtodLen returns the length of the longest prefix of s that strtod
// accepts (without leading space), or 0.
func strtodLen(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	r := s[i:]
	switch {
	case len(r) >= 8 && strings.EqualFold(r[:8], "infinity"):
		return i + 8
	case len(r) >= 3 && strings.EqualFold(r[:3], "inf"):
		return i + 3
	case len(r) >= 3 && strings.EqualFold(r[:3], "nan"):
		j := i + 3
		if j < len(s) && s[j] == '(' { // nan(chars)
			k := j + 1
			for k < len(s) && (isDigit(s[k]) || 'a' <= s[k]|0x20 && s[k]|0x20 <= 'z' || s[k] == '_') {
				k++
			}
			if k < len(s) && s[k] == ')' {
				return k + 1
			}
		}
		return j
	case len(r) >= 3 && r[0] == '0' && r[1]|0x20 == 'x' && (isHex(r[2]) || r[2] == '.' && len(r) > 3 && isHex(r[3])):
		j := i + 2
		for j < len(s) && isHex(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '.' {
			j++
			for j < len(s) && isHex(s[j]) {
				j++
			}
		}
		return expLen(s, j, 'p')
	}
	j := i
	digits := 0
	for j < len(s) && isDigit(s[j]) {
		j++
		digits++
	}
	if j < len(s) && s[j] == '.' {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
			digits++
		}
	}
	if digits == 0 {
		return 0
	}
	return expLen(s, j, 'e')
}

// expLen extends a mantissa ending at j by an exponent, when one follows.
func expLen(s string, j int, e byte) int {
	if j < len(s) && s[j]|0x20 == e {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			return k
		}
	}
	return j
}

// parseStrtod converts a prefix strtodLen accepted.
func parseStrtod(s string) float64 {
	neg := false
	r := s
	if r[0] == '+' || r[0] == '-' {
		neg = r[0] == '-'
		r = r[1:]
	}
	var f float64
	switch {
	case r[0]|0x20 == 'i':
		f = math.Inf(1)
	case r[0]|0x20 == 'n':
		f = math.NaN()
	case len(r) > 1 && r[1]|0x20 == 'x':
		if !strings.ContainsAny(r, "pP") {
			r += "p0"
		}
		f, _ = strconv.ParseFloat("0x"+r[2:], 64)
	default:
		f, _ = strconv.ParseFloat(r, 64) // out of range: ±Inf or 0, as strtod
	}
	if neg {
		f = -f
	}
	return f
}

// str reads a string token (json_next_string_token); errors point at the
// offending character.
func (d *decoder) str() token {
	start := d.i
	d.i++ // the opening quote
	b := d.tmp[:0]
	for {
		if d.i >= len(d.s) {
			return d.fail("unexpected end of string")
		}
		c := d.s[d.i]
		if c == '"' {
			break
		}
		if c != '\\' {
			j := d.i + 1
			for j < len(d.s) && d.s[j] != '"' && d.s[j] != '\\' {
				j++
			}
			b = append(b, d.s[d.i:j]...)
			d.i = j
			continue
		}
		if d.i+1 >= len(d.s) {
			d.i++
			return d.fail("unexpected end of string")
		}
		switch e := d.s[d.i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n := d.unicodeEscape()
			if n == 0 {
				return d.fail("invalid unicode escape code")
			}
			b = utf8.AppendRune(b, r)
			d.i += n
			continue
		default:
			return d.fail("invalid escape code")
		}
		d.i += 2
	}
	d.i++ // the closing quote
	d.tmp = b
	return token{kind: tString, index: start, val: value.String(d.c.strings.get(b))}
}

// unicodeEscape decodes \uXXXX, or a surrogate pair of them, at the
// current position; n is the length read, 0 when invalid.
func (d *decoder) unicodeEscape() (r rune, n int) {
	hex4 := func(at int) (rune, bool) {
		if at+4 > len(d.s) {
			return 0, false
		}
		v, err := strconv.ParseUint(d.s[at:at+4], 16, 32)
		if err != nil || d.s[at] == '+' || d.s[at] == '-' {
			return 0, false
		}
		return rune(v), true
	}
	hi, ok := hex4(d.i + 2)
	if !ok {
		return 0, 0
	}
	switch {
	case hi >= 0xdc00 && hi <= 0xdfff:
		return 0, 0 // a lone low surrogate
	case hi >= 0xd800 && hi <= 0xdbff:
		if d.i+12 > len(d.s) || d.s[d.i+6] != '\\' || d.s[d.i+7] != 'u' {
			return 0, 0
		}
		lo, ok := hex4(d.i + 8)
		if !ok || lo < 0xdc00 || lo > 0xdfff {
			return 0, 0
		}
		return 0x10000 + (hi-0xd800)<<10 + (lo - 0xdc00), 12
	}
	return hi, 6
}

// stringCache keeps the short strings decode made, mostly object keys,
// so that decoding the same shapes again does not allocate them anew.
// It belongs to one module table (one State) and is bounded.
type stringCache map[string]string

const (
	cacheMaxLen     = 32
	cacheMaxEntries = 1024
)

// get returns b as a string, from the cache when it is there.
func (c *stringCache) get(b []byte) string {
	if len(b) > cacheMaxLen {
		return string(b)
	}
	if s, ok := (*c)[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if *c == nil {
		*c = make(stringCache, 64)
	}
	if len(*c) < cacheMaxEntries {
		(*c)[s] = s
	}
	return s
}
