package cjsonlib

import (
	"strconv"

	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Encode returns v as JSON text with the default settings of lua-cjson.
func Encode(l *vm.Thread, v value.Value) (string, error) {
	return newConfig(l.State()).encode(l, v)
}

func (c *config) encodeFn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := argCount(args); err != nil {
		return nil, err
	}
	s, err := c.encode(l, args[0])
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.String(s)), nil
}

// encoder is one encode call. Its buffer grows through the State's memory
// check and its work is charged to the instruction quota.
type encoder struct {
	c     *config
	l     *vm.Thread
	buf   []byte
	steps int64
}

func (c *config) encode(l *vm.Thread, v value.Value) (string, error) {
	e := &encoder{c: c, l: l}
	if err := e.value(v, 0); err != nil {
		return "", err
	}
	if err := e.l.Charge(e.steps); err != nil {
		return "", err
	}
	return string(e.buf), nil
}

// reserve makes room for n more bytes.
func (e *encoder) reserve(n int) error {
	if len(e.buf)+n <= cap(e.buf) {
		return nil
	}
	b, err := e.l.State().Grow(e.buf, n)
	if err != nil {
		return err
	}
	e.buf = b
	return nil
}

func (e *encoder) write(s string) error {
	if err := e.reserve(len(s)); err != nil {
		return err
	}
	e.buf = append(e.buf, s...)
	return nil
}

func (e *encoder) tick(n int) error {
	e.steps += int64(n)
	if e.steps >= 1024 {
		n := e.steps
		e.steps = 0
		return e.l.Charge(n)
	}
	return nil
}

func unsupported(v value.Value) error {
	return errorf("Cannot serialise %s: type not supported", v.TypeName())
}

// supported reports whether v is of a type encode can write.
func supported(v value.Value) bool {
	switch v.Type() {
	case value.TypeNil, value.TypeBoolean, value.TypeInteger, value.TypeFloat, value.TypeString, value.TypeTable:
		return true
	case value.TypeLightUserdata:
		return v == jsonlib.Null || v == jsonlib.EmptyArray
	}
	return false
}

// value writes v at table nesting depth (json_append_data).
func (e *encoder) value(v value.Value, depth int64) error {
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
		return e.table(v.AsTable(), depth+1)
	case value.TypeLightUserdata:
		switch v {
		case jsonlib.Null:
			return e.write("null")
		case jsonlib.EmptyArray:
			return e.write("[]")
		}
	}
	return unsupported(v)
}

// number writes a number (json_append_number): integers in full, floats
// with "%.<precision>g".
func (e *encoder) number(v value.Value) error {
	if err := e.reserve(32); err != nil {
		return err
	}
	if v.IsInt() {
		e.buf = strconv.AppendInt(e.buf, v.AsInt(), 10)
		return nil
	}
	f := v.AsFloat()
	if f != f || f-f != 0 { // NaN or an infinity
		switch e.c.encodeInvalid {
		case invalidOff:
			return errorf("Cannot serialise number: must not be NaN or Inf")
		case invalidNull:
			return e.write("null")
		}
		switch {
		case f != f:
			return e.write("NaN")
		case f > 0:
			return e.write("Infinity")
		}
		return e.write("-Infinity")
	}
	e.buf = value.AppendFloatC(e.buf, f, value.FloatFormat{Verb: 'g', Prec: int(e.c.precision)})
	return nil
}

const hexDigits = "0123456789abcdef"

// escapes holds the escape of each byte that needs one (lua-cjson's
// char2escape): control characters, '"', '\\' and DEL; '/' is handled
// apart (encode_escape_forward_slash).
var escapes = func() [256]string {
	var t [256]string
	for c := 0; c < 0x20; c++ {
		t[c] = `\u00` + string(hexDigits[c>>4]) + string(hexDigits[c&15])
	}
	t['\b'], t['\t'], t['\n'], t['\f'], t['\r'] = `\b`, `\t`, `\n`, `\f`, `\r`
	t['"'], t['\\'], t[0x7f] = `\"`, `\\`, `\u007f`
	return t
}()

// str writes s as a JSON string; bytes of 0x80 and above pass unchanged.
func (e *encoder) str(s string) error {
	if err := e.tick(len(s) / 64); err != nil {
		return err
	}
	if err := e.reserve(len(s) + 2); err != nil {
		return err
	}
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		esc := escapes[c]
		if esc == "" {
			if c != '/' || !e.c.escapeSlash {
				continue
			}
			esc = `\/`
		}
		if err := e.reserve(i - start + len(esc) + len(s) - i + 1); err != nil {
			return err
		}
		e.buf = append(e.buf, s[start:i]...)
		e.buf = append(e.buf, esc...)
		start = i + 1
	}
	if err := e.reserve(len(s) - start + 1); err != nil {
		return err
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
	return nil
}

// arrayLength is lua-cjson's lua_array_length: the largest key when
// every key is a positive integer (0 for an empty table), -1 when the
// table is an object; an excessively sparse array is an error, or an
// object under encode_sparse_array(true).
func (e *encoder) arrayLength(t *value.Table) (int64, error) {
	var maxKey, items int64
	for k := range t.All() {
		var i int64
		switch {
		case k.IsInt():
			i = k.AsInt()
		case k.IsFloat():
			// An integral float key is stored as an integer; others are not indices.
			return -1, nil
		default:
			return -1, nil
		}
		if i < 1 {
			return -1, nil
		}
		maxKey = max(maxKey, i)
		items++
	}
	if err := e.tick(int(items)); err != nil {
		return 0, err
	}
	r := e.c.sparseRatio
	if r > 0 && maxKey > items*r && maxKey > e.c.sparseSafe {
		if !e.c.sparseConvert {
			return 0, errorf("Cannot serialise table: excessively sparse array")
		}
		return -1, nil
	}
	return maxKey, nil
}

func (e *encoder) table(t *value.Table, depth int64) error {
	if depth > e.c.encodeMaxDepth || depth > hardMaxDepth {
		return errorf("Cannot serialise, excessive nesting (%d)", depth)
	}
	if t.Meta != nil && t.Meta == e.c.arrayMT {
		return e.array(t, t.Len(), depth)
	}
	n, err := e.arrayLength(t)
	if err != nil {
		return err
	}
	emptyArray := t.Meta != nil && t.Meta == e.c.emptyArrayMT
	if n > 0 || n == 0 && (!e.c.emptyAsObject || emptyArray) {
		return e.array(t, n, depth)
	}
	return e.object(t, depth)
}

func (e *encoder) array(t *value.Table, n int64, depth int64) error {
	if err := e.write("["); err != nil {
		return err
	}
	for i := int64(1); i <= n; i++ {
		if i > 1 {
			if err := e.write(","); err != nil {
				return err
			}
		}
		if err := e.value(t.GetInt(i), depth); err != nil {
			return err
		}
	}
	return e.write("]")
}

func (e *encoder) object(t *value.Table, depth int64) error {
	if err := e.write("{"); err != nil {
		return err
	}
	first := true
	for k, v := range t.All() {
		if e.c.skipUnsupported && !supported(v) {
			continue
		}
		if !first {
			if err := e.write(","); err != nil {
				return err
			}
		}
		first = false
		switch {
		case k.IsString():
			if err := e.str(k.AsString()); err != nil {
				return err
			}
		case k.IsNumber():
			if err := e.write(`"`); err != nil {
				return err
			}
			if err := e.number(k); err != nil {
				return err
			}
			if err := e.write(`"`); err != nil {
				return err
			}
		default:
			return errorf("Cannot serialise %s: table key must be a number or string", k.TypeName())
		}
		if err := e.write(":"); err != nil {
			return err
		}
		if err := e.value(v, depth); err != nil {
			return err
		}
	}
	return e.write("}")
}
