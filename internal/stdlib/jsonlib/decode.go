package jsonlib

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Decode parses JSON text (RFC 8259, with nothing after the value but
// white space) into a Lua value: objects and arrays become tables (arrays
// with json.array_mt unless the State's json module says otherwise), null
// becomes json.null, numbers without fraction or exponent that fit in 64
// bits become integers and the others floats. Errors name the character
// position (1-based byte offset) of the problem.
func Decode(l *vm.Thread, text string) (value.Value, error) {
	return moduleOf(l.State()).decode(l, text)
}

func (m *module) decodeFn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	v, err := m.decode(l, s)
	if err != nil {
		return nil, err
	}
	return l.Ret1(v), nil
}

// decoder is one Decode call.
type decoder struct {
	m     *module
	l     *vm.Thread
	s     string
	i     int
	depth int
	steps int64
}

// SyntaxError is a malformed JSON text.
type SyntaxError struct {
	Msg string
	Pos int // 1-based byte offset
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("json: %s at character %d", e.Msg, e.Pos)
}

func (m *module) decode(l *vm.Thread, s string) (value.Value, error) {
	d := &decoder{m: m, l: l, s: s}
	d.space()
	v, err := d.value()
	if err != nil {
		return value.Nil, err
	}
	d.space()
	if d.i < len(d.s) {
		return value.Nil, d.fail("unexpected text after the value")
	}
	if err := d.l.Charge(d.steps); err != nil {
		return value.Nil, err
	}
	return v, nil
}

func (d *decoder) fail(msg string) error { return &SyntaxError{Msg: msg, Pos: d.i + 1} }

// unexpected reports the character at the current position.
func (d *decoder) unexpected(what string) error {
	if d.i >= len(d.s) {
		return d.fail("unexpected end of text, expected " + what)
	}
	return d.fail(fmt.Sprintf("unexpected %q, expected %s", d.s[d.i], what))
}

func (d *decoder) tick() error {
	d.steps++ // one unit of the instruction quota per value
	if d.steps >= 1024 {
		n := d.steps
		d.steps = 0
		return d.l.Charge(n)
	}
	return nil
}

func (d *decoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) value() (value.Value, error) {
	if err := d.tick(); err != nil {
		return value.Nil, err
	}
	if d.i >= len(d.s) {
		return value.Nil, d.unexpected("a value")
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		s, err := d.str()
		if err != nil {
			return value.Nil, err
		}
		return value.String(s), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case c == 't':
		return d.literal("true", value.True)
	case c == 'f':
		return d.literal("false", value.False)
	case c == 'n':
		return d.literal("null", Null)
	}
	return value.Nil, d.unexpected("a value")
}

func (d *decoder) literal(word string, v value.Value) (value.Value, error) {
	if len(d.s)-d.i >= len(word) && d.s[d.i:d.i+len(word)] == word {
		d.i += len(word)
		return v, nil
	}
	return value.Nil, d.unexpected("a value")
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > MaxDepth {
		return d.fail(fmt.Sprintf("nesting deeper than %d", MaxDepth))
	}
	return nil
}

func (d *decoder) array() (value.Value, error) {
	if err := d.enter(); err != nil {
		return value.Nil, err
	}
	d.i++ // [
	t := value.NewTable(0, 0)
	if !d.m.opts.PlainArrays {
		t.Meta = d.m.arrayMT
	}
	d.space()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		d.depth--
		return value.TableValue(t), nil
	}
	for n := int64(1); ; n++ {
		v, err := d.value()
		if err != nil {
			return value.Nil, err
		}
		t.SetInt(n, v)
		d.space()
		if d.i < len(d.s) && d.s[d.i] == ',' {
			d.i++
			d.space()
			continue
		}
		if d.i < len(d.s) && d.s[d.i] == ']' {
			d.i++
			d.depth--
			return value.TableValue(t), nil
		}
		return value.Nil, d.unexpected("',' or ']'")
	}
}

func (d *decoder) object() (value.Value, error) {
	if err := d.enter(); err != nil {
		return value.Nil, err
	}
	d.i++ // {
	t := value.NewTable(0, 0)
	d.space()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		d.depth--
		return value.TableValue(t), nil
	}
	for {
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return value.Nil, d.unexpected("a string key")
		}
		k, err := d.str()
		if err != nil {
			return value.Nil, err
		}
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return value.Nil, d.unexpected("':'")
		}
		d.i++
		d.space()
		v, err := d.value()
		if err != nil {
			return value.Nil, err
		}
		t.SetStr(k, v)
		d.space()
		if d.i < len(d.s) && d.s[d.i] == ',' {
			d.i++
			d.space()
			continue
		}
		if d.i < len(d.s) && d.s[d.i] == '}' {
			d.i++
			d.depth--
			return value.TableValue(t), nil
		}
		return value.Nil, d.unexpected("',' or '}'")
	}
}

func (d *decoder) number() (value.Value, error) {
	start := d.i
	digits := func() int {
		n := 0
		for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.s[d.i] == '-' {
		d.i++
	}
	intStart := d.i
	if digits() == 0 {
		return value.Nil, d.fail("invalid number")
	}
	if d.s[intStart] == '0' && d.i-intStart > 1 {
		d.i = intStart
		return value.Nil, d.fail("invalid number (leading zero)")
	}
	isFloat := false
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		isFloat = true
		if digits() == 0 {
			return value.Nil, d.fail("invalid number")
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		isFloat = true
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return value.Nil, d.fail("invalid number")
		}
	}
	text := d.s[start:d.i]
	if !isFloat {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return value.Int(n), nil
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) {
		d.i = start
		return value.Nil, d.fail("invalid number")
	}
	return value.Float(f), nil
}

// str reads a string literal starting at the opening quote.
func (d *decoder) str() (string, error) {
	d.i++ // "
	start := d.i
	// Fast path: no escapes.
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c == '"' {
			s := d.s[start:d.i]
			d.i++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		d.i++
	}
	buf := []byte(d.s[start:d.i])
	for {
		if d.i >= len(d.s) {
			return "", d.fail("unfinished string")
		}
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return string(buf), nil
		case c < 0x20:
			return "", d.fail("control character in string")
		case c != '\\':
			buf = append(buf, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.s) {
			return "", d.fail("unfinished string")
		}
		e := d.s[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, err := d.hex4()
			if err != nil {
				return "", err
			}
			if utf16.IsSurrogate(r) {
				// A high surrogate must be followed by a low one.
				if r >= 0xDC00 || d.i+1 >= len(d.s) || d.s[d.i] != '\\' || d.s[d.i+1] != 'u' {
					return "", d.fail("invalid unicode escape (lone surrogate)")
				}
				d.i += 2
				r2, err := d.hex4()
				if err != nil {
					return "", err
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", d.fail("invalid unicode escape (lone surrogate)")
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			d.i--
			return "", d.fail("invalid escape in string")
		}
	}
}

func (d *decoder) hex4() (rune, error) {
	if len(d.s)-d.i < 4 {
		return 0, d.fail("invalid unicode escape")
	}
	var r rune
	for _, c := range []byte(d.s[d.i : d.i+4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, d.fail("invalid unicode escape")
		}
	}
	d.i += 4
	return r, nil
}
