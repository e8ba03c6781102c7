package vm

import "github.com/tidelua/tide/internal/value"

// openCoroutineForTest registers a small coroutine table (the real library
// lives in internal/stdlib/coroutine, which imports this package).
func openCoroutineForTest(st *State) {
	t := value.NewTable(0, 8)
	t.SetStr("create", NewGoFunction("coroutine.create", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(ThreadValue(l.NewThread(args[0]))), nil
	}))
	t.SetStr("resume", NewGoFunction("coroutine.resume", func(l *Thread, args []value.Value) ([]value.Value, error) {
		r, err := l.Resume(AsThread(args[0]), args[1:])
		if err != nil {
			return l.Ret(value.False, err.(*LuaError).Value), nil
		}
		out := l.RetN(len(r) + 1)
		out[0] = value.True
		copy(out[1:], r)
		return out, nil
	}))
	t.SetStr("yield", NewGoFunction("coroutine.yield", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Yield(args)
	}))
	t.SetStr("status", NewGoFunction("coroutine.status", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.String(l.Status(AsThread(args[0])))), nil
	}))
	t.SetStr("isyieldable", NewGoFunction("coroutine.isyieldable", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.Bool(l.IsYieldable())), nil
	}))
	t.SetStr("close", NewGoFunction("coroutine.close", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if err := l.CloseThread(AsThread(args[0])); err != nil {
			return l.Ret(value.False, err.(*LuaError).Value), nil
		}
		return l.Ret1(value.True), nil
	}))
	t.SetStr("wrap", NewGoFunction("coroutine.wrap", func(l *Thread, args []value.Value) ([]value.Value, error) {
		co := l.NewThread(args[0])
		return l.Ret1(NewGoClosure("wrap", func(l *Thread, args []value.Value) ([]value.Value, error) {
			r, err := l.Resume(co, args)
			if err != nil {
				v := err.(*LuaError).Value
				if v.IsString() {
					v = value.String(l.Where(1) + v.AsString())
				}
				return nil, &LuaError{Value: v}
			}
			return r, nil
		}, ThreadValue(co))), nil
	}))
	st.SetGlobal("coroutine", value.TableValue(t))
}
