package jsonlib

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Encode returns v as JSON text with the State's json settings and
// markers (see the package documentation for the conventions). It does
// not call metamethods. The output grows through the State's memory check
// and the work is charged to its instruction quota, so a huge or cyclic
// value fails with an error instead of exhausting the host.
func Encode(l *vm.Thread, v value.Value) (string, error) {
	return moduleOf(l.State()).encode(l, v)
}

func (m *module) encodeFn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	s, err := m.encode(l, args[0])
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.String(s)), nil
}

// encoder is one Encode call.
type encoder struct {
	m     *module
	l     *vm.Thread
	buf   []byte
	depth int
	steps int64 // work not yet charged to the quota
}

func (m *module) encode(l *vm.Thread, v value.Value) (string, error) {
	e := &encoder{m: m, l: l}
	if err := e.value(v); err != nil {
		return "", err
	}
	if err := e.charge(); err != nil {
		return "", err
	}
	return string(e.buf), nil
}

// write appends s, growing the buffer through the memory check.
func (e *encoder) write(s string) error {
	if len(e.buf)+len(s) > cap(e.buf) {
		b, err := e.l.State().Grow(e.buf, len(s))
		if err != nil {
			return err
		}
		e.buf = b
	}
	e.buf = append(e.buf, s...)
	return nil
}

func (e *encoder) writeByte(c byte) error {
	if len(e.buf) == cap(e.buf) {
		b, err := e.l.State().Grow(e.buf, 1)
		if err != nil {
			return err
		}
		e.buf = b
	}
	e.buf = append(e.buf, c)
	return nil
}

// tick counts units of work (one per value, one per 64 bytes of string)
// and charges them to the instruction quota every 1024 units.
func (e *encoder) tick(n int) error {
	e.steps += int64(n)
	if e.steps >= 1024 {
		return e.charge()
	}
	return nil
}

func (e *encoder) charge() error {
	n := e.steps
	e.steps = 0
	if n == 0 {
		return nil
	}
	return e.l.Charge(n)
}

func (e *encoder) value(v value.Value) error {
	if err := e.tick(1); err != nil {
		return err
	}
	switch v.Type() {
	case value.TypeNil:
		return e.write("null")
	case value.TypeBoolean:
		if v.AsBool() {
			return e.write("true")
		}
		return e.write("false")
	case value.TypeInteger, value.TypeFloat:
		return e.number(v)
	case value.TypeString:
		return e.str(v.AsString())
	case value.TypeTable:
		return e.table(v.AsTable())
	case value.TypeLightUserdata:
		switch v {
		case Null:
			return e.write("null")
		case EmptyArray:
			return e.write("[]")
		}
	}
	return fmt.Errorf("cannot encode %s to JSON", v.TypeName())
}

func (e *encoder) number(v value.Value) error {
	if v.IsInt() {
		var tmp [24]byte
		return e.write(string(strconv.AppendInt(tmp[:0], v.AsInt(), 10)))
	}
	f := v.AsFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errors.New("cannot encode NaN or infinity to JSON")
	}
	return e.write(FormatFloat(f))
}

// FormatFloat writes a float the way the encoder does: the shortest text
// that reads back as the same float, with ".0" on integral values below
// 1e16 so that it stays a float, and exponents in the "1e+300" style.
func FormatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if strings.ContainsAny(s, ".e") {
		return s
	}
	return s + ".0"
}

const hexDigits = "0123456789abcdef"

// str writes s as a JSON string. Bytes that are not valid UTF-8 pass
// through unchanged, as in lua-cjson: Lua strings are byte strings, and
// decoding gives the same bytes back.
func (e *encoder) str(s string) error {
	if err := e.tick(len(s) / 64); err != nil {
		return err
	}
	if err := e.writeByte('"'); err != nil {
		return err
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		}
		var esc string
		var tmp [6]byte
		switch c {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		case '\b':
			esc = `\b`
		case '\f':
			esc = `\f`
		default:
			tmp = [6]byte{'\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15]}
			esc = string(tmp[:])
		}
		if err := e.write(s[start:i]); err != nil {
			return err
		}
		if err := e.write(esc); err != nil {
			return err
		}
		i++
		start = i
	}
	if err := e.write(s[start:]); err != nil {
		return err
	}
	return e.writeByte('"')
}

// isArray reports whether t encodes as an array, and its length if so.
func (e *encoder) isArray(t *value.Table) (n int64, array bool, err error) {
	if t.Meta == e.m.arrayMT || t.Meta == e.m.emptyArrayMT {
		return t.Len(), true, nil
	}
	var count, maxKey int64
	stringKeys := false
	for k := range t.All() {
		if k.IsInt() && k.AsInt() > 0 {
			count++
			maxKey = max(maxKey, k.AsInt())
			continue
		}
		if k.IsString() || k.IsNumber() {
			stringKeys = true
			continue
		}
		return 0, false, fmt.Errorf("cannot encode a table with a key of type %s to JSON", k.TypeName())
	}
	switch {
	case stringKeys:
		return 0, false, nil
	case count == 0:
		return 0, e.m.opts.EmptyTableAsArray, nil
	case maxKey > 2*count && maxKey > 10:
		return 0, false, errors.New("cannot encode an excessively sparse array to JSON")
	}
	return maxKey, true, nil
}

func (e *encoder) table(t *value.Table) error {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > MaxDepth {
		return fmt.Errorf("cannot encode to JSON: nesting deeper than %d (a cycle?)", MaxDepth)
	}
	n, array, err := e.isArray(t)
	if err != nil {
		return err
	}
	if array {
		if err := e.writeByte('['); err != nil {
			return err
		}
		for i := int64(1); i <= n; i++ {
			if i > 1 {
				if err := e.writeByte(','); err != nil {
					return err
				}
			}
			if err := e.value(t.GetInt(i)); err != nil {
				return err
			}
		}
		return e.writeByte(']')
	}
	// An object: keys in sorted order, integer and float keys as strings.
	type entry struct {
		key string
		val value.Value
	}
	var entries []entry
	for k, v := range t.All() {
		var ks string
		switch {
		case k.IsString():
			ks = k.AsString()
		case k.IsInt():
			ks = strconv.FormatInt(k.AsInt(), 10)
		case k.IsFloat():
			ks = value.FormatFloat(k.AsFloat())
		default:
			return fmt.Errorf("cannot encode a table with a key of type %s to JSON", k.TypeName())
		}
		entries = append(entries, entry{ks, v})
	}
	if err := e.tick(len(entries)); err != nil {
		return err
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	if err := e.writeByte('{'); err != nil {
		return err
	}
	for i, en := range entries {
		if i > 0 {
			if err := e.writeByte(','); err != nil {
				return err
			}
		}
		if err := e.str(en.key); err != nil {
			return err
		}
		if err := e.writeByte(':'); err != nil {
			return err
		}
		if err := e.value(en.val); err != nil {
			return err
		}
	}
	return e.writeByte('}')
}
