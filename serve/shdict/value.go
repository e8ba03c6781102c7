package shdict

import (
	"math"
	"strconv"
)

// Kind is the type of a [Value].
type Kind uint8

// The kinds of values a dict stores. Lists are entries of their own kind
// reached only through the list operations; they are never a Value.
const (
	KindNil Kind = iota
	KindBool
	KindInt
	KindFloat
	KindString
)

var kindNames = [...]string{KindNil: "nil", KindBool: "boolean", KindInt: "integer", KindFloat: "float", KindString: "string"}

// String returns the kind's name: "nil", "boolean", "integer", "float" or
// "string".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is what a dict stores under a key: nil, a boolean, an integer, a
// float or a string. Numbers keep their Lua subtype (integer or float).
// The zero Value is nil. Values are small, immutable and compared with ==.
type Value struct {
	kind Kind
	n    uint64 // booleans (0/1), integers, float bits
	s    string
}

// Nil is the nil Value (the zero Value).
var Nil = Value{}

// Bool returns b as a Value.
func Bool(b bool) Value {
	if b {
		return Value{kind: KindBool, n: 1}
	}
	return Value{kind: KindBool}
}

// Int returns i as an integer Value.
func Int(i int64) Value { return Value{kind: KindInt, n: uint64(i)} }

// Float returns f as a float Value.
func Float(f float64) Value { return Value{kind: KindFloat, n: math.Float64bits(f)} }

// String returns s as a string Value.
func String(s string) Value { return Value{kind: KindString, s: s} }

// Kind returns v's kind.
func (v Value) Kind() Kind { return v.kind }

// IsNil reports whether v is nil.
func (v Value) IsNil() bool { return v.kind == KindNil }

// IsNumber reports whether v is an integer or a float.
func (v Value) IsNumber() bool { return v.kind == KindInt || v.kind == KindFloat }

// AsBool returns the boolean v holds (false for other kinds).
func (v Value) AsBool() bool { return v.kind == KindBool && v.n != 0 }

// AsInt returns the integer v holds; a float is truncated toward zero
// (saturating), other kinds give 0.
func (v Value) AsInt() int64 {
	switch v.kind {
	case KindInt:
		return int64(v.n)
	case KindFloat:
		f := math.Float64frombits(v.n)
		switch {
		case f != f:
			return 0
		case f >= math.MaxInt64:
			return math.MaxInt64
		case f <= math.MinInt64:
			return math.MinInt64
		}
		return int64(f)
	}
	return 0
}

// AsFloat returns the number v holds as a float (integers converted);
// other kinds give 0.
func (v Value) AsFloat() float64 {
	switch v.kind {
	case KindInt:
		return float64(int64(v.n))
	case KindFloat:
		return math.Float64frombits(v.n)
	}
	return 0
}

// AsString returns the string v holds ("" for other kinds).
func (v Value) AsString() string { return v.s }

// String formats v as Lua's tostring would: "nil", "true", "42", "0.5",
// "1.0", or the string itself.
func (v Value) String() string {
	switch v.kind {
	case KindBool:
		return strconv.FormatBool(v.n != 0)
	case KindInt:
		return strconv.FormatInt(int64(v.n), 10)
	case KindFloat:
		return formatFloat(math.Float64frombits(v.n))
	case KindString:
		return v.s
	}
	return "nil"
}

// formatFloat formats f as Lua's "%.14g", adding ".0" to integral values.
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f != f:
		if math.Signbit(f) {
			return "-nan"
		}
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', 14, 64)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', 'e', 'n', 'i':
			return s
		}
	}
	return s + ".0"
}

// add returns a + b with Lua's arithmetic: integers wrap around, a float
// operand makes the result a float.
func add(a, b Value) Value {
	if a.kind == KindInt && b.kind == KindInt {
		return Int(int64(a.n) + int64(b.n))
	}
	return Float(a.AsFloat() + b.AsFloat())
}
