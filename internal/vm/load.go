package vm

import (
	"strings"

	"github.com/tidelua/tide/internal/compiler"
	"github.com/tidelua/tide/internal/parser"
	"github.com/tidelua/tide/internal/value"
)

// Load compiles a text chunk (binary chunks: see mode) and returns the main
// function as a closure whose first upvalue is env (the globals when env is
// nil). mode is "t", "b" or "bt" as load() takes it. Syntax errors are
// returned as *LuaError whose value is the message string
// ("chunk:line: msg near 'tok'").
func (st *State) Load(src []byte, chunkname, mode string, env value.Value) (value.Value, error) {
	if mode == "" {
		mode = "bt"
	}
	if len(src) > 0 && src[0] == 0x1b {
		if !strings.Contains(mode, "b") {
			return value.Nil, &LuaError{Value: value.String("attempt to load a binary chunk (mode is '" + mode + "')")}
		}
		return value.Nil, &LuaError{Value: value.String(chunkID(chunkname) + ": binary chunks are not supported")}
	}
	if !strings.Contains(mode, "t") {
		return value.Nil, &LuaError{Value: value.String("attempt to load a text chunk (mode is '" + mode + "')")}
	}
	chunk, err := parser.Parse(src, chunkname)
	if err != nil {
		return value.Nil, &LuaError{Value: value.String(err.Error())}
	}
	p, err := compiler.Compile(chunk)
	if err != nil {
		return value.Nil, &LuaError{Value: value.String(err.Error())}
	}
	cl := &Closure{Proto: p, Upvals: make([]*Upvalue, len(p.Upvalues))}
	for i := range cl.Upvals {
		cl.Upvals[i] = NewUpvalue(value.Nil)
	}
	if len(cl.Upvals) > 0 {
		if env.IsNil() {
			env = value.TableValue(st.globals)
		}
		cl.Upvals[0].Set(env)
	}
	return ClosureValue(cl), nil
}
