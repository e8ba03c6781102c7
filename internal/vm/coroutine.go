package vm

import (
	"github.com/tidelua/tide/internal/value"
)

// Coroutines are Threads with their own value stack and frames. Resume runs
// the coroutine's frames in a nested dispatch loop; Yield (called by a Go
// function such as coroutine.yield) leaves the loop, keeping the frames,
// and the next Resume continues them. pcall markers, Lua calls and generic
// for iterators are frames in the loop, so yields cross them; a yield from
// inside a nested Go-level call (a metamethod run by a nested call, sort
// comparators, ...) gives "attempt to yield across a C-call boundary".

// Status returns the coroutine status as coroutine.status reports it for
// co seen from l: "running", "suspended", "normal" or "dead".
func (l *Thread) Status(co *Thread) string {
	if co == l {
		return "running"
	}
	switch co.status {
	case statusSuspended:
		return "suspended"
	case statusNormal:
		return "normal"
	case statusDead:
		return "dead"
	}
	return "running"
}

// IsYieldable reports whether the running coroutine can yield.
func (l *Thread) IsYieldable() bool { return !l.isMain && l.nny == 0 }

// Yield suspends the running coroutine, passing vals to Resume. A Go
// function yields by returning l.Yield(vals) as its results: when the
// coroutine is resumed, the resume arguments become the results of that Go
// function's call.
func (l *Thread) Yield(vals []value.Value) ([]value.Value, error) {
	if l.isMain {
		return nil, &LuaError{Value: value.String("attempt to yield from outside a coroutine")}
	}
	if l.nny > 0 {
		return nil, &LuaError{Value: value.String("attempt to yield across a C-call boundary")}
	}
	l.transfer = append(l.transfer[:0], vals...)
	return nil, errYield
}

// Resume resumes co with args (coroutine.resume). It returns the values
// passed to yield or returned by the body; the slice is valid until co
// runs again. A *LuaError reports an error that killed the coroutine.
func (l *Thread) Resume(co *Thread, args []value.Value) ([]value.Value, error) {
	if co.status == statusDead {
		return nil, &LuaError{Value: value.String("cannot resume dead coroutine")}
	}
	if co == l || co.status != statusSuspended || co.isMain {
		return nil, &LuaError{Value: value.String("cannot resume non-suspended coroutine")}
	}
	if l.ccalls >= maxCCalls {
		return nil, &LuaError{Value: value.String("C stack overflow")}
	}
	co.ccalls = l.ccalls + 1
	co.parent = l
	co.status = statusRunning
	prev := l.status
	l.status = statusNormal
	err := co.resumeRun(args)
	l.status = prev
	if err != nil {
		co.status = statusDead
		if le, ok := err.(*LuaError); ok {
			co.errVal = le
		}
		return nil, err
	}
	if co.yielded {
		co.yielded = false
		co.status = statusSuspended
		return co.transfer, nil
	}
	co.status = statusDead
	return co.stack[1:co.top], nil
}

func (co *Thread) resumeRun(args []value.Value) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if q := uncatchable(r); q != nil {
				err = q
				return
			}
			err = runtimeErrorValue(r)
		}
	}()
	if !co.body.IsNil() {
		fn := co.body
		co.body = value.Nil
		co.ensure(1, len(args)+1)
		co.stack[1] = fn
		copy(co.stack[2:], args)
		co.top = 2 + len(args)
		if co.precall(1, len(args), -1) == callLua {
			co.execute(1)
		}
		return nil
	}
	// continue after a yield: the resume arguments are the results of the
	// Go function that yielded
	f := &co.frames[co.ci]
	f.flags &^= fYield
	flags, fn := f.flags, f.fn
	first := f.top
	if co.top > first {
		first = co.top
	}
	co.ensure(first, len(args))
	copy(co.stack[first:], args)
	if co.hook.mask != 0 {
		co.top = first + len(args)
		co.retHook(first, len(args)) // the yielding function returns
	}
	co.retFrom(first, len(args))
	if flags&fFinishMM != 0 {
		co.finishMM(fn, flags) // a Go __close handler that yielded
	}
	if co.finishMarkers(1) {
		co.execute(1)
	}
	return nil
}

// CloseThread closes a suspended or dead coroutine (coroutine.close): it
// runs the pending to-be-closed variables and returns the error that
// killed the coroutine, if any (nil when it ended normally).
func (l *Thread) CloseThread(co *Thread) error {
	var errv value.Value
	isErr := false
	if co.errVal != nil {
		errv = co.errVal.Value
		isErr = true
	}
	co.status = statusDead
	var cerr error
	co.ci = 0
	// As luaD_closeprotected: an error in a __close handler becomes the
	// error passed to the remaining handlers and close's result.
	for len(co.tbc) > 0 {
		err := co.protect(func() {
			ev := co.closeTBC(0, errv, isErr)
			if isErr {
				errv = ev
			}
		})
		if err == nil {
			break
		}
		le, ok := err.(*LuaError)
		if !ok {
			cerr = err
			break
		}
		errv, isErr = le.Value, true
	}
	co.closeUpvals(0)
	co.tbc = co.tbc[:0]
	co.errVal = nil
	if cerr != nil {
		return cerr
	}
	if isErr {
		return &LuaError{Value: errv}
	}
	return nil
}

// Running returns the running coroutine (l itself) as a value.
func (l *Thread) Running() value.Value { return ThreadValue(l) }
