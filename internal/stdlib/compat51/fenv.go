package compat51

import (
	"errors"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// envTarget resolves the first argument of getfenv and setfenv (5.1's
// getfunc): a function, or a stack level counted from the caller (1 is
// the function calling getfenv). level0 reports level 0, the thread's
// environment.
func envTarget(l *vm.Thread, args []value.Value, opt bool) (fn value.Value, level0 bool, err error) {
	if len(args) >= 1 && args[0].IsFunction() {
		return args[0], false, nil
	}
	level := int64(1)
	if !opt || !check.IsNoneOrNil(args, 1) {
		v, err := check.Number(args, 1)
		if err != nil {
			return value.Nil, false, err
		}
		i, ok := value.ToInteger(v)
		if !ok {
			f, _ := value.ToFloat(v)
			i = int64(f) // luaL_checkint truncates
		}
		level = i
	}
	if level == 0 {
		return value.Nil, true, nil
	}
	if level < 0 || level > 1<<30 {
		return value.Nil, false, vm.ArgError(1, "invalid level")
	}
	fr, ok := l.Level(int(level))
	if !ok {
		return value.Nil, false, vm.ArgError(1, "invalid level")
	}
	// The host's level has no function value: it is treated as a Go
	// function (the global table, and setfenv refuses it).
	d, _ := l.FrameInfo(fr, "f")
	return d.Func, false, nil
}

// envIndex returns the index in fn's upvalues of its _ENV, or -1 when fn
// is not a Lua function or has no _ENV upvalue.
func envIndex(fn value.Value) int {
	cl := vm.AsClosure(fn)
	if cl == nil {
		return -1
	}
	for i, u := range cl.Proto.Upvalues {
		if u.Name == "_ENV" && i < len(cl.Upvals) {
			return i
		}
	}
	return -1
}

// getfenv is 5.1's getfenv([f]): the environment of a function or of the
// function at a stack level: its _ENV upvalue, or the global table.
func getfenv(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	fn, level0, err := envTarget(l, args, true)
	if err != nil {
		return nil, err
	}
	globals := value.TableValue(l.State().Globals())
	if level0 {
		return l.Ret1(globals), nil
	}
	if i := envIndex(fn); i >= 0 {
		return l.Ret1(vm.AsClosure(fn).Upvals[i].Get()), nil
	}
	return l.Ret1(globals), nil
}

var errSetfenv = errors.New("'setfenv' cannot change environment of given object")

// setfenv is 5.1's setfenv(f, table): f (a function or a stack level)
// gets table as its environment, in a _ENV upvalue of its own; it
// returns f.
func setfenv(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if _, err := check.Table(args, 2); err != nil {
		return nil, err
	}
	fn, level0, err := envTarget(l, args, false)
	if err != nil {
		return nil, err
	}
	env := args[1]
	if level0 {
		if env.AsTable() == l.State().Globals() {
			return nil, nil
		}
		return nil, errors.New("'setfenv' cannot change the thread's environment (level 0) in tide")
	}
	if vm.AsClosure(fn) == nil {
		return nil, errSetfenv
	}
	if i := envIndex(fn); i >= 0 {
		vm.AsClosure(fn).Upvals[i] = vm.NewUpvalue(env)
	}
	return l.Ret1(fn), nil
}
