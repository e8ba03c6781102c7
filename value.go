package tide

import "github.com/tidelua/tide/internal/value"

// Value is a Lua value held by the host: nil, a boolean, a number, a
// string, or a handle to a table, function, coroutine or userdata of the
// State that produced it. The zero Value is nil. A handle must only be
// passed back to its own State. Values are small and are passed by value.
type Value struct{ v value.Value }

// String returns s as a Lua string.
func String(s string) Value { return Value{value.String(s)} }

// Int returns i as a Lua integer.
func Int(i int64) Value { return Value{value.Int(i)} }

// Float returns f as a Lua float.
func Float(f float64) Value { return Value{value.Float(f)} }

// Bool returns b as a Lua boolean.
func Bool(b bool) Value { return Value{value.Bool(b)} }

// Type returns the Lua type name of v, as type() does: "nil", "number",
// "string", "table", "function", ...
func (v Value) Type() string { return v.v.TypeName() }

// IsNil reports whether v is nil.
func (v Value) IsNil() bool { return v.v.IsNil() }
