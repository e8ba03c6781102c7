package base

// OWNED BY THE VM WORK: load, loadfile and dofile. base.go (Open)
// registers these names.

import (
	"errors"
	"io"
	"io/fs"
	"strings"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// loadResult returns fn, or nil plus the message as load does on failure.
func loadResult(l *vm.Thread, fn value.Value, err error) ([]value.Value, error) {
	if err != nil {
		msg := err.Error()
		if le, ok := err.(*vm.LuaError); ok {
			return l.Ret(value.Nil, le.Value), nil
		}
		return l.Ret(value.Nil, value.String(msg)), nil
	}
	return l.Ret1(fn), nil
}

// setEnv replaces the first upvalue of a loaded chunk (load's env argument,
// which may be nil).
func setEnv(fn, env value.Value) {
	if cl := vm.AsClosure(fn); cl != nil && len(cl.Upvals) > 0 {
		cl.Upvals[0] = vm.NewUpvalue(env)
	}
}

// baseLoad is load(chunk [, chunkname [, mode [, env]]]).
func baseLoad(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) == 0 {
		return nil, vm.TypeError(args, 1, "function")
	}
	chunk := args[0]
	if chunk.IsNumber() {
		s, _ := value.ToStringCoerce(chunk)
		chunk = value.String(s)
	}
	mode := "bt"
	if len(args) > 2 && !args[2].IsNil() {
		if !args[2].IsString() {
			return nil, vm.TypeError(args, 3, "string")
		}
		mode = args[2].AsString()
	}
	hasEnv := len(args) > 3
	var env value.Value
	if hasEnv {
		env = args[3]
	}
	var src []byte
	var name string
	switch {
	case chunk.IsString():
		src = []byte(chunk.AsString())
		name = chunk.AsString()
	case chunk.IsFunction():
		name = "=(load)"
		fn := chunk
		var b []byte
		for {
			piece, err := l.Call1(fn)
			if err != nil {
				if le, ok := err.(*vm.LuaError); ok {
					return l.Ret(value.Nil, le.Value), nil
				}
				return nil, err
			}
			if piece.IsNil() {
				break
			}
			if piece.IsNumber() {
				s, _ := value.ToStringCoerce(piece)
				piece = value.String(s)
			}
			if !piece.IsString() {
				return l.Ret(value.Nil, value.String(l.Where(1)+"reader function must return a string")), nil
			}
			if piece.StrLen() == 0 {
				break
			}
			// A reader that never ends must meet the quotas and the
			// memory limit (found by FuzzSandboxQuotas).
			if err := l.Charge(1 + int64(piece.StrLen())/64); err != nil {
				return nil, err
			}
			if b, err = l.State().Grow(b, piece.StrLen()); err != nil {
				return nil, err
			}
			b = append(b, piece.AsString()...)
		}
		src = b
	default:
		return nil, vm.TypeError(args, 1, "function")
	}
	if len(args) > 1 && !args[1].IsNil() {
		if !args[1].IsString() && !args[1].IsNumber() {
			return nil, vm.TypeError(args, 2, "string")
		}
		name, _ = value.ToStringCoerce(args[1])
	}
	fn, err := l.State().Load(src, name, mode, value.Nil)
	if err == nil && hasEnv {
		setEnv(fn, env)
	}
	return loadResult(l, fn, err)
}

// readChunk reads a file (or stdin when name is nil) and skips a first line
// starting with '#'.
func readChunk(l *vm.Thread, args []value.Value) (src []byte, chunkname string, err error) {
	if len(args) == 0 || args[0].IsNil() {
		src, err = io.ReadAll(l.State().Options().Stdin)
		chunkname = "=stdin"
		if err != nil {
			return nil, "", err
		}
	} else {
		if !args[0].IsString() {
			return nil, "", vm.TypeError(args, 1, "string")
		}
		fname := args[0].AsString()
		chunkname = "@" + fname
		src, err = l.State().ReadFile(fname)
		if err != nil {
			// Like luaL_loadfilex: "cannot open" when the file cannot be
			// opened, "cannot read" when it can but reading fails (a
			// directory).
			op := "open"
			var pe *fs.PathError
			if errors.As(err, &pe) && pe.Op == "read" {
				op = "read"
			}
			return nil, "", &vm.LuaError{Value: value.String("cannot " + op + " " + fname + ": " + sysMessage(err))}
		}
	}
	src = vm.FileText(src)
	return src, chunkname, nil
}

// baseLoadfile is loadfile([filename [, mode [, env]]]).
func baseLoadfile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	src, name, err := readChunk(l, args)
	if err != nil {
		if le, ok := err.(*vm.LuaError); ok {
			return l.Ret(value.Nil, le.Value), nil
		}
		return nil, err
	}
	mode := "bt"
	if len(args) > 1 && args[1].IsString() {
		mode = args[1].AsString()
	}
	fn, err := l.State().Load(src, name, mode, value.Nil)
	if err == nil && len(args) > 2 {
		setEnv(fn, args[2])
	}
	return loadResult(l, fn, err)
}

// baseDofile is dofile([filename]): errors propagate.
func baseDofile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	src, name, err := readChunk(l, args)
	if err != nil {
		return nil, err
	}
	fn, err := l.State().Load(src, name, "bt", value.Nil)
	if err != nil {
		return nil, err
	}
	// The chunk replaces dofile's frame, so it may yield, as with the
	// reference's lua_callk.
	return l.TailCall(fn)
}

// sysMessage returns the strerror-like text of a file error ("No such file
// or directory").
func sysMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := err.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg
}
