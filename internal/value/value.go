// Package value defines the Lua value representation and the raw operations
// on values: numbers and their conversions, strings, and tables. It knows no
// metamethods (the vm applies them) and no State.
//
// A Value is 16 bytes and never allocates for nil, booleans, integers and
// floats (../shared/VM-NOTES.md):
//
//	nil      p == nil
//	boolean  p == &boolTag,  n = 0 or 1
//	integer  p == &intTag,   n = uint64(int64)
//	float    p == &floatTag, n = math.Float64bits
//	string   p = first byte (or &emptyTag), n = kindString<<56 | length
//	object   p = *object,    n = kind<<56
//
// Strings are Go strings viewed through their data pointer, so converting a
// Go string to a Value is free and the bytes are shared, never copied.
// Objects (tables, functions, coroutines, userdata) put their pointer in p and
// their kind in the top byte of n. Types defined in other packages (the vm's
// closures and coroutines) are stored with FromObject and read back with
// Object.
//
// This package imports only the standard library.
package value

import (
	"math"
	"unsafe"
)

// Value is a Lua value. The zero Value is nil. Values are compared with
// RawEqual, never with ==.
type Value struct {
	p unsafe.Pointer
	n uint64
}

// Type is a Lua type as seen by the type() function, plus the integer/float
// subtypes of number.
type Type uint8

// Value types. The order of the object kinds is fixed: it is stored in n.
const (
	TypeNil Type = iota
	TypeBoolean
	TypeInteger // number, integer subtype
	TypeFloat   // number, float subtype
	TypeString
	TypeTable
	TypeFunction // Lua closure (vm.Closure)
	TypeGoFunction
	TypeUserdata
	TypeThread
	TypeLightUserdata
)

// Names as returned by Lua's type().
var typeNames = [...]string{
	TypeNil: "nil", TypeBoolean: "boolean", TypeInteger: "number", TypeFloat: "number",
	TypeString: "string", TypeTable: "table", TypeFunction: "function",
	TypeGoFunction: "function", TypeUserdata: "userdata", TypeThread: "thread",
	TypeLightUserdata: "userdata",
}

// String returns the name Lua's type() gives to values of type t.
func (t Type) String() string { return typeNames[t] }

const (
	kindShift = 56
	lenMask   = 1<<kindShift - 1
)

// Sentinels: their addresses tag the scalar kinds. They are never written.
var (
	boolTag  byte
	intTag   byte
	floatTag byte
	emptyTag byte // data pointer of the empty string
)

// Nil is the nil value.
var Nil = Value{}

// False and True are the boolean values.
var (
	False = Value{p: unsafe.Pointer(&boolTag), n: 0}
	True  = Value{p: unsafe.Pointer(&boolTag), n: 1}
)

// Bool returns the boolean b.
func Bool(b bool) Value {
	v := Value{p: unsafe.Pointer(&boolTag)}
	if b {
		v.n = 1
	}
	return v
}

// Int returns the integer i.
func Int(i int64) Value { return Value{p: unsafe.Pointer(&intTag), n: uint64(i)} }

// Float returns the float f.
func Float(f float64) Value { return Value{p: unsafe.Pointer(&floatTag), n: math.Float64bits(f)} }

// String returns the string s. The bytes are shared with s.
func String(s string) Value {
	if len(s) == 0 {
		return Value{p: unsafe.Pointer(&emptyTag), n: uint64(TypeString) << kindShift}
	}
	return Value{p: unsafe.Pointer(unsafe.StringData(s)), n: uint64(TypeString)<<kindShift | uint64(len(s))}
}

// Bytes returns a string value holding a copy of b.
func Bytes(b []byte) Value { return String(string(b)) }

// OwnedBytes returns a string value over b itself, without copying: the
// caller hands b over and must never modify it again. For buffers built
// to become a string (concatenation, gsub, format), where a copy of
// hundreds of megabytes would cost as much as building them.
func OwnedBytes(b []byte) Value {
	if len(b) == 0 {
		return String("")
	}
	return String(unsafe.String(unsafe.SliceData(b), len(b)))
}

// FromObject stores an object pointer of the given type (TypeTable,
// TypeFunction, TypeGoFunction, TypeUserdata, TypeThread, TypeLightUserdata).
// p must point to a live Go object.
func FromObject(t Type, p unsafe.Pointer) Value {
	if p == nil {
		return Nil
	}
	return Value{p: p, n: uint64(t) << kindShift}
}

// TableValue returns t as a value.
func TableValue(t *Table) Value { return FromObject(TypeTable, unsafe.Pointer(t)) }

// Type returns v's type, with the integer/float subtypes distinguished.
func (v Value) Type() Type {
	switch v.p {
	case nil:
		return TypeNil
	case unsafe.Pointer(&boolTag):
		return TypeBoolean
	case unsafe.Pointer(&intTag):
		return TypeInteger
	case unsafe.Pointer(&floatTag):
		return TypeFloat
	}
	return Type(v.n >> kindShift)
}

// TypeName returns the name type() gives to v ("number" for both subtypes).
func (v Value) TypeName() string { return typeNames[v.Type()] }

// IsNil reports whether v is nil.
func (v Value) IsNil() bool { return v.p == nil }

// IsInt reports whether v is an integer.
func (v Value) IsInt() bool { return v.p == unsafe.Pointer(&intTag) }

// IsFloat reports whether v is a float.
func (v Value) IsFloat() bool { return v.p == unsafe.Pointer(&floatTag) }

// IsNumber reports whether v is an integer or a float.
func (v Value) IsNumber() bool {
	return v.p == unsafe.Pointer(&intTag) || v.p == unsafe.Pointer(&floatTag)
}

// IsBool reports whether v is a boolean.
func (v Value) IsBool() bool { return v.p == unsafe.Pointer(&boolTag) }

// IsString reports whether v is a string.
func (v Value) IsString() bool { return v.isObject() && v.n>>kindShift == uint64(TypeString) }

// IsTable reports whether v is a table.
func (v Value) IsTable() bool { return v.isObject() && v.n>>kindShift == uint64(TypeTable) }

// IsFunction reports whether v is a Lua or Go function.
func (v Value) IsFunction() bool {
	if !v.isObject() {
		return false
	}
	k := Type(v.n >> kindShift)
	return k == TypeFunction || k == TypeGoFunction
}

func (v Value) isObject() bool {
	return v.p != nil && v.p != unsafe.Pointer(&boolTag) && v.p != unsafe.Pointer(&intTag) &&
		v.p != unsafe.Pointer(&floatTag)
}

// Truthy reports whether v counts as true: everything but nil and false.
func (v Value) Truthy() bool {
	return v.p != nil && !(v.p == unsafe.Pointer(&boolTag) && v.n == 0)
}

// IsFalsy reports whether v is nil or false.
func (v Value) IsFalsy() bool { return !v.Truthy() }

// AsBool returns the boolean held by v; v must be a boolean.
func (v Value) AsBool() bool { return v.n != 0 }

// AsInt returns the integer held by v; v must be an integer.
func (v Value) AsInt() int64 { return int64(v.n) }

// AsFloat returns the float held by v; v must be a float.
func (v Value) AsFloat() float64 { return math.Float64frombits(v.n) }

// AsString returns the string held by v without copying; v must be a string.
func (v Value) AsString() string {
	return unsafe.String((*byte)(v.p), int(v.n&lenMask))
}

// StrLen returns the length of the string held by v; v must be a string.
func (v Value) StrLen() int { return int(v.n & lenMask) }

// AsTable returns the table held by v; v must be a table.
func (v Value) AsTable() *Table { return (*Table)(v.p) }

// Object returns the object pointer held by an object value (table,
// function, userdata, thread); nil for other values.
func (v Value) Object() unsafe.Pointer {
	if !v.isObject() {
		return nil
	}
	return v.p
}

// ToTable returns the table held by v, or nil if v is not a table.
func (v Value) ToTable() *Table {
	if v.IsTable() {
		return (*Table)(v.p)
	}
	return nil
}

// RawEqual reports primitive equality (no __eq): same type and value;
// integer 1 equals float 1.0; NaN is not equal to itself; 0.0 equals -0.0.
func RawEqual(a, b Value) bool {
	if a.p == b.p && a.n == b.n {
		if a.p == unsafe.Pointer(&floatTag) {
			f := a.AsFloat()
			return f == f
		}
		return true
	}
	switch {
	case a.p == unsafe.Pointer(&intTag):
		if b.p == unsafe.Pointer(&floatTag) {
			return intFloatEqual(a.AsInt(), b.AsFloat())
		}
		return false
	case a.p == unsafe.Pointer(&floatTag):
		if b.p == unsafe.Pointer(&floatTag) {
			return a.AsFloat() == b.AsFloat()
		}
		if b.p == unsafe.Pointer(&intTag) {
			return intFloatEqual(b.AsInt(), a.AsFloat())
		}
		return false
	}
	if a.IsString() && b.IsString() {
		return a.n == b.n && a.AsString() == b.AsString()
	}
	return false
}

// intFloatEqual reports whether integer i and float f denote the same number.
func intFloatEqual(i int64, f float64) bool {
	fi, ok := FloatToInt(f)
	return ok && fi == i
}

// FloatToInt converts f to an integer when f has an exact integer value in
// range (Lua's luaV_flttointns with F2Ieq).
func FloatToInt(f float64) (int64, bool) {
	if f >= -9223372036854775808.0 && f < 9223372036854775808.0 {
		i := int64(f)
		if float64(i) == f {
			return i, true
		}
	}
	return 0, false
}
