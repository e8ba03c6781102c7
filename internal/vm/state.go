package vm

import (
	"context"
	"io"
	"math"
	"os"
	"unsafe"

	"github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// State is one Lua universe: globals, registry, string metatable, and the
// coroutines that run in it. A State is used by one goroutine at a time.
type State struct {
	opts       Options
	globals    *value.Table
	registry   *value.Table
	stringMeta *value.Table
	main       *Thread
	memLimit   int64
	budget     int64                                      // backward jumps and calls left before the MaxInstructions quota
	maxDepth   int                                        // Options.MaxCallDepth, or no limit
	ctx        context.Context                            // of the current run (SetContext), or nil
	done       <-chan struct{}                            // ctx.Done(), or nil
	trapped    map[*bytecode.Proto][]bytecode.Instruction // code for line/count hooks (hook.go)
	patches    []codePatch                                // trapped words hookStep put back (hook.go)
	typeMeta   [value.TypeLightUserdata + 1]*value.Table  // metatables of nil, booleans, numbers, ... (debugapi.go)
	gc         gcState
	// watched: every budget slice ends in a checkpoint (quota.go): a
	// context, the profiler or the memory quota is on
	watched  bool
	memQuota int64     // Options.MemoryLimit when positive: live-memory quota (memquota.go)
	memNext  int64     // estimate at which the memory quota measures again
	prof     *profiler // the sampling profiler, when running (profile.go)
}

// Closure is a Lua function: a prototype plus its captured upvalues.
type Closure struct {
	Proto  *bytecode.Proto
	Upvals []*Upvalue
	mark   uint32 // collector epoch (gc.go)
}

// Upvalue is a variable captured by a closure. While open it points into
// the value stack of the thread that owns the variable; when the variable
// goes out of scope it is closed: the value moves into the Upvalue itself.
type Upvalue struct {
	v      *value.Value // the variable: into the stack (open) or &closed
	closed value.Value
	idx    int // stack index while open
}

// Get returns the upvalue's current value.
func (u *Upvalue) Get() value.Value { return *u.v }

// Set assigns the upvalue.
func (u *Upvalue) Set(v value.Value) { *u.v = v }

// NewUpvalue returns a closed upvalue holding v.
func NewUpvalue(v value.Value) *Upvalue {
	u := &Upvalue{closed: v, idx: -1}
	u.v = &u.closed
	return u
}

// Userdata is a full userdata: Go data plus a metatable.
type Userdata struct {
	Data any
	Meta *value.Table
	mark uint32 // collector epoch (gc.go)
}

// ClosureValue returns c as a value of type function.
func ClosureValue(c *Closure) value.Value {
	return value.FromObject(value.TypeFunction, unsafe.Pointer(c))
}

// UserdataValue returns u as a value.
func UserdataValue(u *Userdata) value.Value {
	return value.FromObject(value.TypeUserdata, unsafe.Pointer(u))
}

// ThreadValue returns the coroutine l as a value.
func ThreadValue(l *Thread) value.Value {
	return value.FromObject(value.TypeThread, unsafe.Pointer(l))
}

// AsClosure returns the Lua closure held by v, or nil.
func AsClosure(v value.Value) *Closure {
	if v.Type() == value.TypeFunction {
		return (*Closure)(v.Object())
	}
	return nil
}

// AsGoFunction returns the Go function held by v, or nil.
func AsGoFunction(v value.Value) *GoFunction {
	if v.Type() == value.TypeGoFunction {
		return (*GoFunction)(v.Object())
	}
	return nil
}

// AsUserdata returns the userdata held by v, or nil.
func AsUserdata(v value.Value) *Userdata {
	if v.Type() == value.TypeUserdata {
		return (*Userdata)(v.Object())
	}
	return nil
}

// AsThread returns the coroutine held by v, or nil.
func AsThread(v value.Value) *Thread {
	if v.Type() == value.TypeThread {
		return (*Thread)(v.Object())
	}
	return nil
}

// Coroutine status values (coroutine.status).
const (
	statusSuspended = iota // created or yielded
	statusRunning
	statusNormal // resumed another coroutine
	statusDead
)

// frame flags.
const (
	fPCall    = 1 << iota // Go frame turned into a protected-call marker
	fTail                 // reached by a tail call
	fYield                // Go frame of a pending yield (coroutine suspended in it)
	fHandler              // xpcall marker: the message handler is in stack[fn]
	fFinishMM             // Lua metamethod frame whose result finishes an interrupted instruction
	fNegate               // with fFinishMM: negate the result (__le through __lt)
	fHooked               // a debug hook is running on top of this frame (hook.go)
	fFin                  // a finalizer is running on top of this frame (callFinalizer)
	fClosing              // pcall marker: closing variables after an error, with __close frames (recoverAt)
)

// frame is one activation record. Lua frames have cl set; Go frames gofn.
type frame struct {
	cl     *Closure
	gofn   *GoFunction
	fn     int // stack index of the called function (results go here)
	base   int // first register (Lua) / first argument (Go)
	top    int // Lua: base+MaxStackSize; Go: end of arguments
	pc     int // next instruction (Lua)
	nres   int // results wanted by the caller (-1: all)
	nextra int // extra (vararg) arguments, stored below base
	flags  uint16
	ccalls int32 // Go-level nesting when a pcall marker was set up
	nny    int32 // non-yieldable nesting when a pcall marker was set up
}

// Thread is a Lua coroutine (the main one included): its own value stack
// and call frames.
type Thread struct {
	st      *State
	scratch []value.Value

	stack  []value.Value
	top    int // first free slot after the last value of a variable-size list
	frames []frame
	ci     int // index of the current frame

	openUpvals []*Upvalue // sorted by stack index, ascending
	tbc        []int      // stack indices of pending to-be-closed variables

	status   uint8
	nny      int32 // non-yieldable nesting (Go calls into Lua)
	ccalls   int32 // nested Go-level calls (C stack)
	yielded  bool  // set when a yield is unwinding the loop
	parent   *Thread
	body     value.Value // coroutine function before the first resume
	errVal   *LuaError   // error that killed the coroutine
	isMain   bool
	transfer []value.Value
	tail     []value.Value // the call a Go function asked for with TailCall

	inHandler int       // running an xpcall message handler
	pcallKind uint8     // 1 pcall, 2 xpcall: request from PCall/XPCall to the loop
	deferMM   bool      // metamethod calls are recorded in pend instead of made
	pend      pendingMM // metamethod call for the loop to run as a frame
	pendAt    int       // stack slot for the pending call (0: above the frame)
	mark      uint32    // collector epoch (gc.go)

	hook hookState // debug hooks (hook.go); hook.mask is tested on calls and returns
}

const (
	tmCall  = bytecode.TMCall
	tmClose = bytecode.TMClose
)

const (
	stackHeadroom = 256 // free slots kept above a Lua frame's base (register window)
	// maxStack is LUAI_MAXSTACK: slots a thread may use before "stack overflow".
	maxStack = 1000000
	// maxCCalls is LUAI_MAXCCALLS: nested Go-level calls before "C stack overflow".
	maxCCalls = 200
	// maxMetaChain bounds __index/__newindex chains (MAXTAGLOOP).
	maxMetaChain = 2000
)

// NewState returns a State with no libraries opened.
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
	st := &State{opts: opts, globals: value.NewTable(0, 64), registry: value.NewTable(0, 4)}
	st.memLimit = memoryLimit(opts.MemoryLimit)
	st.budget = math.MaxInt64
	st.maxDepth = math.MaxInt
	if opts.MaxCallDepth > 0 {
		st.maxDepth = opts.MaxCallDepth
	}
	if opts.MaxInstructions > 0 {
		st.budget = opts.MaxInstructions
	}
	if opts.MemoryLimit > 0 {
		st.memQuota = opts.MemoryLimit
		st.watch()
	}
	st.main = st.newThread()
	st.main.isMain = true
	st.main.status = statusRunning
	st.registry.SetStr("_G", value.TableValue(st.globals))
	st.globals.SetStr("_G", value.TableValue(st.globals))
	return st
}

func (st *State) newThread() *Thread {
	l := &Thread{st: st}
	// Room for a first frame of up to 48 slots above the register window
	// every Lua frame keeps: a coroutine costs its stack's allocation and
	// the collector's scan of it, so start small and let growStack double.
	l.stack = make([]value.Value, stackHeadroom+48)
	l.frames = make([]frame, 1, 4)
	l.frames[0] = frame{fn: 0, base: 1, top: 1, nres: -1}
	l.top = 1
	return l
}

// NewThread returns a new coroutine running fn (coroutine.create).
func (l *Thread) NewThread(fn value.Value) *Thread {
	co := l.st.newThread()
	co.body = fn
	co.status = statusSuspended
	l.recordCreation(co) // coroinfo.go
	if l.hook.mask != 0 {
		co.inheritHook(l)
	}
	return co
}

// Main returns the main thread.
func (st *State) Main() *Thread { return st.main }

// Globals returns the global table (_G).
func (st *State) Globals() *value.Table { return st.globals }

// Registry returns the registry table.
func (st *State) Registry() *value.Table { return st.registry }

// StringMeta returns the metatable shared by all strings (nil if unset).
func (st *State) StringMeta() *value.Table { return st.stringMeta }

// SetStringMeta sets the metatable shared by all strings.
func (st *State) SetStringMeta(t *value.Table) { st.stringMeta = t }

// Options returns the options the State was created with, with defaults
// filled in (non-nil writers).
func (st *State) Options() Options { return st.opts }

// Stdout returns the writer print and io.write use.
func (st *State) Stdout() io.Writer { return st.opts.Stdout }

// Stderr returns the writer for warnings and error reports.
func (st *State) Stderr() io.Writer { return st.opts.Stderr }

// SetGlobal sets the global variable name (raw).
func (st *State) SetGlobal(name string, v value.Value) { st.globals.SetStr(name, v) }

// GetGlobal returns the global variable name (raw).
func (st *State) GetGlobal(name string) value.Value { return st.globals.GetStr(name) }

// Close runs the pending to-be-closed variables of the main thread, then
// the __gc finalizers of all objects marked for finalization, as lua_close
// does. The State must not be used afterwards.
func (st *State) Close() {
	defer st.finalizeAll()
	l := st.main
	if len(l.tbc) > 0 {
		func() {
			defer func() { _ = recover() }()
			l.closeTBC(0, value.Nil, false)
		}()
	}
	l.closeUpvals(0)
}

// State returns the State the thread belongs to.
func (l *Thread) State() *State { return l.st }

// IsMain reports whether l is the main thread.
func (l *Thread) IsMain() bool { return l.isMain }

// ensure makes room for n more slots above index from. It may reallocate
// the stack: register windows must be refreshed afterwards.
func (l *Thread) ensure(from, n int) {
	need := from + n + stackHeadroom
	if need <= len(l.stack) {
		return
	}
	l.growStack(need)
}

//go:noinline
func (l *Thread) growStack(need int) {
	if need > maxStack+50000 {
		// a request beyond LUAI_MAXSTACK (plus room for error handling)
		if l.inHandler > 0 {
			panic(l.newError(value.String("error in error handling")))
		}
		l.throw(value.String(l.where(l.ci) + "stack overflow"))
	}
	size := 2 * len(l.stack)
	if size < need {
		size = need
	}
	ns := make([]value.Value, size)
	copy(ns, l.stack)
	l.stack = ns
	for _, u := range l.openUpvals {
		u.v = &ns[u.idx]
	}
}

// pushFrame appends a frame and makes it current; it returns its pointer.
func (l *Thread) pushFrame() *frame {
	l.ci++
	if l.ci == len(l.frames) {
		if l.ci < cap(l.frames) {
			l.frames = l.frames[:l.ci+1]
		} else {
			l.frames = append(l.frames, frame{})
		}
	}
	f := &l.frames[l.ci]
	*f = frame{}
	return f
}

// findUpval returns the open upvalue for stack slot idx, creating it.
func (l *Thread) findUpval(idx int) *Upvalue {
	n := len(l.openUpvals)
	i := n
	for i > 0 && l.openUpvals[i-1].idx >= idx {
		if l.openUpvals[i-1].idx == idx {
			return l.openUpvals[i-1]
		}
		i--
	}
	u := &Upvalue{v: &l.stack[idx], idx: idx}
	l.openUpvals = append(l.openUpvals, nil)
	copy(l.openUpvals[i+1:], l.openUpvals[i:])
	l.openUpvals[i] = u
	return u
}

// closeUpvals closes the open upvalues at stack index level and above.
func (l *Thread) closeUpvals(level int) {
	n := len(l.openUpvals)
	for n > 0 {
		u := l.openUpvals[n-1]
		if u.idx < level {
			break
		}
		u.closed = *u.v
		u.v = &u.closed
		u.idx = -1
		n--
		l.openUpvals[n] = nil
	}
	l.openUpvals = l.openUpvals[:n]
}

// Call calls fn with args and returns all its results (nested call: a
// coroutine cannot yield across it, which gives the reference's "attempt to
// yield across a C-call boundary"). The returned slice is fresh. Errors are
// *LuaError (or a quota/cancellation error that must be passed through).
// When nothing in the thread catches the error, LuaError.Traceback holds
// the traceback of the point where it was raised.
func (l *Thread) Call(fn value.Value, args ...value.Value) ([]value.Value, error) {
	return l.callNoYield(fn, args, -1)
}

// Call1 is Call truncated to one result (nil when there is none).
func (l *Thread) Call1(fn value.Value, args ...value.Value) (value.Value, error) {
	r, err := l.callNoYield(fn, args, 1)
	if err != nil || len(r) == 0 {
		return value.Nil, err
	}
	return r[0], nil
}

// PCallTraceback calls fn like Call and, on error, returns the error with
// LuaError.Traceback captured at the point where the error was raised (the
// CLI's msghandler). Quota errors come back as a *LuaError with their
// message.
func (l *Thread) PCallTraceback(fn value.Value, args ...value.Value) ([]value.Value, *LuaError) {
	r, err := l.callNoYield(fn, args, -1)
	if err == nil {
		return r, nil
	}
	if le, ok := err.(*LuaError); ok {
		return nil, le
	}
	return nil, &LuaError{Value: value.String(err.Error())}
}

// ToString converts v as tostring() does: __tostring, then __name, then the
// default ("table: 0x...", numbers formatted like the reference).
func (l *Thread) ToString(v value.Value) (string, error) {
	switch t := v.Type(); {
	case t != value.TypeString && t < value.TypeTable && l.st.typeMeta[t] != nil:
		// a metatable from debug.setmetatable: the general path
	case t == value.TypeString:
		if l.st.stringMeta == nil || l.st.stringMeta.GetStr("__tostring").IsNil() {
			return v.AsString(), nil
		}
	case t == value.TypeInteger || t == value.TypeFloat:
		return l.st.NumberToString(v), nil
	case t == value.TypeNil:
		return "nil", nil
	case t == value.TypeBoolean:
		if v.AsBool() {
			return "true", nil
		}
		return "false", nil
	}
	var r value.Value
	err := l.protect(func() { r = l.tostring(v) })
	if err != nil {
		return "", err
	}
	return r.AsString(), nil
}

// Index returns v[k] with metamethods (__index).
func (l *Thread) Index(v, k value.Value) (r value.Value, err error) {
	if t := v.ToTable(); t != nil && t.Meta == nil {
		return t.Get(k), nil
	}
	err = l.protect(func() { r = l.index(v, k, -1, -1) })
	return
}

// SetIndex performs v[k] = x with metamethods (__newindex).
func (l *Thread) SetIndex(v, k, x value.Value) error {
	return l.protect(func() { l.setIndex(v, k, x, -1, -1) })
}

// RawSet performs t[k] = x without metamethods, raising the reference's
// errors for nil and NaN keys ("table index is nil").
func (l *Thread) RawSet(t *value.Table, k, x value.Value) error {
	return l.protect(func() { l.rawSet(t, k, x) })
}

// Len returns #v with metamethods (__len).
func (l *Thread) Len(v value.Value) (r value.Value, err error) {
	if v.IsString() {
		return value.Int(int64(v.StrLen())), nil
	}
	err = l.protect(func() { r = l.length(v, -1) })
	return
}

// Equal returns v1 == v2 with metamethods (__eq).
func (l *Thread) Equal(a, b value.Value) (r bool, err error) {
	if value.RawEqual(a, b) {
		return true, nil
	}
	err = l.protect(func() { r = l.equal(a, b) })
	return
}

// LessThan returns a < b with metamethods (__lt).
func (l *Thread) LessThan(a, b value.Value) (r bool, err error) {
	if a.IsNumber() && b.IsNumber() {
		return numLess(a, b), nil
	}
	err = l.protect(func() { r = l.lessThan(a, b) })
	return
}

// LessEqual returns a <= b with metamethods (__le).
func (l *Thread) LessEqual(a, b value.Value) (r bool, err error) {
	if a.IsNumber() && b.IsNumber() {
		return numLessEq(a, b), nil
	}
	err = l.protect(func() { r = l.lessEqual(a, b) })
	return
}

// Concat returns the concatenation of vs with __concat, as the .. operator.
func (l *Thread) Concat(vs ...value.Value) (r value.Value, err error) {
	if len(vs) == 0 {
		return value.String(""), nil
	}
	err = l.protect(func() {
		fi := l.freeTop()
		l.ensure(fi, len(vs))
		copy(l.stack[fi:], vs)
		l.top = fi + len(vs)
		l.concat(fi, len(vs))
		r = l.stack[fi]
	})
	return
}
