package vm

import (
	"strings"
	"unsafe"

	"github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// The mark phase: tide traces a State's Lua object graph itself, because Go's
// collector knows nothing of weak tables and cannot finalize objects that
// reach themselves. Go still frees the memory: a collection only decides
// which entries of weak tables to clear and which objects marked for
// finalization are dead, and it drops its own references to them.
//
// The traversal is an explicit work list (never Go recursion: a linked list
// may be millions deep). Every collectable object (table, Lua closure, Go
// closure, userdata, coroutine) carries the epoch of the last collection
// that reached them, a uint32 that cost tables nothing (padding) and Lua
// closures 16 bytes (32 -> 48): a map as the mark set made marking a
// million closures 6x slower (125-150 ms vs 20 ms) and kept ~20 bytes per
// closure in the map anyway. Epochs belong to a State: objects must not be
// shared between States.
//
// Roots (markRoots): the registry, the globals, the string metatable, the
// main thread and the running thread with its resumers, the objects whose
// __gc is pending, and the values the host holds through pins (Pin).
// A thread contributes its stack up to its live top, the functions of its
// frames, its coroutine body, the error that killed it and a pending
// metamethod call. Go functions contribute their Refs. Userdata contribute
// their metatable (Data is Go's business and is not traced).

// collector is the state of one collection.
type collector struct {
	epoch   uint32
	gray    []value.Value  // marked objects whose references are not yet traced
	weakVal []*value.Table // __mode "v"
	ephem   []*value.Table // __mode "k": ephemeron tables
	allWeak []*value.Table // __mode "kv"
	threads []*Thread      // threads reached (their dead stack parts are cleared)
	objects int            // objects marked (tables, closures, ...)

	// Heap size estimate (heapsize.go), made when sizing is set.
	sizing    bool
	bytes     int64                        // Go memory held by what was reached
	seen      *[seenSlots]uintptr          // recently counted strings, upvalues, protos
	protos    map[*bytecode.Proto]struct{} // prototypes counted
	lastProto *bytecode.Proto              // the last one
	census    *censusAcc                   // counts by type (census.go), or nil

	// Diagnostics kept across collections (sites.go, coroinfo.go): where
	// tables and coroutines were created. Not reset by reset or release.
	sites *siteTable
	coros *coroTable

	// A collection started at a loop's backward jump (limitFrame): the
	// current frame of limited is live only below stack index limit.
	limited *Thread
	limit   int
}

// reset prepares c for a new collection with the given epoch, keeping its
// buffers.
func (c *collector) reset(epoch uint32) {
	c.epoch = epoch
	c.gray = c.gray[:0]
	c.weakVal = c.weakVal[:0]
	c.ephem = c.ephem[:0]
	c.allWeak = c.allWeak[:0]
	c.threads = c.threads[:0]
	c.objects = 0
	c.bytes = 0
	c.lastProto = nil
	if c.seen == nil {
		c.seen = new([seenSlots]uintptr)
	} else {
		clear(c.seen[:])
	}
	clear(c.protos)
}

// release drops the references c still holds so that Go may free them.
// Buffers that grew past keepWork entries (a table with a million
// objects in it fills the gray list at once) are dropped rather than kept
// for the next collection, so that the State does not hold them forever.
func (c *collector) release() {
	c.sizing = false
	c.limited = nil
	c.gray = emptied(c.gray)
	c.weakVal = emptied(c.weakVal)
	c.ephem = emptied(c.ephem)
	c.allWeak = emptied(c.allWeak)
	c.threads = emptied(c.threads)
	clear(c.protos)
	c.lastProto = nil
}

// keepWork is the most entries a collector buffer keeps between
// collections.
const keepWork = 1 << 12

// emptied returns s emptied with its references cleared, or nil when it
// is larger than keepWork.
func emptied[T any](s []T) []T {
	if cap(s) > keepWork {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}

// mark marks v and queues it for tracing when it is a collectable object
// not yet reached.
func (c *collector) mark(v value.Value) {
	switch v.Type() {
	case value.TypeTable:
		if !v.AsTable().Mark(c.epoch) {
			return
		}
	case value.TypeFunction:
		cl := (*Closure)(v.Object())
		if cl.mark == c.epoch {
			return
		}
		cl.mark = c.epoch
	case value.TypeGoFunction:
		gf := (*GoFunction)(v.Object())
		if gf.Refs == nil {
			// not collectable, maybe shared between States (never
			// written): only sized, once while in the cache
			if c.sizing && !c.seenBefore(uintptr(unsafe.Pointer(gf))) {
				c.sizeGoFunction(gf)
			}
			return
		}
		if gf.mark == c.epoch {
			return
		}
		gf.mark = c.epoch
	case value.TypeUserdata:
		u := (*Userdata)(v.Object())
		if u.mark == c.epoch {
			return
		}
		u.mark = c.epoch
	case value.TypeThread:
		th := (*Thread)(v.Object())
		if th.mark == c.epoch {
			return
		}
		th.mark = c.epoch
	case value.TypeString:
		if c.sizing {
			// sizeString, its common case (a string counted lately) inlined
			s := v.AsString()
			n := len(s)
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			if n < tinySize {
				p &^= tinySize - 1
			}
			if i := seenIndex(p); c.seen[i] != p {
				c.seen[i] = p
				sz := allocSize(uintptr(n), false)
				c.bytes += sz
				if c.census != nil {
					c.census.add(KindString, sz)
				}
			}
		}
		return
	default:
		return // numbers, booleans, light userdata: not collectable
	}
	c.objects++
	c.gray = append(c.gray, v)
}

// markTable marks a table held by pointer (metatables, roots).
func (c *collector) markTable(t *value.Table) {
	if t != nil {
		c.mark(value.TableValue(t))
	}
}

// isCleared reports whether v is a collectable object the collection has
// not reached (iscleared: strings are values, never cleared, §2.5.4).
func (c *collector) isCleared(v value.Value) bool {
	switch v.Type() {
	case value.TypeTable:
		return !v.AsTable().Marked(c.epoch)
	case value.TypeFunction:
		return (*Closure)(v.Object()).mark != c.epoch
	case value.TypeGoFunction:
		gf := (*GoFunction)(v.Object())
		return gf.Refs != nil && gf.mark != c.epoch
	case value.TypeUserdata:
		return (*Userdata)(v.Object()).mark != c.epoch
	case value.TypeThread:
		return (*Thread)(v.Object()).mark != c.epoch
	}
	return false
}

// propagate traces queued objects until none is left.
func (c *collector) propagate() {
	for len(c.gray) > 0 {
		n := len(c.gray) - 1
		v := c.gray[n]
		c.gray[n] = value.Nil
		c.gray = c.gray[:n]
		switch v.Type() {
		case value.TypeTable:
			c.traverseTable(v.AsTable())
		case value.TypeFunction:
			cl := (*Closure)(v.Object())
			if c.sizing {
				c.sizeClosure(cl)
			}
			for _, u := range cl.Upvals {
				if u != nil {
					if c.sizing {
						c.sizeUpvalue(u)
					}
					c.mark(*u.v)
				}
			}
		case value.TypeGoFunction:
			gf := (*GoFunction)(v.Object())
			if c.sizing {
				c.sizeGoFunction(gf)
			}
			for _, r := range gf.Refs {
				c.mark(r)
			}
		case value.TypeUserdata:
			u := (*Userdata)(v.Object())
			if c.sizing {
				c.sizeUserdata(u)
			}
			c.markTable(u.Meta)
		case value.TypeThread:
			c.traverseThread((*Thread)(v.Object()))
		}
	}
}

// weakMode returns the weakness of a table with metatable mt, read from
// __mode at mark time as the reference does.
func weakMode(mt *value.Table) (wk, wv bool) {
	if mt == nil {
		return false, false
	}
	m := mt.GetStr("__mode")
	if !m.IsString() {
		return false, false
	}
	s := m.AsString()
	return strings.IndexByte(s, 'k') >= 0, strings.IndexByte(s, 'v') >= 0
}

func (c *collector) traverseTable(t *value.Table) {
	if c.sizing {
		c.sizeTable(t)
	}
	c.markTable(t.Meta)
	wk, wv := weakMode(t.Meta)
	switch {
	case wk && wv:
		c.allWeak = append(c.allWeak, t)
	case wv:
		// weak values: keys are strong (traverseweakvalue)
		for i, n := 0, t.NodeCount(); i < n; i++ {
			if k, v := t.Node(i); !v.IsNil() {
				c.mark(k)
			}
		}
		c.weakVal = append(c.weakVal, t)
	case wk:
		// ephemeron: a value is reached only through its key
		// (traverseephemeron); the array part has integer keys
		for _, v := range t.ArrayPart() {
			c.mark(v)
		}
		c.traverseEphemeron(t)
		c.ephem = append(c.ephem, t)
	default:
		for _, v := range t.ArrayPart() {
			c.mark(v)
		}
		for i, n := 0, t.NodeCount(); i < n; i++ {
			if k, v := t.Node(i); !v.IsNil() {
				c.mark(k)
				c.mark(v)
			}
		}
	}
}

// traverseEphemeron marks the values of t's entries whose keys are marked;
// it reports whether it marked anything.
func (c *collector) traverseEphemeron(t *value.Table) bool {
	marked := false
	for i, n := 0, t.NodeCount(); i < n; i++ {
		k, v := t.Node(i)
		if v.IsNil() || c.isCleared(k) || !c.isCleared(v) {
			continue
		}
		c.mark(v)
		marked = true
	}
	return marked
}

// convergeEphemerons propagates marks through ephemeron tables until no
// value becomes reachable any more (convergeephemerons).
func (c *collector) convergeEphemerons() {
	for {
		c.propagate()
		changed := false
		for i := 0; i < len(c.ephem); i++ { // the list may grow while marking
			if c.traverseEphemeron(c.ephem[i]) {
				c.propagate()
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// liveTop returns the end of the part of l's stack that may hold live
// values: the top of the current frame or of the values pushed above it.
func (l *Thread) liveTop() int {
	top := l.top
	if l.ci < len(l.frames) {
		if f := &l.frames[l.ci]; f.top > top {
			top = f.top
		}
	}
	return min(top, len(l.stack))
}

// limitFrame records that the collection starts at a statement boundary
// of l's current frame (see budgetSpent): registers above its active
// local variables are dead. Functions without debug information (a
// stripped binary chunk) keep their whole frame.
func (c *collector) limitFrame(l *Thread) {
	if l.ci >= len(l.frames) {
		return
	}
	f := &l.frames[l.ci]
	if f.cl == nil || f.cl.Proto == nil || len(f.cl.Proto.LocVars) == 0 {
		return
	}
	top := f.base
	for _, lv := range f.cl.Proto.LocVars {
		if lv.StartPC <= f.pc && f.pc < lv.EndPC && f.base+lv.Reg >= top {
			top = f.base + lv.Reg + 1
		}
	}
	// variables still open or pending close are live whatever the debug
	// information says
	for _, u := range l.openUpvals {
		top = max(top, u.idx+1)
	}
	for _, i := range l.tbc {
		top = max(top, i+1)
	}
	c.limited, c.limit = l, top
}

// liveTop returns the end of the live part of th's stack in this
// collection: Thread.liveTop, or less for the frame limitFrame saw.
func (c *collector) liveTop(th *Thread) int {
	top := th.liveTop()
	if th == c.limited && c.limit < top {
		top = c.limit
	}
	return top
}

func (c *collector) traverseThread(th *Thread) {
	if c.sizing {
		c.sizeThread(th)
	}
	c.threads = append(c.threads, th)
	if th.status != statusDead || th.isMain {
		for _, v := range th.stack[:c.liveTop(th)] {
			c.mark(v)
		}
		for i := 0; i <= th.ci && i < len(th.frames); i++ {
			f := &th.frames[i]
			if f.cl != nil {
				c.mark(ClosureValue(f.cl))
			}
			if f.gofn != nil {
				c.mark(GoFunctionValue(f.gofn))
			}
		}
		for _, u := range th.openUpvals {
			c.mark(*u.v)
		}
		if th.pend.ok || !th.pend.tm.IsNil() {
			c.mark(th.pend.tm)
			c.mark(th.pend.a)
			c.mark(th.pend.b)
			c.mark(th.pend.c)
		}
	}
	c.mark(th.body)
	if th.errVal != nil {
		c.mark(th.errVal.Value)
	}
	if th.parent != nil && (th.status == statusRunning || th.status == statusNormal) {
		c.mark(ThreadValue(th.parent))
	}
}

// clearDeadStack nils the slots of th's stack above its live top (and the
// result and transfer buffers, which are never live across a collection)
// so that Go does not keep dead objects alive through them, as the
// reference clears the dead part of each stack.
func (th *Thread) clearDeadStack(top int) {
	if th.status != statusDead || th.isMain {
		clear(th.stack[top:])
		if th.ci+1 < len(th.frames) {
			clear(th.frames[th.ci+1:])
		}
	}
	clear(th.scratch[:cap(th.scratch)])
	clear(th.transfer[:cap(th.transfer)])
}

// clearByValues removes the entries of t whose values were not reached
// (clearbyvalues). A key is forgotten too when it is an unreached object.
func (c *collector) clearByValues(t *value.Table) {
	arr := t.ArrayPart()
	for i, v := range arr {
		if c.isCleared(v) {
			arr[i] = value.Nil
		}
	}
	for i, n := 0, t.NodeCount(); i < n; i++ {
		k, v := t.Node(i)
		if !v.IsNil() && c.isCleared(v) {
			t.ClearNode(i, c.isCleared(k))
		}
	}
}

// clearByKeys removes the entries of t whose keys were not reached
// (clearbykeys).
func (c *collector) clearByKeys(t *value.Table) {
	for i, n := 0, t.NodeCount(); i < n; i++ {
		k, v := t.Node(i)
		if !v.IsNil() && c.isCleared(k) {
			t.ClearNode(i, true)
		}
	}
}
