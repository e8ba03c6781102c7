package tide

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Function is a Go function that Lua code can call; [State.NewFunction]
// makes it a Lua value.
//
// args holds the call's arguments. It is valid only until the function
// returns: copy the Values that must outlive the call (the Values
// themselves stay valid). Numbers, booleans and strings are passed without
// allocating; tables, functions and other objects as handles.
//
// The results are what Lua receives. A non-nil error is raised as a Lua
// error at the call: its message, prefixed with the position of the Lua
// code that called, as luaL_error does; an [*Error] returned by a nested
// [State.Call] is raised again with its original value, and errors that
// stop the run (cancellation, os.exit) keep stopping it. A panic inside the
// function becomes a Lua error too; it never reaches the host.
//
// The function may call back into the State ([State.Call], [State.Global],
// ...) from the goroutine that runs it.
type Function func(s *State, args []Value) ([]Value, error)

// NewFunction returns fn as a Lua function named name (the name appears in
// error messages and tracebacks, e.g. "bad argument #1 to 'name'").
func (s *State) NewFunction(name string, fn Function) Value {
	gf := vm.NewGoFunction(name, func(l *vm.Thread, args []value.Value) (rets []value.Value, err error) {
		return s.callGo(l, name, fn, args)
	})
	return s.hold(gf)
}

// SetFunction sets the global name to fn made a Lua function (a shorthand
// for SetGlobal(name, NewFunction(name, fn))).
func (s *State) SetFunction(name string, fn Function) {
	s.SetGlobal(name, s.NewFunction(name, fn))
}

// callGo runs a host Function for Lua code running in thread l.
func (s *State) callGo(l *vm.Thread, name string, fn Function, args []value.Value) (rets []value.Value, err error) {
	base := len(s.argStack)
	for _, a := range args {
		s.argStack = append(s.argStack, s.hold(a))
	}
	hargs := s.argStack[base:len(s.argStack):len(s.argStack)]
	prev := s.running.Swap(l)
	defer func() {
		s.running.Store(prev)
		clear(s.argStack[base:])
		s.argStack = s.argStack[:base]
		if p := recover(); p != nil {
			rets, err = nil, fmt.Errorf("%s: panic: %v", name, p)
		}
	}()
	res, err := fn(s, hargs)
	if err != nil {
		return nil, s.raise(err)
	}
	out := l.RetN(len(res))
	for i, r := range res {
		out[i] = r.lua()
	}
	return out, nil
}

// raise turns the error a host Function returned into what the vm raises.
func (s *State) raise(err error) error {
	var e *Error
	if errors.As(err, &e) {
		var le *vm.LuaError
		if errors.As(e.cause, &le) {
			return le // the original Lua error value
		}
	}
	return err
}

var (
	statePtrType = reflect.TypeFor[*State]()
	errorType    = reflect.TypeFor[error]()
)

// NewFunc wraps an ordinary Go function for Lua, converting arguments
// with [State.FromValue] and results with [State.ToValue]: fn may take a
// *State first (it receives s), then any parameters, variadic included;
// a last result of type error raises a Lua error when non-nil. A bad
// argument raises "bad argument #n to 'name' (integer expected, got
// string)"; missing arguments are nil (zero values for pointers, slices,
// maps and interfaces, an error for other types). Reflection costs about
// a microsecond per call: use [State.NewFunction] on hot paths.
func (s *State) NewFunc(name string, fn any) (Value, error) {
	fv := reflect.ValueOf(fn)
	ft := fv.Type()
	if ft.Kind() != reflect.Func || fv.IsNil() {
		return Value{}, fmt.Errorf("tide: NewFunc(%q): a non-nil func expected, got %T", name, fn)
	}
	first := 0
	if ft.NumIn() > 0 && ft.In(0) == statePtrType {
		first = 1
	}
	nout := ft.NumOut()
	hasErr := nout > 0 && ft.Out(nout-1) == errorType
	if hasErr {
		nout--
	}
	return s.NewFunction(name, func(s *State, args []Value) ([]Value, error) {
		in := make([]reflect.Value, 0, ft.NumIn())
		if first == 1 {
			in = append(in, reflect.ValueOf(s))
		}
		nparams := ft.NumIn() - first
		for i := range nparams {
			pt := ft.In(first + i)
			if ft.IsVariadic() && i == nparams-1 {
				et := pt.Elem()
				for j := i; j < len(args); j++ {
					ev := reflect.New(et).Elem()
					if err := s.fromLua(args[j].lua(), ev, "", 0); err != nil {
						return nil, vm.ArgError(j+1, err.Error())
					}
					in = append(in, ev)
				}
				break
			}
			pv := reflect.New(pt).Elem()
			var a value.Value
			if i < len(args) {
				a = args[i].lua()
			} else if !nilable(pt) {
				return nil, vm.ArgError(i+1, pt.String()+" expected, got no value")
			}
			if err := s.fromLua(a, pv, "", 0); err != nil {
				return nil, vm.ArgError(i+1, err.Error())
			}
			in = append(in, pv)
		}
		out := fv.Call(in)
		if hasErr {
			if e := out[nout]; !e.IsNil() {
				return nil, e.Interface().(error)
			}
		}
		res := make([]Value, nout)
		for i := range nout {
			v, err := s.ToValue(out[i].Interface())
			if err != nil {
				return nil, err
			}
			res[i] = v
		}
		return res, nil
	}), nil
}

// nilable reports whether a missing argument can fill a parameter of
// type t (as its zero value).
func nilable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return true
	}
	return t == valueType
}

// Preload offers a module written in Go to require: the first
// require(name) calls open (with the module name as argument, as Lua's
// loaders get) and keeps its first result in package.loaded[name]. Works
// in the sandbox too, which requires only what is preloaded or in
// Options.FS.
func (s *State) Preload(name string, open Function) {
	loadlib.Preload(s.vm, name, func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return s.callGo(l, name, open, args)
	})
}
