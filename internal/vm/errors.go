package vm

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/lexer"
	"github.com/tidelua/tide/internal/value"
)

// QuotaError is raised when a State exceeds a quota or the context of the
// run is done. pcall cannot catch it; it is returned unchanged by
// Thread.Call. Kind is the sentinel of the quota (ErrInstructionLimit,
// ErrDepthLimit), nil for a cancelled run, whose Cause is ctx.Err().
type QuotaError struct {
	Msg       string
	Kind      error
	Cause     error
	Traceback string // where the run stopped, as "stack traceback:\n\t..."
}

func (e *QuotaError) Error() string { return e.Msg }

// Unwrap returns the context's error for a cancelled run, else nil.
func (e *QuotaError) Unwrap() error { return e.Cause }

// Is reports whether target is the sentinel of e's quota.
func (e *QuotaError) Is(target error) bool { return e.Kind != nil && target == e.Kind }

// ErrInstructionLimit is matched (errors.Is) by the error returned when
// Options.MaxInstructions is exhausted.
var ErrInstructionLimit = errors.New("instruction limit exceeded")

// ErrDepthLimit is matched (errors.Is) by the error returned when a call
// goes deeper than Options.MaxCallDepth.
var ErrDepthLimit = errors.New("depth limit exceeded")

func (l *Thread) errInstructions() *QuotaError {
	return l.stopped(&QuotaError{Msg: "instruction limit exceeded", Kind: ErrInstructionLimit})
}

// stopped records where the run stopped in q.
func (l *Thread) stopped(q *QuotaError) *QuotaError {
	q.Traceback = l.errorTraceback()
	return q
}

// errYield is the sentinel a Go function returns (through Thread.Yield) to
// suspend the running coroutine.
var errYield = errors.New("vm: yield")

// errPCall is the sentinel PCall/XPCall return to ask the loop to turn their
// frame into a protected-call marker.
var errPCall = errors.New("vm: pcall")

// errTailCall is the sentinel Thread.TailCall returns: the Go function
// asks to be replaced by a call.
var errTailCall = errors.New("vm: tail call")

func (l *Thread) newError(v value.Value) *LuaError { return &LuaError{Value: v} }

// throw raises v as a Lua error from the current point. The xpcall message
// handler, if any, runs here, before any frame is unwound.
// throwMemory raises "not enough memory" the way the reference raises
// LUA_ERRMEM: no position, no message handler, no traceback.
func (l *Thread) throwMemory() {
	panic(&LuaError{Value: value.String(errNoMemory)})
}

func (l *Thread) throw(v value.Value) {
	e := &LuaError{Value: v}
	l.prepareError(e)
	panic(e)
}

// prepareError runs the message handler of the innermost protected call (or
// records the traceback when nothing in the thread will catch the error).
func (l *Thread) prepareError(e *LuaError) {
	m := l.innerMarker()
	if m < 0 {
		if l.isMain && e.Traceback == "" {
			e.Traceback = l.errorTraceback()
		}
		return
	}
	f := &l.frames[m]
	if f.flags&fHandler == 0 {
		return
	}
	h := l.stack[f.fn]
	if l.inHandler > 0 {
		e.Value = value.String("error in error handling")
		return
	}
	l.inHandler++
	defer func() { l.inHandler-- }()
	r, err := l.callNoYield(h, []value.Value{e.Value}, 1)
	if err != nil {
		if le, ok := err.(*LuaError); ok {
			e.Value = le.Value
			if !strings.Contains(le.Error(), "error in error handling") {
				e.Value = value.String("error in error handling")
			}
			return
		}
		panic(err)
	}
	if len(r) > 0 {
		e.Value = r[0]
	} else {
		e.Value = value.Nil
	}
}

// innerMarker returns the index of the innermost pcall marker, or -1.
func (l *Thread) innerMarker() int {
	for i := l.ci; i > 0; i-- {
		if l.frames[i].flags&fPCall != 0 {
			return i
		}
	}
	return -1
}

// rtError raises a runtime error with the position of the current Lua
// function ("chunk:line: msg").
func (l *Thread) rtError(format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	l.throw(value.String(l.where(l.ci) + msg))
}

// where returns "chunk:line: " for frame i when it is a Lua frame, else "".
func (l *Thread) where(i int) string {
	if i <= 0 || i > l.ci {
		return ""
	}
	f := &l.frames[i]
	if f.cl == nil {
		return ""
	}
	return chunkID(f.cl.Proto.Source) + ":" + strconv.Itoa(f.line()) + ": "
}

// line returns the current line of a Lua frame.
func (f *frame) line() int {
	p := f.cl.Proto
	pc := f.pc - 1
	if pc < 0 {
		pc = 0
	}
	if pc < len(p.Lines) {
		return int(p.Lines[pc])
	}
	return p.LineDefined
}

// Where returns the position prefix ("chunk:line: ") of the function at
// the given level (1 = the function calling the running Go function), as
// luaL_where does; "" when that function is not a Lua function.
func (l *Thread) Where(level int) string {
	// luaL_where: nothing when the line is unknown (stripped code).
	if i := l.ci - level; i > 0 && i <= l.ci && l.frames[i].cl != nil && l.frames[i].line() <= 0 {
		return ""
	}
	return l.where(l.ci - level)
}

// goError converts the error a Go function returned into a Lua error value
// and raises it. Frame l.ci is the Go function's frame.
func (l *Thread) goError(err error) {
	switch e := err.(type) {
	case *LuaError:
		if e.Traceback == "" {
			l.prepareError(e)
		}
		panic(e)
	case *ArgErr:
		l.throw(value.String(l.Where(1) + l.argErrorMsg(e)))
	case *QuotaError:
		if e.Traceback == "" {
			l.stopped(e)
		}
		panic(e)
	case *ExitError, *HostStop:
		panic(e)
	case memError:
		l.throwMemory()
	}
	l.throw(value.String(l.Where(1) + err.Error()))
}

// argErrorMsg formats an ArgErr like luaL_argerror.
func (l *Thread) argErrorMsg(e *ArgErr) string {
	n := e.N
	kind, name := l.funcName(l.ci)
	if kind == "method" {
		n--
		if n == 0 {
			return fmt.Sprintf("calling '%s' on bad self (%s)", name, e.Msg)
		}
	}
	if kind == "" {
		if g := l.globalFuncName(l.frames[l.ci].function(l)); g != "" {
			name = g
		} else {
			name = "?"
		}
	}
	return fmt.Sprintf("bad argument #%d to '%s' (%s)", n, name, e.Msg)
}

// function returns the function value running in frame f.
func (f *frame) function(l *Thread) value.Value {
	if f.cl != nil {
		return ClosureValue(f.cl)
	}
	if f.gofn != nil {
		return GoFunctionValue(f.gofn)
	}
	return value.Nil
}

// Error is the error function of the base library (error(v [, level])).
func Error(l *Thread, args []value.Value) ([]value.Value, error) {
	v := value.Nil
	if len(args) > 0 {
		v = args[0]
	}
	level := int64(1)
	if len(args) > 1 && !args[1].IsNil() {
		lv, ok := value.ToInteger(args[1])
		if !ok {
			return nil, TypeError(args, 2, "number")
		}
		level = lv
	}
	if v.IsString() && level > 0 && level < int64(l.ci) {
		v = value.String(l.Where(int(level)) + v.AsString())
	}
	return nil, &LuaError{Value: v}
}

// runtimeErrorValue converts a recovered Go panic into a Lua error.
func runtimeErrorValue(r any) *LuaError {
	switch e := r.(type) {
	case *LuaError:
		return e
	case error:
		return &LuaError{Value: value.String("go panic: " + e.Error() + "\n" + string(debug.Stack()))}
	}
	return &LuaError{Value: value.String(fmt.Sprintf("go panic: %v\n%s", r, debug.Stack()))}
}

// chunkID formats a chunk name for messages (luaO_chunkid, in the lexer).
func chunkID(src string) string { return lexer.ChunkID(src) }
