package tide

import (
	"errors"
	"iter"
	"math"

	"github.com/tidelua/tide/internal/value"
)

// Tables from Go. These operations are raw, as rawget, rawset and rawlen
// are in Lua: they never call metamethods, so they run no Lua code and
// need no context. A table is a Value of type "table"; operations on any
// other value report an error (Set) or see an empty table (Get, Len, All).

// errNotTable is what Set reports for a value that is not a table.
var errNotTable = errors.New("tide: not a table")

// NewTable returns a new empty table.
func (s *State) NewTable() Value { return s.hold(value.TableValue(value.NewTable(0, 0))) }

// Get returns t[key], or nil when t is not a table.
func (s *State) Get(t, key Value) Value {
	tt := t.lua().ToTable()
	if tt == nil {
		return Value{}
	}
	return s.hold(tt.Get(key.lua()))
}

// GetField returns t[name] for a string key: s.Get(t, String(name)).
func (s *State) GetField(t Value, name string) Value {
	tt := t.lua().ToTable()
	if tt == nil {
		return Value{}
	}
	return s.hold(tt.GetStr(name))
}

// Set assigns t[key] = v (v nil removes the entry). It fails when t is
// not a table or key is nil or NaN, as Lua's rawset does.
func (s *State) Set(t, key, v Value) error {
	tt := t.lua().ToTable()
	if tt == nil {
		return errNotTable
	}
	k := key.lua()
	switch {
	case k.IsNil():
		return errors.New("tide: table index is nil")
	case k.IsFloat() && math.IsNaN(k.AsFloat()):
		return errors.New("tide: table index is NaN")
	}
	tt.Set(k, v.lua())
	return nil
}

// SetField assigns t[name] = v for a string key.
func (s *State) SetField(t Value, name string, v Value) error {
	tt := t.lua().ToTable()
	if tt == nil {
		return errNotTable
	}
	tt.SetStr(name, v.lua())
	return nil
}

// Len returns the raw length of t (the # operator without __len), 0 when
// t is not a table.
func (s *State) Len(t Value) int64 {
	tt := t.lua().ToTable()
	if tt == nil {
		return 0
	}
	return tt.Len()
}

// All iterates over the entries of t in next's order, as pairs does
// without __pairs. The table must not gain new keys during the
// iteration (assigning or clearing existing ones is allowed, as in Lua).
func (s *State) All(t Value) iter.Seq2[Value, Value] {
	return func(yield func(Value, Value) bool) {
		tt := t.lua().ToTable()
		if tt == nil {
			return
		}
		for k, v := range tt.All() {
			if !yield(s.hold(k), s.hold(v)) {
				return
			}
		}
	}
}

// AsString returns the contents of a Lua string without conversion;
// ok is false for any other type (see State.ToString for tostring's
// conversion).
func (v Value) AsString() (str string, ok bool) {
	lv := v.lua()
	if !lv.IsString() {
		return "", false
	}
	return lv.AsString(), true
}

// Metatable returns the metatable of t (a table or userdata, or a
// string's shared one), nil when it has none. Like getmetatable, but raw:
// a __metatable field is not consulted.
func (s *State) Metatable(t Value) Value {
	mt := s.vm.Main().Metatable(t.lua())
	if mt == nil {
		return Value{}
	}
	return s.hold(value.TableValue(mt))
}

// SetMetatable sets the metatable of a table or userdata t; a nil mt
// removes it. As setmetatable, a metatable with __gc marks t for
// finalization and one with __mode makes t weak; unlike it, a protected
// metatable (__metatable) does not stop the host.
func (s *State) SetMetatable(t, mt Value) error {
	tv := t.lua()
	if tv.Type() != value.TypeTable && tv.Type() != value.TypeUserdata {
		return errors.New("tide: SetMetatable of a " + tv.TypeName() + " value (table or userdata expected)")
	}
	m := mt.lua()
	if m.IsNil() {
		s.vm.Main().SetMetatable(tv, nil)
		return nil
	}
	mtt := m.ToTable()
	if mtt == nil {
		return errors.New("tide: SetMetatable with a " + m.TypeName() + " metatable (table expected)")
	}
	s.vm.Main().SetMetatable(tv, mtt)
	return nil
}
