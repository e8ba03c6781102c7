package tide

import (
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// installFileLoaders replaces the base library's loadfile and dofile by
// versions that resolve relative names against Options.Dir, so a State
// behaves as if started in that directory without changing the process's
// working directory (which tests running in parallel cannot do).
func (s *State) installFileLoaders() {
	g := s.vm.Globals()
	g.SetStr("loadfile", vm.NewGoFunction("loadfile", s.luaLoadfile))
	g.SetStr("dofile", vm.NewGoFunction("dofile", s.luaDofile))
}

// loadChunk is loadfile's core: the loaded function, or the error message.
func (s *State) loadChunk(l *vm.Thread, args []value.Value) (value.Value, string) {
	path := ""
	if len(args) > 0 && !args[0].IsNil() {
		str, ok := value.ToStringCoerce(args[0])
		if !ok {
			return value.Nil, ""
		}
		path = str
	}
	mode := "bt"
	if len(args) > 1 && !args[1].IsNil() {
		if m, ok := value.ToStringCoerce(args[1]); ok {
			mode = m
		}
	}
	env := value.Nil
	hasEnv := len(args) > 2
	if hasEnv {
		env = args[2]
	}
	src, chunkname, err := s.readChunk(path)
	if err != nil {
		return value.Nil, err.Error()
	}
	var fn value.Value
	if hasEnv && env.IsNil() {
		// An explicit nil env: the reference sets the chunk's _ENV to nil;
		// the vm's Load treats nil as "the globals", so load with a
		// placeholder table and accept the difference for now.
		fn, err = l.State().Load(src, chunkname, mode, value.TableValue(value.NewTable(0, 0)))
	} else {
		fn, err = l.State().Load(src, chunkname, mode, env)
	}
	if err != nil {
		if le, ok := err.(*vm.LuaError); ok {
			return value.Nil, le.Error()
		}
		return value.Nil, err.Error()
	}
	return fn, ""
}

func (s *State) luaLoadfile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) > 0 && !args[0].IsNil() && !args[0].IsString() && !args[0].IsNumber() {
		return nil, vm.TypeError(args, 1, "string")
	}
	fn, msg := s.loadChunk(l, args)
	if msg != "" {
		return l.Ret(value.Nil, value.String(msg)), nil
	}
	return l.Ret1(fn), nil
}

func (s *State) luaDofile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) > 0 && !args[0].IsNil() && !args[0].IsString() && !args[0].IsNumber() {
		return nil, vm.TypeError(args, 1, "string")
	}
	var a []value.Value
	if len(args) > 0 {
		a = args[:1]
	}
	fn, msg := s.loadChunk(l, a)
	if msg != "" {
		return nil, &vm.LuaError{Value: value.String(msg)}
	}
	rs, err := l.Call(fn)
	if err != nil {
		return nil, err
	}
	return l.Ret(rs...), nil
}
