package tide

import (
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync/atomic"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/coroutine"
	"github.com/tidelua/tide/internal/stdlib/debuglib"
	"github.com/tidelua/tide/internal/stdlib/iolib"
	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/stdlib/math"
	"github.com/tidelua/tide/internal/stdlib/oslib"
	lstring "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/stdlib/tidelib"
	"github.com/tidelua/tide/internal/stdlib/utf8lib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Options configure a [State]. The zero value is a State writing to the
// process's standard output and error, reading its standard input, with no
// global arg table and file names resolved against the working directory.
type Options struct {
	// Stdout receives the output of print; nil means os.Stdout.
	Stdout io.Writer
	// Stderr receives warnings; nil means os.Stderr.
	Stderr io.Writer
	// Stdin is what DoFile("") and loadfile() read; nil means os.Stdin.
	Stdin io.Reader

	// Args, when not nil, becomes the global table arg the way the lua
	// program builds it: Args[ScriptIndex] is arg[0], the entries before
	// it get negative indices (the interpreter and its options) and the
	// entries after it are arg[1], arg[2], ... (the script's arguments).
	Args []string
	// ScriptIndex is the index in Args of the script name; see Args.
	ScriptIndex int

	// Dir, when not empty, is the directory against which relative file
	// names are resolved, as if the process had changed into it: by
	// DoFile and by Lua's loadfile and dofile. Chunk names keep the name
	// as given ("@fixtures/x.lua"), as they would after a chdir.
	Dir string

	// Getenv reads the environment variables the libraries consult
	// (os.getenv, and LUA_PATH_5_4, LUA_PATH, LUA_CPATH_5_4, LUA_CPATH
	// for package.path and package.cpath); nil means os.Getenv.
	Getenv func(key string) string
	// MaxInstructions, when positive, is the State's instruction budget:
	// calls, loop iterations and units of library work (pattern steps,
	// elements moved) each take one. When it runs out, the running code
	// stops with a *QuotaError matching ErrInstructionLimit, which pcall
	// cannot catch. The budget is for the State's whole life.
	MaxInstructions int64
	// MaxCallDepth, when positive, bounds the nesting of calls (Lua and
	// Go functions) in each coroutine: a deeper call stops the run with a
	// *QuotaError matching ErrDepthLimit. Without it, deep recursion is
	// Lua's ordinary, catchable "stack overflow".
	MaxCallDepth int
	// MemoryLimit, when positive, bounds the State's live heap in bytes:
	// what its scripts keep reachable (tables, strings, closures,
	// coroutines, buffers), as collectgarbage("count") measures it. A
	// script keeping more stops with a *QuotaError matching
	// ErrMemoryLimit, which pcall cannot catch; garbage does not count,
	// however much is allocated. The check runs at every budget slice and
	// before every large allocation, which fails before allocating when it
	// alone would pass the limit (string.rep("x", 2^40)); a script stops at
	// most an eighth of the limit past it. Memory Go code holds for the
	// State (userdata payloads that are not HeapSizers) is not seen. Go's
	// collector may keep up to twice the live heap before it frees
	// garbage: a host that must bound the process's memory also sets
	// GOMEMLIMIT (debug.SetMemoryLimit), as the tide command does for
	// --max-memory. 0 means no quota; single allocations are then still
	// refused with Lua's catchable "not enough memory" when they would not
	// fit in GOMEMLIMIT or the machine's memory.
	MemoryLimit int64

	// FS, when set, is where Lua code's files come from: DoFile,
	// LoadFile, loadfile, dofile and require read through it (names are
	// cleaned and made relative: "./m.lua" is "m.lua"; absolute names and
	// names leaving the tree are not found). It is how a sandboxed State
	// gets modules: require finds them in FS through package.path's
	// "./?.lua" and "./?/init.lua". The io library is not affected.
	FS fs.FS

	// Sandbox gives the State a curated environment for untrusted code:
	// only functions that cannot touch the host. Kept: the base library
	// without dofile and loadfile (load takes text only), coroutine,
	// table, string without dump, math, utf8, os.clock/date/difftime/time,
	// debug.traceback, collectgarbage("count"/"collect"/"step"/
	// "isrunning"), and require for modules in package.preload (json, and
	// the host's). Gone: io, the rest of os and debug, package, file
	// access of every kind, binary chunks. Each State gets its own tables,
	// so a script cannot change what another State sees.
	Sandbox bool

	// AllowBinaryChunks lets Load, DoFile and Lua's load, loadfile,
	// dofile and require run binary chunks (string.dump output, verified
	// before it runs). By default they are refused with an error; the
	// tide command allows them, as the lua program does.
	AllowBinaryChunks bool
	// NoEnv makes package.path and package.cpath ignore the LUA_PATH and
	// LUA_CPATH variables, as the lua program's -E option does.
	NoEnv bool

	// Libs selects the standard libraries the State opens; 0 means
	// AllLibs. Without LibPackage there is no require (and Preload has no
	// effect); the sandbox trims what is opened.
	Libs Libs

	// TrackSites records where each table made by a table constructor
	// was created, so that the largest tables of [State.MemoryReport]
	// show their creation site (source:line). It costs every table
	// constructor a map insertion; off by default.
	TrackSites bool
	// TracebackLocals makes the traceback of an error nothing catches
	// ([Error].Traceback) list, under each Lua frame, the frame's active
	// local variables ("name = value", values shown briefly without
	// metamethods). debug.traceback is not affected.
	TracebackLocals bool

	// Compat is the language mode: CompatLua54 (the zero value) or
	// CompatLuaJIT for code written for LuaJIT and OpenResty (numbers
	// print as in LuaJIT, the 5.1 globals and the bit library exist; see
	// compat.go). The cjson and cjson.safe modules are there in every
	// mode.
	Compat Compat
}

// State is one Lua universe: global variables, loaded libraries and the
// main coroutine. A State is used by one goroutine at a time; distinct
// States are independent and may run in parallel. Call [State.Close] when
// done with it.
type State struct {
	opts     Options
	vm       *vm.State
	closed   bool
	running  atomic.Pointer[vm.Thread] // the thread running a host Function, or nil
	busy     atomic.Bool               // a Call is running (ErrConcurrentUse)
	argStack []Value                   // arguments of the host Functions running (function.go)
}

// NewState returns a State with the standard libraries of Options.Libs
// opened (all of them by default), trimmed by Options.Sandbox.
func NewState(opts Options) *State {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	s := &State{opts: opts}
	readFile := s.readFile
	switch {
	case opts.FS != nil:
		readFile = s.readFS
	case opts.Sandbox:
		readFile = func(string) ([]byte, error) { return nil, errSandboxFile }
	}
	if opts.Sandbox {
		opts.AllowBinaryChunks = false
		opts.NoEnv = true
	}
	st := vm.NewState(vm.Options{
		Stdout:          opts.Stdout,
		Stderr:          opts.Stderr,
		Stdin:           opts.Stdin,
		ReadFile:        readFile,
		Getenv:          opts.Getenv,
		NoEnv:           opts.NoEnv,
		NoBinaryChunks:  !opts.AllowBinaryChunks,
		MaxInstructions: opts.MaxInstructions,
		MaxCallDepth:    opts.MaxCallDepth,
		MemoryLimit:     opts.MemoryLimit,
		Dir:             opts.Dir,
		TrackSites:      opts.TrackSites,
		TracebackLocals: opts.TracebackLocals,
		LuaJIT:          opts.Compat == CompatLuaJIT,
	})
	s.vm = st
	loaded := loadlib.Loaded(st)
	libs := opts.Libs
	if libs == 0 {
		libs = AllLibs
	}
	for _, lib := range libraries {
		if libs&lib.bit == 0 {
			continue
		}
		lib.open(st)
		if lib.name == "_G" {
			loaded.SetStr(lib.name, value.TableValue(st.Globals()))
		} else {
			loaded.SetStr(lib.name, st.GetGlobal(lib.name))
		}
	}
	if libs&LibJSON != 0 && libs&LibPackage != 0 {
		jsonlib.Open(st)
	}
	if opts.Sandbox {
		s.sandbox()
	} else if libs&LibPackage != 0 {
		tidelib.Open(st) // the tide module (diag.go)
	}
	openCompat(st, opts, libs) // cjson, and the luajit mode (compat.go)
	if opts.Args != nil {
		t := value.NewTable(len(opts.Args), 1)
		for i, a := range opts.Args {
			t.Set(value.Int(int64(i-opts.ScriptIndex)), value.String(a))
		}
		st.Globals().SetStr("arg", value.TableValue(t))
	}
	return s
}

// libraries are the standard libraries NewState opens, in the order of
// the reference's luaL_openlibs, with the names under which each is
// recorded in package.loaded.
var libraries = []struct {
	name string
	bit  Libs
	open func(*vm.State)
}{
	{"_G", LibBase, base.Open},
	{"package", LibPackage, loadlib.Open},
	{"coroutine", LibCoroutine, coroutine.Open},
	{"table", LibTable, table.Open},
	{"io", LibIO, iolib.Open},
	{"os", LibOS, oslib.Open},
	{"string", LibString, lstring.Open},
	{"math", LibMath, math.Open},
	{"utf8", LibUTF8, utf8lib.Open},
	{"debug", LibDebug, debuglib.Open},
}

// Libs is a set of standard libraries, for Options.Libs.
type Libs uint32

// The standard libraries. LibBase is the basic functions (print, pairs,
// load, ...); LibJSON is the json module, which require finds (it needs
// LibPackage).
const (
	LibBase Libs = 1 << iota
	LibPackage
	LibCoroutine
	LibTable
	LibIO
	LibOS
	LibString
	LibMath
	LibUTF8
	LibDebug
	LibJSON

	AllLibs = LibBase | LibPackage | LibCoroutine | LibTable | LibIO | LibOS |
		LibString | LibMath | LibUTF8 | LibDebug | LibJSON
)

// readFile reads the files Lua code opens (loadfile, dofile, require),
// resolving relative names against Options.Dir.
func (s *State) readFile(name string) ([]byte, error) {
	if s.opts.Dir != "" && !filepath.IsAbs(name) {
		name = filepath.Join(s.opts.Dir, name)
	}
	return os.ReadFile(name)
}

// Flush writes out what the io library holds in the buffers of open
// files, as the C library does for every stream when a process exits.
// Close does it too; Flush is for a host that stops without closing the
// State (the CLI after os.exit without its close argument).
func (s *State) Flush() {
	if !s.closed {
		iolib.FlushAll(s.vm)
	}
}

// readFS reads a file of Options.FS for Lua code.
func (s *State) readFS(name string) ([]byte, error) {
	name = path.Clean(filepath.ToSlash(name))
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(s.opts.FS, name)
}

// Close releases the State: it runs the main coroutine's pending
// to-be-closed variables. Using a closed State is an error; Close may be
// called more than once.
func (s *State) Close() (err error) {
	if s.closed {
		return nil
	}
	s.closed = true
	defer func() {
		if p := recover(); p != nil {
			err = internalError(p)
		}
	}()
	s.vm.Close()
	return nil
}
