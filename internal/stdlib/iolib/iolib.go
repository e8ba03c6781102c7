// Package iolib is Lua's input and output library (§6.8): io.open, read,
// write, lines, popen, tmpfile and the file handle methods, following
// liolib.c's behaviour and messages.
//
// A file handle is a userdata whose Data is a *stream and whose metatable
// is the State's "FILE*" metatable (kept in the registry, as
// luaL_newmetatable does); its __gc closes the file, so the State's
// collector and State.Close close what Lua code leaves open. Relative file
// names are resolved with State.Path. The standard streams use the
// State's reader and writers (see stream).
package iolib

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Registry keys of the default input and output files (liolib.c's
// IO_INPUT and IO_OUTPUT).
const (
	keyInput  = "_IO_input"
	keyOutput = "_IO_output"
)

// lib is the io library of one State.
type lib struct {
	st       *vm.State
	meta     *value.Table // the FILE* metatable
	registry *value.Table
	hInput   uint64 // hashes of keyInput and keyOutput
	hOutput  uint64
	// writers are the open streams that may hold buffered output, for
	// FlushAll. The map holds streams, not their handles, so it does not
	// keep a handle from being collected (and closed).
	writers map[*stream]struct{}
	stdout  *stream
}

// keyLib is the registry key of the userdata holding the State's *lib
// (for FlushAll).
const keyLib = "_IO_lib"

// FlushAll writes out the buffered output of every open file of st and
// flushes standard output, as C's exit() flushes all stdio streams. A
// host calls it when a script ends with os.exit without closing the
// State, so that what the script wrote to files is not lost. It does
// nothing when the io library is not open in st.
func FlushAll(st *vm.State) {
	ud := vm.AsUserdata(st.Registry().GetStr(keyLib))
	if ud == nil {
		return
	}
	lb, ok := ud.Data.(*lib)
	if !ok {
		return
	}
	for s := range lb.writers {
		s.flush()
	}
	lb.stdout.flush()
}

// Open registers the io table in st's globals and the FILE* metatable in
// its registry, and makes io.stdin, io.stdout and io.stderr over the
// State's reader and writers.
func Open(st *vm.State) {
	lb := &lib{
		st:       st,
		registry: st.Registry(),
		hInput:   value.StringHash(keyInput),
		hOutput:  value.StringHash(keyOutput),
		writers:  make(map[*stream]struct{}),
	}
	st.Registry().SetStr(keyLib, vm.UserdataValue(&vm.Userdata{Data: lb}))
	methods := value.NewTable(0, 8)
	reg := vm.Registrar(methods, "file")
	reg("close", lb.fClose)
	reg("flush", lb.fFlush)
	reg("lines", lb.fLines)
	reg("read", lb.fRead)
	reg("seek", lb.fSeek)
	reg("setvbuf", lb.fSetvbuf)
	reg("write", lb.fWrite)
	lb.meta = value.NewTable(0, 8)
	lb.meta.SetStr("__name", value.String("FILE*"))
	lb.meta.SetStr("__index", value.TableValue(methods))
	lb.meta.SetStr("__gc", vm.NewGoFunction("file:__gc", lb.fGC))
	lb.meta.SetStr("__close", vm.NewGoFunction("file:__close", lb.fGC))
	lb.meta.SetStr("__tostring", vm.NewGoFunction("file:__tostring", lb.fToString))
	st.Registry().SetStr("FILE*", value.TableValue(lb.meta))

	t := value.NewTable(0, 16)
	reg = vm.Registrar(t, "io")
	reg("close", lb.ioClose)
	reg("flush", lb.ioFlush)
	reg("input", lb.ioInput)
	reg("lines", lb.ioLines)
	reg("open", lb.ioOpen)
	reg("output", lb.ioOutput)
	reg("popen", lb.ioPopen)
	reg("read", lb.ioRead)
	reg("tmpfile", lb.ioTmpfile)
	reg("type", lb.ioType)
	reg("write", lb.ioWrite)

	opts := st.Options()
	in := &stream{kind: kindStd, canRead: true}
	switch r := opts.Stdin.(type) {
	case *bufio.Reader:
		in.r = r
	case *os.File:
		in.osf = r
	default:
		in.src = r
	}
	out := stdOutput(opts.Stdout)
	lb.stdout = out
	in.beforeWait = func() { out.flush() }
	l := st.Main()
	inV := lb.newFile(l, in)
	outV := lb.newFile(l, out)
	t.SetStr("stdin", inV)
	t.SetStr("stdout", outV)
	t.SetStr("stderr", lb.newFile(l, stdOutput(opts.Stderr)))
	lb.registry.SetStrH(keyInput, lb.hInput, inV)
	lb.registry.SetStrH(keyOutput, lb.hOutput, outV)
	st.Globals().SetStr("io", value.TableValue(t))
}

// stdOutput returns a standard output stream writing to w.
func stdOutput(w io.Writer) *stream {
	s := &stream{kind: kindStd, canWrite: true, out: w}
	if f, ok := w.(*os.File); ok {
		s.osf = f
	}
	return s
}

// newFile returns a file handle for s.
func (lb *lib) newFile(l *vm.Thread, s *stream) value.Value {
	if s.canWrite && s.kind != kindStd {
		lb.writers[s] = struct{}{}
	}
	if s.kind == kindStd {
		// The standard files are never closed (their __gc does nothing)
		// and live as long as the State: they get the metatable without
		// being marked for finalization, which would turn on the
		// collector's automatic cycles (gc.go) in every State, each a
		// full mark of the heap on the Lua thread, for programs with no
		// weak table or finalizer of their own.
		return vm.UserdataValue(&vm.Userdata{Data: s, Meta: lb.meta})
	}
	v := vm.UserdataValue(&vm.Userdata{Data: s})
	l.SetMetatable(v, lb.meta)
	return v
}

// stream returns the stream of v when v is a file handle of this State
// (luaL_testudata), or nil.
func (lb *lib) stream(v value.Value) *stream {
	if ud := vm.AsUserdata(v); ud != nil && ud.Meta == lb.meta {
		s, _ := ud.Data.(*stream)
		return s
	}
	return nil
}

// checkFile returns the stream of argument 1 (luaL_checkudata).
func (lb *lib) checkFile(args []value.Value) (*stream, error) {
	if len(args) > 0 {
		if s := lb.stream(args[0]); s != nil {
			return s, nil
		}
	}
	return nil, vm.TypeError(args, 1, "FILE*")
}

var errClosedFile = errors.New("attempt to use a closed file")

// toFile returns the stream of argument 1, which must be open (tofile).
func (lb *lib) toFile(args []value.Value) (*stream, error) {
	s, err := lb.checkFile(args)
	if err != nil {
		return nil, err
	}
	if s.closed {
		return nil, errClosedFile
	}
	return s, nil
}

// ioFile returns the default input or output file and its stream
// (getiofile).
func (lb *lib) ioFile(key string, h uint64) (value.Value, *stream, error) {
	v := lb.registry.GetStrH(key, h)
	s := lb.stream(v)
	if s == nil || s.closed {
		return v, nil, fmt.Errorf("default %s file is closed", strings.TrimPrefix(key, "_IO_"))
	}
	return v, s, nil
}

// cstr cuts s at its first NUL, as C functions see it.
func cstr(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// validMode reports whether mode is a valid fopen mode for io.open
// (liolib.c l_checkmode): [rwa]%+?b*.
func validMode(mode string) bool {
	if mode == "" || strings.IndexByte("rwa", mode[0]) < 0 {
		return false
	}
	mode = mode[1:]
	if mode != "" && mode[0] == '+' {
		mode = mode[1:]
	}
	return strings.Trim(mode, "b") == ""
}

// openFile opens name as fopen does with a valid mode.
func (lb *lib) openFile(name, mode string) (*stream, error) {
	plus := len(mode) > 1 && mode[1] == '+'
	var flag int
	s := &stream{kind: kindFile}
	switch mode[0] {
	case 'r':
		flag = os.O_RDONLY
		s.canRead = true
	case 'w':
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		s.canWrite = true
	case 'a':
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		s.canWrite = true
	}
	if plus {
		flag = flag&^(os.O_RDONLY|os.O_WRONLY) | os.O_RDWR
		s.canRead, s.canWrite = true, true
	}
	f, err := os.OpenFile(lb.st.Path(name), flag, 0o666)
	if err != nil {
		return nil, err
	}
	if mode[0] == 'a' && !plus {
		// glibc starts a write-only append stream at the end (ftell
		// tells the size); "a+" starts at 0 for reading
		f.Seek(0, io.SeekEnd)
	}
	s.osf = f
	return s, nil
}

// openError is opencheckfile's error.
func openError(name string, err error) error {
	msg, _ := errnoOf(err)
	return fmt.Errorf("cannot open file '%s' (%s)", name, msg)
}

// closeStream closes s as its kind requires (aux_close) and returns the
// results of close.
func (lb *lib) closeStream(l *vm.Thread, s *stream) []value.Value {
	if s.kind != kindStd {
		delete(lb.writers, s)
	}
	switch s.kind {
	case kindStd:
		return l.Ret(value.Nil, value.String("cannot close standard file"))
	case kindPipe:
		what, code, err := s.closePipe()
		if err != nil {
			return fileResult(l, err, "")
		}
		ok := value.Nil
		if what == "exit" && code == 0 {
			ok = value.True
		}
		return l.Ret(ok, value.String(what), value.Int(int64(code)))
	}
	if err := s.closeFile(); err != nil {
		return fileResult(l, err, "")
	}
	return okResult(l)
}

// ---- io functions ----

func (lb *lib) ioClose(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) == 0 {
		args = []value.Value{lb.registry.GetStrH(keyOutput, lb.hOutput)}
	}
	return lb.fClose(l, args)
}

func (lb *lib) ioFlush(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	_, s, err := lb.ioFile(keyOutput, lb.hOutput)
	if err != nil {
		return nil, err
	}
	if err := s.flush(); err != nil {
		return fileResult(l, err, ""), nil
	}
	return okResult(l), nil
}

// setIOFile is g_iofile: with a file name it opens the file (mode) and
// makes it the default; with a file handle it makes that the default;
// it returns the current default.
func (lb *lib) setIOFile(l *vm.Thread, args []value.Value, key string, h uint64, mode string) ([]value.Value, error) {
	if !check.IsNoneOrNil(args, 1) {
		v := args[0]
		if name, ok := value.ToStringCoerce(v); ok {
			name = cstr(name)
			s, err := lb.openFile(name, mode)
			if err != nil {
				return nil, openError(name, err)
			}
			v = lb.newFile(l, s)
		} else if _, err := lb.toFile(args); err != nil {
			return nil, err
		}
		lb.registry.SetStrH(key, h, v)
	}
	return l.Ret1(lb.registry.GetStrH(key, h)), nil
}

func (lb *lib) ioInput(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return lb.setIOFile(l, args, keyInput, lb.hInput, "r")
}

func (lb *lib) ioOutput(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return lb.setIOFile(l, args, keyOutput, lb.hOutput, "w")
}

// maxLinesArgs is MAXARGLINE, the most formats a lines iterator takes.
const maxLinesArgs = 250

func (lb *lib) ioLines(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	var fv value.Value
	var s *stream
	toClose := false
	if check.IsNoneOrNil(args, 1) {
		fv = lb.registry.GetStrH(keyInput, lb.hInput)
		var err error
		if s, err = lb.toFile([]value.Value{fv}); err != nil {
			return nil, err
		}
	} else {
		name, err := check.String(args, 1)
		if err != nil {
			return nil, err
		}
		name = cstr(name)
		if s, err = lb.openFile(name, "r"); err != nil {
			return nil, openError(name, err)
		}
		fv = lb.newFile(l, s)
		toClose = true
	}
	var formats []value.Value
	if len(args) > 1 {
		formats = args[1:]
	}
	iter, err := lb.linesIter(fv, s, formats, toClose)
	if err != nil {
		return nil, err
	}
	if toClose {
		return l.Ret(iter, value.Nil, value.Nil, fv), nil
	}
	return l.Ret1(iter), nil
}

// linesIter returns the iterator of io.lines and file:lines (aux_lines
// and io_readline). The function keeps the file handle and the formats
// in its Refs, so that the collector does not finalize the file while the
// iterator may still read it.
func (lb *lib) linesIter(fv value.Value, s *stream, formats []value.Value, toClose bool) (value.Value, error) {
	if len(formats) > maxLinesArgs {
		return value.Nil, vm.ArgError(maxLinesArgs+2, "too many arguments")
	}
	refs := make([]value.Value, 1+len(formats))
	refs[0] = fv
	copy(refs[1:], formats)
	formats = refs[1:]
	fn := func(l *vm.Thread, _ []value.Value) ([]value.Value, error) {
		if s.closed {
			return nil, errors.New("file is already closed")
		}
		res, ioErr, err := read(l, s, formats, 2)
		if err != nil {
			return nil, err
		}
		if ioErr != nil {
			msg, _ := errnoOf(ioErr)
			return nil, errors.New(msg)
		}
		if res[0].Truthy() {
			return res, nil
		}
		if toClose {
			lb.closeStream(l, s)
		}
		return nil, nil
	}
	return vm.NewGoClosure("io.lines iterator", fn, refs...), nil
}

func (lb *lib) ioOpen(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	mode, err := check.OptString(args, 2, "r")
	if err != nil {
		return nil, err
	}
	name, mode = cstr(name), cstr(mode)
	if !validMode(mode) {
		return nil, vm.ArgError(2, "invalid mode")
	}
	s, err := lb.openFile(name, mode)
	if err != nil {
		return fileResult(l, err, name), nil
	}
	return l.Ret1(lb.newFile(l, s)), nil
}

func (lb *lib) ioPopen(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	prog, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	mode, err := check.OptString(args, 2, "r")
	if err != nil {
		return nil, err
	}
	if mode != "r" && mode != "w" {
		return nil, vm.ArgError(2, "invalid mode")
	}
	prog = cstr(prog)
	opts := lb.st.Options()
	s, err := startPipe(prog, mode, opts.Dir, opts.Stdin, opts.Stdout, opts.Stderr)
	if err != nil {
		return fileResult(l, err, prog), nil
	}
	return l.Ret1(lb.newFile(l, s)), nil
}

func (lb *lib) ioRead(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	_, s, err := lb.ioFile(keyInput, lb.hInput)
	if err != nil {
		return nil, err
	}
	return readResults(l, s, args, 1)
}

// readResults runs read and returns its results, or fail, message and
// errno after an I/O error.
func readResults(l *vm.Thread, s *stream, formats []value.Value, first int) ([]value.Value, error) {
	res, ioErr, err := read(l, s, formats, first)
	if err != nil {
		return nil, err
	}
	if ioErr != nil {
		return fileResult(l, ioErr, ""), nil
	}
	return res, nil
}

func (lb *lib) ioTmpfile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	f, err := os.CreateTemp("", "lua_")
	if err != nil {
		return fileResult(l, err, ""), nil
	}
	os.Remove(f.Name()) // like tmpfile: gone when closed
	s := &stream{kind: kindFile, osf: f, canRead: true, canWrite: true}
	return l.Ret1(lb.newFile(l, s)), nil
}

func (lb *lib) ioType(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	s := lb.stream(args[0])
	switch {
	case s == nil:
		return l.Ret1(value.Nil), nil
	case s.closed:
		return l.Ret1(value.String("closed file")), nil
	}
	return l.Ret1(value.String("file")), nil
}

func (lb *lib) ioWrite(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	fv, s, err := lb.ioFile(keyOutput, lb.hOutput)
	if err != nil {
		return nil, err
	}
	ioErr, err := write(s, args, 0)
	if err != nil {
		return nil, err
	}
	if ioErr != nil {
		return fileResult(l, ioErr, ""), nil
	}
	return l.Ret1(fv), nil
}

// write writes args[start:] (g_write): strings as they are, integers in
// decimal and floats with "%.14g" (LUAI_NUMFFORMAT, no ".0" added).
// After the first failed write it only checks the remaining arguments.
func write(s *stream, args []value.Value, start int) (ioErr, err error) {
	prepared := false
	nl := false
	for i := start; i < len(args); i++ {
		v := args[i]
		isNum := v.IsNumber()
		if !isNum && !v.IsString() {
			return nil, vm.TypeError(args, i+1, "string")
		}
		if ioErr != nil {
			continue
		}
		if !prepared {
			if ioErr = s.prepareWrite(); ioErr != nil {
				continue
			}
			prepared = true
		}
		if isNum {
			var b []byte
			if v.IsInt() {
				b = appendInt(s.numBuf[:0], v.AsInt())
			} else {
				b = value.AppendFloatC(s.numBuf[:0], v.AsFloat(), value.FloatFormat{Verb: 'g', Prec: 14})
			}
			ioErr = s.writeBytes(b)
			continue
		}
		str := v.AsString()
		if s.vbuf == bufLine && !nl {
			nl = strings.IndexByte(str, '\n') >= 0
		}
		ioErr = s.writeString(str)
	}
	if ioErr == nil && prepared && s.vbuf != bufFull {
		ioErr = s.afterWrite(nl)
	}
	return ioErr, nil
}

// appendInt appends i in decimal (LUA_INTEGER_FMT).
func appendInt(b []byte, i int64) []byte {
	return value.AppendNumber(b, value.Int(i))
}

// ---- file methods ----

func (lb *lib) fClose(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	return lb.closeStream(l, s), nil
}

func (lb *lib) fFlush(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	if err := s.flush(); err != nil {
		return fileResult(l, err, ""), nil
	}
	return okResult(l), nil
}

func (lb *lib) fLines(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	iter, err := lb.linesIter(args[0], s, args[1:], false)
	if err != nil {
		return nil, err
	}
	return l.Ret1(iter), nil
}

func (lb *lib) fRead(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	return readResults(l, s, args[1:], 2)
}

// checkOption is luaL_checkoption: the index of argument n in names.
func checkOption(args []value.Value, n int, def string, names ...string) (int, error) {
	var name string
	var err error
	if def != "" {
		name, err = check.OptString(args, n, def)
	} else {
		name, err = check.String(args, n)
	}
	if err != nil {
		return 0, err
	}
	for i, nm := range names {
		if nm == name {
			return i, nil
		}
	}
	return 0, vm.ArgError(n, "invalid option '"+cstr(name)+"'")
}

func (lb *lib) fSeek(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	whence, err := checkOption(args, 2, "cur", "set", "cur", "end")
	if err != nil {
		return nil, err
	}
	off, err := check.OptInt(args, 3, 0)
	if err != nil {
		return nil, err
	}
	// "set", "cur", "end" are io.SeekStart, io.SeekCurrent, io.SeekEnd
	pos, err := s.seek(off, whence)
	if err != nil {
		return fileResult(l, err, ""), nil
	}
	return l.Ret1(value.Int(pos)), nil
}

func (lb *lib) fSetvbuf(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	mode, err := checkOption(args, 2, "", "no", "full", "line")
	if err != nil {
		return nil, err
	}
	if _, err := check.OptInt(args, 3, 1024); err != nil {
		return nil, err
	}
	m := [...]bufMode{bufNo, bufFull, bufLine}[mode]
	if err := s.setvbuf(m); err != nil {
		return fileResult(l, err, ""), nil
	}
	return okResult(l), nil
}

func (lb *lib) fWrite(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.toFile(args)
	if err != nil {
		return nil, err
	}
	ioErr, err := write(s, args, 1)
	if err != nil {
		return nil, err
	}
	if ioErr != nil {
		return fileResult(l, ioErr, ""), nil
	}
	return l.Ret1(args[0]), nil
}

// fGC is __gc and __close: it closes the file unless already closed.
func (lb *lib) fGC(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.checkFile(args)
	if err != nil {
		return nil, err
	}
	if !s.closed {
		lb.closeStream(l, s)
	}
	return nil, nil
}

func (lb *lib) fToString(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := lb.checkFile(args)
	if err != nil {
		return nil, err
	}
	if s.closed {
		return l.Ret1(value.String("file (closed)")), nil
	}
	return l.Ret1(value.String(fmt.Sprintf("file (%p)", s))), nil
}
