package tide

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// errClosed is returned by calls on a closed State.
var errClosed = errors.New("tide: state is closed")

// DoString compiles src as a text chunk named chunkname and runs it. The
// chunk name follows Lua's conventions: "=name" is shown as is in messages,
// "@file" as a file name, anything else as [string "..."]. It returns a
// [*SyntaxError] when src does not compile and an [*Error] when it raises
// an error.
func (s *State) DoString(ctx context.Context, src, chunkname string) error {
	fn, err := s.Load([]byte(src), chunkname)
	if err != nil {
		return err
	}
	_, err = s.Call(ctx, fn)
	return err
}

// DoFile runs the Lua file at path with args as the chunk's varargs
// ("..."). A relative path is resolved against [Options].Dir; the chunk
// name is "@" followed by path as given. An empty path reads the chunk from
// Options.Stdin, named "=stdin". A first line starting with '#' is
// skipped, as the lua program does for "#!" lines. A file that cannot be
// read gives an [*Error] with lua's message ("cannot open x: No such file
// or directory") wrapping the Go error.
func (s *State) DoFile(ctx context.Context, path string, args ...string) error {
	fn, err := s.LoadFile(path)
	if err != nil {
		return err
	}
	vs := make([]Value, len(args))
	for i, a := range args {
		vs[i] = String(a)
	}
	_, err = s.Call(ctx, fn, vs...)
	return err
}

// Load compiles src as a chunk named chunkname (see [State.DoString])
// and returns it as a function to [State.Call], or a [*SyntaxError].
// Binary chunks are refused unless [Options].AllowBinaryChunks is set.
func (s *State) Load(src []byte, chunkname string) (fn Value, err error) {
	if s.closed {
		return Value{}, errClosed
	}
	defer func() {
		if p := recover(); p != nil {
			fn, err = Value{}, internalError(p)
		}
	}()
	v, err := s.vm.Load(src, chunkname, "bt", value.Nil)
	if err != nil {
		var le *vm.LuaError
		if errors.As(err, &le) {
			return Value{}, newSyntaxError(le.Error())
		}
		return Value{}, err
	}
	return s.hold(v), nil
}

// LoadFile compiles the file at path like [State.DoFile] without running it.
func (s *State) LoadFile(path string) (Value, error) {
	src, chunkname, err := s.readChunk(path)
	if err != nil {
		return Value{}, &Error{Message: err.Error(), Value: err.Error(), cause: errors.Unwrap(err)}
	}
	return s.Load(src, chunkname)
}

// Call calls fn with args in the main coroutine and returns its results.
// A Lua error is returned as an [*Error] with its traceback. When ctx is
// cancelled or its deadline passes, the running code stops (pcall cannot
// catch it) and Call returns an error for which errors.Is(err,
// context.Canceled) or errors.Is(err, context.DeadlineExceeded) holds.
func (s *State) Call(ctx context.Context, fn Value, args ...Value) (results []Value, err error) {
	if s.closed {
		return nil, errClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Running code checks ctx (every few thousand calls, loop iterations
	// or units of library work) and stops with an error wrapping ctx.Err().
	l := s.running.Load() // set when a host Function calls back
	if !s.busy.CompareAndSwap(false, true) {
		if l == nil {
			return nil, ErrConcurrentUse
		}
	} else {
		defer s.busy.Store(false)
	}
	if l == nil {
		l = s.vm.Main()
	}
	prevCtx := s.vm.Context()
	s.vm.SetContext(ctx)
	defer s.vm.SetContext(prevCtx)
	defer func() {
		if p := recover(); p != nil {
			results, err = nil, internalError(p)
		}
	}()
	vargs := make([]value.Value, len(args))
	for i, a := range args {
		vargs[i] = a.lua()
	}
	rs, err := l.Call(fn.lua(), vargs...)
	if err != nil {
		return nil, s.convertError(err)
	}
	results = make([]Value, len(rs))
	for i, r := range rs {
		results[i] = s.hold(r)
	}
	return results, nil
}

// Global returns the global variable name (a raw read of _G).
func (s *State) Global(name string) Value {
	return s.hold(s.vm.Globals().GetStr(name))
}

// SetGlobal sets the global variable name (a raw write to _G).
func (s *State) SetGlobal(name string, v Value) {
	s.vm.Globals().SetStr(name, v.lua())
}

// ToString converts v as Lua's tostring does (honouring __tostring and
// __name).
func (s *State) ToString(v Value) (str string, err error) {
	defer func() {
		if p := recover(); p != nil {
			str, err = "", internalError(p)
		}
	}()
	str, err = s.vm.Main().ToString(v.lua())
	if err != nil {
		return "", s.convertError(err)
	}
	return str, nil
}

// convertError turns a vm error into an *Error formatted as lua.c's
// msghandler does. Other errors (quotas, cancellation) pass through.
func (s *State) convertError(err error) error {
	if hs, ok := err.(*vm.HostStop); ok {
		return hs.Err // Unwind: the host's own error
	}
	var le *vm.LuaError
	if !errors.As(err, &le) {
		return err
	}
	e := &Error{Traceback: le.Traceback, cause: err}
	v := le.Value
	l := s.vm.Main()
	switch {
	case v.IsString():
		e.Message = v.AsString()
		e.Value = e.Message
		return e
	case v.IsNumber():
		e.Message, _ = value.ToStringCoerce(v)
		e.Value = e.Message
		return e
	}
	str, terr := s.safeToString(l, v)
	if terr == nil {
		e.Value = str
	} else {
		e.Value = "(error object is a " + v.TypeName() + " value)"
	}
	e.Message = "(error object is a " + v.TypeName() + " value)"
	if mt := s.safeMetatable(l, v); mt != nil && !mt.GetStr("__tostring").IsNil() && terr == nil {
		e.Message, e.Traceback = str, ""
	}
	return e
}

func (s *State) safeToString(l *vm.Thread, v value.Value) (str string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("tostring: %v", p)
		}
	}()
	return l.ToString(v)
}

func (s *State) safeMetatable(l *vm.Thread, v value.Value) (mt *value.Table) {
	defer func() {
		if recover() != nil {
			mt = nil
		}
	}()
	return l.Metatable(v)
}

// readChunk reads the chunk DoFile and loadfile run: path "" is standard
// input. It skips a UTF-8 byte order mark and a first line starting with
// '#' (keeping its newline so line numbers stay right), as luaL_loadfilex
// does. Errors are worded like the reference ("cannot open f: reason").
func (s *State) readChunk(path string) (src []byte, chunkname string, err error) {
	if path == "" {
		src, err = io.ReadAll(s.opts.Stdin)
		chunkname = "=stdin"
		if err != nil {
			return nil, "", fileError("read", "stdin", err)
		}
	} else {
		chunkname = "@" + path
		src, err = s.vm.ReadFile(path) // Options.FS, the sandbox, or the OS
		if err != nil {
			op := "read"
			var pe *os.PathError
			if errors.As(err, &pe) && pe.Op == "open" {
				op = "open"
			}
			return nil, "", fileError(op, path, err)
		}
	}
	return vm.FileText(src), chunkname, nil
}

// fileError words a file failure like lua's errfile: "cannot open name:
// No such file or directory", wrapping the Go error.
func fileError(op, name string, err error) error {
	reason := err.Error()
	var pe *os.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	if reason != "" && reason[0] >= 'a' && reason[0] <= 'z' {
		reason = string(reason[0]-'a'+'A') + reason[1:]
	}
	return fmt.Errorf("cannot %s %s: %s%w", op, name, reason, silent{err})
}

// silent wraps an error without adding to the message, so fileError's
// result unwraps to the Go error while reading like lua's message.
type silent struct{ err error }

func (e silent) Error() string { return "" }
func (e silent) Unwrap() error { return e.err }
