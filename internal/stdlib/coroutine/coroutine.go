// Package coroutine is Lua's coroutine library (§6.2): create, resume,
// yield, status, wrap, isyieldable, running and close, on top of the vm's
// coroutine threads.
package coroutine

import (
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Open registers the coroutine table in st's globals.
func Open(st *vm.State) {
	t := value.NewTable(0, 8)
	reg := vm.Registrar(t, "coroutine")
	reg("create", create)
	reg("resume", resume)
	reg("yield", yield)
	reg("status", status)
	reg("wrap", wrap)
	reg("isyieldable", isyieldable)
	reg("running", running)
	reg("close", closeCo)
	st.SetGlobal("coroutine", value.TableValue(t))
	if loaded := st.Registry().GetStr("_LOADED").ToTable(); loaded != nil {
		loaded.SetStr("coroutine", value.TableValue(t))
	}
}

func checkThread(args []value.Value, n int) (*vm.Thread, error) {
	if n-1 < len(args) {
		if co := vm.AsThread(args[n-1]); co != nil {
			return co, nil
		}
	}
	return nil, vm.TypeError(args, n, "thread")
}

func create(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) == 0 || !args[0].IsFunction() {
		return nil, vm.TypeError(args, 1, "function")
	}
	return l.Ret1(vm.ThreadValue(l.NewThread(args[0]))), nil
}

func resume(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	co, err := checkThread(args, 1)
	if err != nil {
		return nil, err
	}
	r, err := l.Resume(co, args[1:])
	if err != nil {
		if le, ok := err.(*vm.LuaError); ok {
			return l.Ret(value.False, le.Value), nil
		}
		return nil, err
	}
	out := l.RetN(len(r) + 1)
	out[0] = value.True
	copy(out[1:], r)
	return out, nil
}

func yield(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return l.Yield(args)
}

func status(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	co, err := checkThread(args, 1)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.String(l.Status(co))), nil
}

func isyieldable(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	co := l
	if len(args) > 0 {
		c, err := checkThread(args, 1)
		if err != nil {
			return nil, err
		}
		co = c
	}
	return l.Ret1(value.Bool(co.IsYieldable())), nil
}

func running(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return l.Ret(l.Running(), value.Bool(l.IsMain())), nil
}

func wrap(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) == 0 || !args[0].IsFunction() {
		return nil, vm.TypeError(args, 1, "function")
	}
	co := l.NewThread(args[0])
	fn := func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		r, err := l.Resume(co, args)
		if err != nil {
			le, ok := err.(*vm.LuaError)
			if !ok {
				return nil, err
			}
			v := le.Value
			if l.Status(co) == "dead" {
				if cerr := l.CloseThread(co); cerr != nil {
					if ce, ok := cerr.(*vm.LuaError); ok {
						v = ce.Value
					}
				}
			}
			if v.IsString() {
				v = value.String(l.Where(1) + v.AsString())
			}
			return nil, &vm.LuaError{Value: v}
		}
		return r, nil
	}
	return l.Ret1(vm.NewGoClosure("wrap", fn, vm.ThreadValue(co))), nil
}

func closeCo(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	co, err := checkThread(args, 1)
	if err != nil {
		return nil, err
	}
	switch l.Status(co) {
	case "running":
		return nil, &vm.LuaError{Value: value.String(l.Where(1) + "cannot close a running coroutine")}
	case "normal":
		return nil, &vm.LuaError{Value: value.String(l.Where(1) + "cannot close a normal coroutine")}
	}
	if err := l.CloseThread(co); err != nil {
		if le, ok := err.(*vm.LuaError); ok {
			return l.Ret(value.False, le.Value), nil
		}
		return nil, err
	}
	return l.Ret1(value.True), nil
}
