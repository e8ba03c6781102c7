package vm

import (
	"strings"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/compiler"
	"github.com/tidelua/tide/internal/parser"
	"github.com/tidelua/tide/internal/value"
)

// Load compiles a text chunk, or decodes and verifies a binary chunk (one
// starting with "\x1b", as string.dump makes them, see bytecode.Dump), and
// returns the main function as a closure whose first upvalue is env (the
// globals when env is nil) and whose other upvalues are fresh and nil.
// mode is "t", "b" or "bt" as load() takes it. Syntax errors and bad
// binary chunks are returned as *LuaError whose value is the message
// string ("chunk:line: msg near 'tok'", "chunk: bad binary format (...)").
func (st *State) Load(src []byte, chunkname, mode string, env value.Value) (value.Value, error) {
	if mode == "" {
		mode = "bt"
	}
	if len(src) > 0 && src[0] == 0x1b {
		if !strings.Contains(mode, "b") {
			return value.Nil, &LuaError{Value: value.String("attempt to load a binary chunk (mode is '" + mode + "')")}
		}
		if st.opts.NoBinaryChunks {
			return value.Nil, &LuaError{Value: value.String("attempt to load a binary chunk (binary chunks are disabled)")}
		}
		p, err := undump(src, chunkname)
		if err != nil {
			return value.Nil, &LuaError{Value: value.String(err.Error())}
		}
		return st.newMainClosure(p, env), nil
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
	return st.newMainClosure(p, env), nil
}

// newMainClosure makes the closure of a loaded chunk: fresh upvalues, the
// first one set to env (the globals when env is nil), as lua_load does.
func (st *State) newMainClosure(p *bc.Proto, env value.Value) value.Value {
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
	return ClosureValue(cl)
}

// undump decodes and verifies a binary chunk (the reference's
// luaU_undump). The vm runs bytecode without checks, so a chunk is
// verified before it can run: a malformed one is reported as
// "chunk: bad binary format (invalid code: ...)".
func undump(src []byte, chunkname string) (*bc.Proto, error) {
	p, err := bc.Undump(src, chunkname)
	if err != nil {
		return nil, err
	}
	if err := bc.Verify(p); err != nil {
		return nil, &bc.FormatError{Chunk: bc.DumpChunkName(chunkname), Why: "invalid code: " + err.Error()}
	}
	p.HashKeys()
	return p, nil
}

// Compile compiles a text chunk into a Proto that any number of States
// may run (LoadProto); errors are *LuaError messages as Load gives them.
func Compile(src []byte, chunkname string) (*bc.Proto, error) {
	chunk, err := parser.Parse(src, chunkname)
	if err != nil {
		return nil, &LuaError{Value: value.String(err.Error())}
	}
	p, err := compiler.Compile(chunk)
	if err != nil {
		return nil, &LuaError{Value: value.String(err.Error())}
	}
	return p, nil
}

// LoadProto returns a main closure over p, a Proto from Compile: p is
// never modified, so States on different goroutines can share it.
func (st *State) LoadProto(p *bc.Proto) value.Value {
	return st.newMainClosure(p, value.Nil)
}
