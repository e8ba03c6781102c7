package tide

import (
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Value is a Lua value held by the host: nil, a boolean, a number, a
// string, or a handle to a table, function, coroutine or userdata of the
// State that produced it. The zero Value is nil. A handle must only be
// passed back to its own State. Values are small and are passed by value.
//
// While the host holds a handle (any copy of the Value), the object stays
// reachable for the State's collector: weak tables keep it and its __gc
// finalizer does not run before [State.Close].
//
// A handle reaches its object only through the State's pin, never through
// a pointer of its own, so the State stays free to move its objects (to
// defragment memory) while the host holds handles.
type Value struct {
	v   value.Value // nil, booleans, numbers and strings; nil for handles
	pin *vm.Pin     // the handle of a collectable object, or nil
}

// hold wraps a value produced by s for the host, pinning collectable
// objects.
func (s *State) hold(v value.Value) Value {
	if pin := s.vm.Pin(v); pin != nil {
		return Value{pin: pin}
	}
	return Value{v: v}
}

// lua returns the Lua value v stands for.
func (v Value) lua() value.Value {
	if v.pin != nil {
		return v.pin.Value()
	}
	return v.v
}

// String returns s as a Lua string.
func String(s string) Value { return Value{v: value.String(s)} }

// Int returns i as a Lua integer.
func Int(i int64) Value { return Value{v: value.Int(i)} }

// Float returns f as a Lua float.
func Float(f float64) Value { return Value{v: value.Float(f)} }

// Bool returns b as a Lua boolean.
func Bool(b bool) Value { return Value{v: value.Bool(b)} }

// Type returns the Lua type name of v, as type() does: "nil", "number",
// "string", "table", "function", ...
func (v Value) Type() string { return v.lua().TypeName() }

// IsInteger reports whether v is a number of the integer subtype.
func (v Value) IsInteger() bool { return v.lua().IsInt() }

// IsFloat reports whether v is a number of the float subtype.
func (v Value) IsFloat() bool { return v.lua().IsFloat() }

// IsNil reports whether v is nil.
func (v Value) IsNil() bool { return v.lua().IsNil() }

// ToInt returns v as an integer, as lua_tointegerx does: integers, floats
// with an exact integer value, and strings that convert to one; ok is false
// for anything else.
func (v Value) ToInt() (i int64, ok bool) { return value.ToInteger(v.lua()) }

// ToFloat returns v as a float, as lua_tonumberx does: numbers and strings
// that convert to a number; ok is false for anything else.
func (v Value) ToFloat() (f float64, ok bool) { return value.ToFloat(v.lua()) }

// Truthy reports whether v counts as true in a condition: everything but
// nil and false.
func (v Value) Truthy() bool { return v.lua().Truthy() }

// NewUserdata returns a full userdata holding the Go value data, with
// metatable (a table, or nil for none) giving it methods and operators:
// metatable.__index with Functions makes u:method() calls, __name names
// its type in messages, __gc runs when it becomes garbage, __close when a
// <close> variable holding it goes out of scope. Lua code cannot reach
// data; Go code gets it back with [Value.Userdata].
func (s *State) NewUserdata(data any, metatable Value) Value {
	return s.hold(vm.UserdataValue(&vm.Userdata{Data: data, Meta: metatable.lua().ToTable()}))
}

// Userdata returns the Go value a userdata made by [State.NewUserdata]
// holds; ok is false when v is not a userdata.
func (v Value) Userdata() (data any, ok bool) {
	u := vm.AsUserdata(v.lua())
	if u == nil {
		return nil, false
	}
	return u.Data, true
}
