package vm

import "github.com/tidelua/tide/internal/value"

// State is one Lua universe: globals, registry, string metatable, and the
// coroutines that run in it. A State is used by one goroutine at a time.
type State struct {
	opts       Options
	globals    *value.Table
	registry   *value.Table
	stringMeta *value.Table
	main       *Thread
}

// Thread is a Lua coroutine (the main one included): its own value stack
// and call frames.
type Thread struct {
	st      *State
	scratch []value.Value
}

// NewState returns a State with no libraries opened.
func NewState(opts Options) *State {
	st := &State{opts: opts, globals: value.NewTable(0, 64), registry: value.NewTable(0, 4)}
	st.main = &Thread{st: st}
	return st
}

// Main returns the main thread.
func (st *State) Main() *Thread { return st.main }

// Globals returns the global table (_G).
func (st *State) Globals() *value.Table { return st.globals }

// Registry returns the registry table.
func (st *State) Registry() *value.Table { return st.registry }

// StringMeta returns the metatable shared by all strings (nil if unset).
func (st *State) StringMeta() *value.Table { return st.stringMeta }

// SetStringMeta sets the metatable shared by all strings.
func (st *State) SetStringMeta(t *value.Table) { st.stringMeta = t }

// Options returns the options the State was created with, with defaults
// filled in (non-nil writers).
func (st *State) Options() Options { return st.opts }

// State returns the State the thread belongs to.
func (l *Thread) State() *State { return l.st }

// Call calls fn with args and returns all its results (nested call: a
// coroutine cannot yield across it, which gives the reference's "attempt to
// yield across a C-call boundary"). The returned slice is fresh. Errors are
// *LuaError (or a quota/cancellation error that must be passed through).
func (l *Thread) Call(fn value.Value, args ...value.Value) ([]value.Value, error) {
	panic("vm: Call not implemented yet")
}

// Call1 is Call truncated to one result (nil when there is none).
func (l *Thread) Call1(fn value.Value, args ...value.Value) (value.Value, error) {
	r, err := l.Call(fn, args...)
	if err != nil || len(r) == 0 {
		return value.Nil, err
	}
	return r[0], nil
}

// ToString converts v as tostring() does: __tostring, then __name, then the
// default ("table: 0x...", numbers formatted like the reference).
func (l *Thread) ToString(v value.Value) (string, error) {
	panic("vm: ToString not implemented yet")
}

// Index returns v[k] with metamethods (__index).
func (l *Thread) Index(v, k value.Value) (value.Value, error) {
	panic("vm: Index not implemented yet")
}

// SetIndex performs v[k] = x with metamethods (__newindex).
func (l *Thread) SetIndex(v, k, x value.Value) error {
	panic("vm: SetIndex not implemented yet")
}

// Len returns #v with metamethods (__len).
func (l *Thread) Len(v value.Value) (value.Value, error) {
	panic("vm: Len not implemented yet")
}

// Equal returns v1 == v2 with metamethods (__eq).
func (l *Thread) Equal(a, b value.Value) (bool, error) {
	panic("vm: Equal not implemented yet")
}

// LessThan returns a < b with metamethods (__lt).
func (l *Thread) LessThan(a, b value.Value) (bool, error) {
	panic("vm: LessThan not implemented yet")
}

// Metatable returns v's metatable (nil if none): tables and userdata own
// theirs, strings share State.StringMeta.
func (l *Thread) Metatable(v value.Value) *value.Table {
	panic("vm: Metatable not implemented yet")
}

// Load compiles a text chunk (binary chunks: see mode) and returns the main
// function as a closure whose first upvalue is env (the globals when env is
// nil). mode is "t", "b" or "bt" as load() takes it. Syntax errors are
// returned as *LuaError whose value is the message string
// ("chunk:line: msg near 'tok'").
func (st *State) Load(src []byte, chunkname, mode string, env value.Value) (value.Value, error) {
	panic("vm: Load not implemented yet")
}
