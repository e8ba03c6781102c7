package vm

// This file holds what the standard library packages (internal/stdlib/...)
// and the root package use to define Go functions and report errors: the
// calling convention (Fn), results without allocation (Ret), and the
// error values the vm words like the reference.

import (
	"fmt"
	"unsafe"

	"io"

	"github.com/tidelua/tide/internal/value"
)

// Fn is the signature of a Go function callable from Lua.
//
// args is a window on the caller's Lua stack: it is valid until the function
// calls back into Lua (Call, Index with an __index function, ...) or returns;
// copy what must outlive that. The function returns its results as a slice
// that the vm copies out immediately: nil for no results, a sub-slice of
// args, or a slice from l.Ret/l.Ret1/l.RetN (a per-thread scratch buffer, so
// returning results never allocates).
//
// A non-nil error becomes a Lua error. Plain errors (errors.New, fmt.Errorf)
// become a string message prefixed with the position of the calling Lua
// code, like luaL_error; ArgError/TypeError values are formatted like
// luaL_argerror ("bad argument #1 to 'insert' (table expected, got nil)")
// with the name under which the function was called; a *LuaError carries an
// arbitrary Lua value unchanged (what error() raises).
type Fn func(l *Thread, args []value.Value) ([]value.Value, error)

// GoFunction is a Go function as a Lua value (type "function").
//
// Refs lists the Lua values the Go function holds on to (a Go closure's
// captures: coroutine.wrap's coroutine, gmatch's subject). The collector
// cannot look inside Go closures: whatever such a function keeps must be in
// Refs, or weak tables may lose it and finalizers may run too early. A
// GoFunction with nil Refs is like the reference's light C function: not a
// collectable object (it is never removed from a weak table).
type GoFunction struct {
	Name string // for tracebacks and messages, e.g. "print" or "string.rep"
	Fn   Fn
	Refs []value.Value
	mark uint32 // collector epoch (gc.go)
}

// NewGoFunction returns a function value calling fn.
func NewGoFunction(name string, fn Fn) value.Value {
	return GoFunctionValue(&GoFunction{Name: name, Fn: fn})
}

// Options configure a State. The zero value is usable: output to io.Discard
// is NOT the default; nil writers mean os.Stdout/os.Stderr.
type Options struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// MaxCallDepth, when positive, bounds the frames (Lua and Go calls) of
	// a coroutine: a call past it stops the run with a *QuotaError
	// (errors.Is ErrDepthLimit) that pcall cannot catch. Without it, deep
	// recursion is the reference's catchable "stack overflow".
	MaxCallDepth int
	// MemoryLimit, when positive, is the State's live-memory quota in
	// bytes (memquota.go): past it the run stops with a *QuotaError
	// (errors.Is ErrMemoryLimit). Large allocations are also checked
	// against GOMEMLIMIT or the machine's memory ("not enough memory").
	MemoryLimit int64
	// MaxInstructions, when positive, bounds the work a State may do: the
	// budget is decremented on every call and backward jump, and when it
	// runs out the running code stops with a *QuotaError (errors.Is
	// ErrInstructionLimit) that pcall cannot catch.
	MaxInstructions int64
	// ReadFile reads the files that loadfile, dofile and require open; nil
	// means os.ReadFile. A host replaces it to confine or redirect file
	// access (a directory, an fs.FS, nothing at all).
	ReadFile func(name string) ([]byte, error)
	// Getenv reads environment variables (LUA_PATH and the like); nil means
	// os.Getenv. The CLI's -E option gives one that always returns "".
	Getenv func(key string) string
	// NoBinaryChunks refuses binary chunks (string.dump output) in every
	// load: load, loadfile, dofile, require and State.Load. A binary chunk
	// is verified before it runs, but a host running untrusted code keeps
	// the attack surface to the compiler.
	NoBinaryChunks bool
	// NoEnv makes the package library ignore LUA_PATH, LUA_CPATH and
	// their _5_4 forms, as the lua program's -E option does (os.getenv
	// still reads the environment).
	NoEnv bool
	// Dir, when not empty, is the directory against which the libraries
	// resolve relative file names (io.open, os.remove, os.rename, the
	// working directory of io.popen and os.execute), as if the process had
	// changed into it. See State.Path.
	Dir string
	// TrackSites records where each table made by a constructor was
	// created (source:line), for the largest tables of the memory report
	// (sites.go). It costs every table constructor a map insertion.
	TrackSites bool
	// TracebackLocals lists, under each Lua frame of the traceback of an
	// error nothing catches, the frame's active local variables
	// (debuginfo.go). debug.traceback is not affected.
	TracebackLocals bool
	// LuaJIT makes numbers convert to strings as LuaJIT's do, for the
	// luajit language mode (tide.CompatLuaJIT): "%.14g" for every number,
	// so that 10/2 is "5" and 2^53 "9.007199254741e+15" (tostring, print,
	// concatenation, string.format's %s, table.concat). See
	// State.NumberToString.
	LuaJIT bool
}

// ---- Values of vm types ----

// GoFunctionValue returns f as a value.
func GoFunctionValue(f *GoFunction) value.Value {
	return value.FromObject(value.TypeGoFunction, unsafe.Pointer(f))
}

// ---- Results ----

// Ret returns vs copied into the thread's result scratch buffer.
func (l *Thread) Ret(vs ...value.Value) []value.Value {
	buf := l.RetN(len(vs))
	copy(buf, vs)
	return buf
}

// Ret1 returns v as a single result without allocating.
func (l *Thread) Ret1(v value.Value) []value.Value {
	buf := l.RetN(1)
	buf[0] = v
	return buf
}

// RetN returns the thread's scratch buffer with length n, for a function
// that fills in n results itself.
func (l *Thread) RetN(n int) []value.Value {
	if cap(l.scratch) < n {
		l.scratch = make([]value.Value, n, n+n/2+4)
	}
	l.scratch = l.scratch[:n]
	return l.scratch
}

// TailCall makes the calling Go function's results those of fn called with
// args; the Go function must return what TailCall returns, at once. The vm
// replaces the Go function's frame by the call (a proper tail call), so fn
// may yield wherever the Go function itself could have: this is lua_callk
// with a continuation that returns every result (dofile, pairs with a
// __pairs metamethod).
func (l *Thread) TailCall(fn value.Value, args ...value.Value) ([]value.Value, error) {
	l.tail = append(append(l.tail[:0], fn), args...)
	return nil, errTailCall
}

// ---- Errors a Go function returns ----

// ArgError reports a bad argument number n (1-based) with the given
// message: "bad argument #n to 'fname' (msg)".
func ArgError(n int, msg string) error { return &ArgErr{N: n, Msg: msg} }

// TypeError reports that argument n should have been of type expected:
// "bad argument #n to 'f' (expected expected, got typename)", where the
// got part is "no value" when n is past len(args). It honours __name.
func TypeError(args []value.Value, n int, expected string) error {
	got := "no value"
	if n-1 < len(args) {
		v := args[n-1]
		got = v.TypeName()
		var mt *value.Table
		if t := v.ToTable(); t != nil {
			mt = t.Meta
		} else if u := AsUserdata(v); u != nil {
			mt = u.Meta
		}
		if mt != nil {
			if nm := mt.GetStr("__name"); nm.IsString() {
				got = nm.AsString()
			}
		}
		if v.Type() == value.TypeLightUserdata {
			got = "light userdata"
		}
	}
	return &ArgErr{N: n, Msg: expected + " expected, got " + got}
}

// ArgErr is the error ArgError and TypeError return.
type ArgErr struct {
	N   int
	Msg string
}

func (e *ArgErr) Error() string { return fmt.Sprintf("bad argument #%d (%s)", e.N, e.Msg) }

// LuaError is a Lua error: any Lua value, raised by error() or by the vm,
// with the traceback captured where it was raised.
type LuaError struct {
	Value     value.Value
	Traceback string // "stack traceback:\n\t..." as the reference prints it; may be empty
}

func (e *LuaError) Error() string {
	if e.Value.IsString() {
		return e.Value.AsString()
	}
	if e.Value.IsNumber() {
		s, _ := value.ToStringCoerce(e.Value)
		return s
	}
	return "(error object is a " + e.Value.TypeName() + " value)"
}

// Registrar returns a function that stores Go functions in the library
// table t under their names, each named "lib.name" for messages and
// tracebacks ("string.rep"), as the standard libraries' Open functions do.
func Registrar(t *value.Table, lib string) func(name string, fn Fn) {
	return func(name string, fn Fn) {
		t.SetStr(name, NewGoFunction(lib+"."+name, fn))
	}
}
