package vm

import (
	"runtime"
	"sync/atomic"
	"weak"

	"github.com/tidelua/tide/internal/value"
)

// Weak tables (§2.5.4) and finalizers (§2.5.3) on top of Go's collector.
//
// Go frees memory; tide decides Lua's reachability questions with its own
// mark phase (collect.go): which entries of weak tables to clear and which
// objects marked for finalization are dead. A collection is full and
// atomic (no incremental steps): mark from the roots, clear weak values,
// separate the dead objects marked for finalization, mark from them
// (resurrection), clear weak keys and the values of weak tables reached
// only by resurrection, then call the pending __gc metamethods, newest
// mark first, as the reference's atomic() and GCTM do.
//
// An object is marked for finalization when SetMetatable gives it a
// metatable that has __gc at that moment. The State holds marked objects
// strongly until a collection finds them unreachable; then its reference
// moves to the pending queue, the finalizer runs once, and afterwards the
// object is an ordinary one that Go frees when nothing refers to it (self
// references and cycles included, unlike runtime.SetFinalizer).
//
// When collections run:
//   - collectgarbage("collect") and ("step"): Thread.CollectGarbage;
//   - automatically, once the State has a weak table or an object marked
//     for finalization (SetMetatable with a metatable holding __mode or
//     __gc arms it; a __mode added to a metatable later is honoured by
//     every collection but does not arm; before that, nothing costs
//     anything): each
//     completed cycle of Go's collector sets a flag (a cleanup on a
//     sentinel object, re-armed for the next cycle while the State is
//     alive), and the dispatch loop checks the flag at its instruction
//     budget check, which then fires every gcCheckInterval backward jumps
//     and calls. So tide collects about as often as Go does, which is paced
//     by the heap's growth (GOGC), and the hot loop keeps its single
//     decrement-and-branch; not while collectgarbage("stop") holds
//     (SetGCRunning);
//   - State.Close finalizes every object still marked, newest first, as
//     lua_close does.
//
// Finalizers run on the thread that triggered the collection, through a
// non-yieldable protected call; an error becomes the warning "error in
// __gc (msg)" (through the hook set with SetWarnFunc, which the base
// library ties to warn's on/off state). While finalizers run, no new
// collection starts and CollectGarbage reports false (the reference's
// collectgarbage returns fail inside __gc).
//
// Limits: values held only in Go variables are invisible to the mark phase,
// except those in GoFunction.Refs and those pinned by the host (Pin). A Go
// function that keeps a fresh object only in a local variable while calling
// back into Lua may see it cleared from a weak table by a collection run
// during the callback. Userdata.Data is not traced. Objects must not be
// shared between States.

// gcCheckInterval is how many budget ticks (backward jumps and calls) may
// pass between two checks of the collection flag once collections are
// armed.
const gcCheckInterval = 1 << 14

// gcState is the collector's part of a State.
type gcState struct {
	col      collector
	epoch    uint32
	fin      []value.Value                 // objects marked for finalization, oldest first
	finSet   map[any]struct{}              // the same, by identity
	queue    []value.Value                 // dead objects whose __gc is pending; the last runs first
	armed    bool                          // automatic collections are on
	busy     bool                          // collecting or running finalizers
	closing  bool                          // State.Close: no new finalizers
	sig      *gcSignal                     // set from Go's cleanup goroutine
	pins     []weak.Pointer[Pin]           // host handles (roots while alive)
	pinsLive int                           // live pins at the last compaction
	pinIndex map[uintptr]weak.Pointer[Pin] // the newest pin of each object, by address
	reserve  int64                         // instruction quota beyond the current budget countdown
	warn     func(msg string)              // warning sink for errors in finalizers
	cycles   int                           // collections done
	lastLive int                           // objects marked by the last collection
	stopped  bool                          // collectgarbage("stop"): no automatic collections
	heap     heapEstimate                  // live heap size (heapsize.go)
	defrag   *defragMark                   // the heap after the last defragmentation (breathe.go)
}

// gcSignal is shared with the cleanup functions; it must not refer to the
// State, or the State would never become unreachable.
type gcSignal struct {
	pending atomic.Bool // Go finished a cycle since the last collection
	stop    atomic.Bool // the State is closed or unreachable
}

// gcSentinel is allocated only to learn when Go's collector completes a
// cycle. It has a pointer field so that it is not a tiny allocation (which
// could share a block with long-lived data and never be freed).
type gcSentinel struct{ _ *gcSignal }

func armSentinel(sig *gcSignal) {
	runtime.AddCleanup(&gcSentinel{}, onGoCycle, sig)
}

func onGoCycle(sig *gcSignal) {
	if sig.stop.Load() {
		return
	}
	sig.pending.Store(true)
	armSentinel(sig)
}

// objectKey returns the identity of a table or userdata value.
func objectKey(v value.Value) any {
	if t := v.ToTable(); t != nil {
		return t
	}
	return AsUserdata(v)
}

// markForGC marks v (a table or userdata) for finalization.
func (st *State) markForGC(v value.Value) {
	g := &st.gc
	if g.closing {
		return
	}
	key := objectKey(v)
	if g.finSet == nil {
		g.finSet = make(map[any]struct{})
	}
	if _, ok := g.finSet[key]; ok {
		return
	}
	g.finSet[key] = struct{}{}
	g.fin = append(g.fin, v)
	st.armGC()
}

// armGC turns automatic collections on.
func (st *State) armGC() {
	g := &st.gc
	if g.armed {
		return
	}
	g.armed = true
	sig := &gcSignal{}
	g.sig = sig
	runtime.AddCleanup(st, func(s *gcSignal) { s.stop.Store(true) }, sig)
	armSentinel(sig)
	// shorten the current budget countdown so that the flag gets checked
	if st.budget > gcCheckInterval {
		if st.opts.MaxInstructions > 0 {
			g.reserve += st.budget - gcCheckInterval
		}
		st.budget = gcCheckInterval
	}
}

// outOfBudget runs when the budget countdown of the dispatch loop goes
// negative: it raises the instruction quota error, or starts a new
// countdown and, when Go has completed a cycle, collects. It may run Lua
// code (finalizers): the loop must reload its stack and frame pointers.
//
//go:noinline
func (l *Thread) outOfBudget() { l.budgetSpent(true) }

// budgetSpent is outOfBudget; atLoop tells that the loop stopped at a
// backward jump, whose target starts a statement: the registers of the
// current frame above its active local variables are dead there, and the
// collection ignores them (the reference sets L->top to the live limit
// before collecting, luaC_condGC in lvm.c's checkGC). Otherwise a table
// left in a temporary register by `u = setmetatable({}, mt)` would stay
// reachable for as long as the loop after it runs.
func (l *Thread) budgetSpent(atLoop bool) {
	st := l.st
	g := &st.gc
	if st.watched {
		if err := l.checkpoint(); err != nil {
			panic(err)
		}
	}
	paced := g.armed || st.watched // refill in slices
	switch {
	case st.opts.MaxInstructions > 0:
		if g.reserve <= 0 {
			st.budget = 0
			panic(l.errInstructions())
		}
		g.reserve-- // the tick that ran out
		n := g.reserve
		if paced && n > gcCheckInterval {
			n = gcCheckInterval
		}
		st.budget = n
		g.reserve -= n
	case paced:
		st.budget = gcCheckInterval
	default:
		st.budget = 1<<63 - 1
	}
	st.profSlice() // shorter slices while profiling (profile.go)
	if g.armed && !g.busy && !g.stopped && g.sig.pending.Load() {
		g.sig.pending.Store(false)
		if atLoop {
			g.col.limitFrame(l)
		}
		st.collect(l)
		st.runFinalizers(l)
	}
}

// outOfBudgetRetry is outOfBudget for an instruction that the loop runs
// again afterwards: its tick is given back so that it is counted once.
//
//go:noinline
func (l *Thread) outOfBudgetRetry() {
	l.budgetSpent(false)
	l.st.budget++
}

// CollectGarbage performs a full collection (collectgarbage("collect")):
// weak tables lose their dead entries and the finalizers of the dead
// objects marked for finalization run, newest mark first. It reports false,
// doing nothing, when called from a finalizer.
func (l *Thread) CollectGarbage() bool {
	st := l.st
	if st.gc.busy {
		return false
	}
	st.gc.col.sizing = true // explicit collections measure the heap (heapsize.go)
	st.collect(l)
	st.runFinalizers(l)
	return true
}

// InFinalizer reports whether a collection or a finalizer is running (the
// reference's collectgarbage fails then).
func (st *State) InFinalizer() bool { return st.gc.busy }

// SetWarnFunc sets where warnings from the vm go (errors in finalizers).
// The base library points it to warn's output, which is off until
// warn("@on"). nil discards them.
func (st *State) SetWarnFunc(fn func(msg string)) { st.gc.warn = fn }

// collect is one full collection, with l the running thread.
func (st *State) collect(l *Thread) {
	g := &st.gc
	g.busy = true
	defer func() { g.busy = false }()
	g.epoch++
	if g.epoch == 0 {
		g.epoch = 1 // 0 is the mark of objects never reached
	}
	c := &g.col
	c.reset(g.epoch)
	defer c.release()

	st.markRoots(c, l)
	c.convergeEphemerons()
	// Every strongly reachable object is marked. Values of weak tables go
	// before resurrection (§2.5.4).
	for _, t := range c.weakVal {
		c.clearByValues(t)
	}
	for _, t := range c.allWeak {
		c.clearByValues(t)
	}
	// Separate the dead objects marked for finalization (separatetobefnz):
	// the queue ends with the newest, which runs first.
	n := len(g.queue)
	live := g.fin[:0]
	for _, v := range g.fin {
		if c.isCleared(v) {
			g.queue = append(g.queue, v)
			delete(g.finSet, objectKey(v))
		} else {
			live = append(live, v)
		}
	}
	clear(g.fin[len(live):])
	g.fin = live
	// Resurrect them (markbeingfnz) for their finalizers.
	for _, v := range g.queue[n:] {
		c.mark(v)
	}
	c.convergeEphemerons()
	// Keys of weak tables go after resurrection; values of the weak
	// tables reached only now go too.
	for _, t := range c.ephem {
		c.clearByKeys(t)
	}
	for _, t := range c.allWeak {
		c.clearByKeys(t)
	}
	for _, t := range c.weakVal {
		c.clearByValues(t)
	}
	for _, t := range c.allWeak {
		c.clearByValues(t)
	}
	for _, th := range c.threads {
		th.clearDeadStack(c.liveTop(th))
	}
	st.compactPins()
	g.cycles++
	g.lastLive = c.objects
	if c.sizing {
		c.sizeWeakTables()
		g.heap.set(c.bytes + st.fixedSize())
	}
}

// markRoots marks the State's roots (see collect.go).
func (st *State) markRoots(c *collector, l *Thread) {
	c.markTable(st.registry)
	c.markTable(st.globals)
	c.markTable(st.stringMeta)
	c.mark(ThreadValue(st.main))
	if l != nil {
		c.mark(ThreadValue(l))
	}
	for _, v := range st.gc.queue {
		c.mark(v)
	}
	for _, w := range st.gc.pins {
		if p := w.Value(); p != nil {
			c.mark(p.v)
		}
	}
}

// runFinalizers calls the pending finalizers on thread l, newest mark
// first.
func (st *State) runFinalizers(l *Thread) {
	g := &st.gc
	if len(g.queue) == 0 {
		return
	}
	wasBusy := g.busy
	g.busy = true
	defer func() { g.busy = wasBusy }()
	for len(g.queue) > 0 {
		n := len(g.queue) - 1
		v := g.queue[n]
		g.queue[n] = value.Nil
		g.queue = g.queue[:n]
		tm := l.MetaField(v, "__gc")
		if tm.IsNil() {
			continue
		}
		if !tm.IsFunction() && l.metaOf(tm, tmCall).IsNil() {
			// the reference names the caller of a finalizer (CIST_FIN)
			st.warnGC(&LuaError{Value: value.String("attempt to call a " + l.objTypeName(tm) +
				" value (metamethod '__gc')")})
			continue
		}
		if err := l.callFinalizer(tm, v); err != nil {
			if q := uncatchable(err); q != nil && !g.closing {
				panic(q) // os.exit or a quota inside a finalizer stops the run
			}
			st.warnGC(err)
		}
	}
	// the finalizer calls left their arguments in dead stack slots
	clear(l.stack[l.liveTop():])
}

// warnGC reports an error raised by a finalizer (luaE_warnerror).
func (st *State) warnGC(err error) {
	if st.gc.warn == nil {
		return
	}
	msg := "error object is not a string"
	if le, ok := err.(*LuaError); ok {
		if le.Value.IsString() {
			msg = le.Value.AsString()
		}
	} else {
		msg = err.Error()
	}
	st.gc.warn("error in __gc (" + msg + ")")
}

// finalizeAll runs, at Close, the pending finalizers and then those of all
// objects still marked for finalization, newest first (lua_close).
func (st *State) finalizeAll() {
	g := &st.gc
	if g.sig != nil {
		g.sig.stop.Store(true)
	}
	if g.busy {
		return
	}
	l := st.main
	st.runFinalizers(l)
	g.closing = true
	g.queue = append(g.queue, g.fin...)
	g.fin, g.finSet = nil, nil
	st.runFinalizers(l)
	g.pins = nil
	g.pinIndex = nil
}

// Pin is a host's handle on a Lua object: while Go code holds the *Pin, the
// object is a root for tide's collector (weak tables keep it, its
// finalizer does not run). The State keeps only a weak pointer to the Pin.
type Pin struct{ v value.Value }

// Value returns the pinned value.
func (p *Pin) Value() value.Value { return p.v }

// Pin returns a handle keeping v reachable while the handle is, or nil
// when v is not a collectable object (nil, booleans, numbers, strings,
// light Go functions).
func (st *State) Pin(v value.Value) *Pin {
	switch v.Type() {
	case value.TypeTable, value.TypeFunction, value.TypeUserdata, value.TypeThread:
	case value.TypeGoFunction:
		if AsGoFunction(v).Refs == nil {
			return nil
		}
	default:
		return nil
	}
	g := &st.gc
	// A pin still alive for the same object serves again: the object
	// passed to the host over and over (a method's self, a callback) costs
	// a map lookup instead of an allocation and a weak pointer, which
	// takes the runtime a microsecond. The address identifies the object
	// while the pin is alive, since the pin keeps the object alive and Go
	// does not move objects.
	key := uintptr(v.Object())
	if w, ok := g.pinIndex[key]; ok {
		if p := w.Value(); p != nil && p.v == v {
			return p
		}
	}
	if len(g.pins) >= 2*g.pinsLive+64 {
		st.compactPins()
	}
	p := &Pin{v: v}
	w := weak.Make(p)
	g.pins = append(g.pins, w)
	if g.pinIndex == nil {
		g.pinIndex = make(map[uintptr]weak.Pointer[Pin])
	}
	g.pinIndex[key] = w
	return p
}

// compactPins drops the weak pointers of pins Go has freed.
func (st *State) compactPins() {
	g := &st.gc
	live := g.pins[:0]
	for _, w := range g.pins {
		if w.Value() != nil {
			live = append(live, w)
		}
	}
	clear(g.pins[len(live):])
	g.pins = live
	g.pinsLive = len(live)
	for k, w := range g.pinIndex {
		if w.Value() == nil {
			delete(g.pinIndex, k)
		}
	}
}

// NewGoClosure returns a Go function value that holds on to the Lua values
// refs (see GoFunction.Refs). refs may be empty: the function is then still
// a collectable object, like a C closure.
func NewGoClosure(name string, fn Fn, refs ...value.Value) value.Value {
	if refs == nil {
		refs = []value.Value{}
	}
	return GoFunctionValue(&GoFunction{Name: name, Fn: fn, Refs: refs})
}
