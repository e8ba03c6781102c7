package vm

import (
	"strings"

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
}

// release drops the references c still holds so that Go may free them.
func (c *collector) release() {
	clear(c.gray[:cap(c.gray)])
	c.gray = c.gray[:0]
	clear(c.weakVal[:cap(c.weakVal)])
	clear(c.ephem[:cap(c.ephem)])
	clear(c.allWeak[:cap(c.allWeak)])
	clear(c.threads[:cap(c.threads)])
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
		if gf.Refs == nil || gf.mark == c.epoch {
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
	default:
		return // strings, numbers, booleans, light userdata: not collectable
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
			for _, u := range (*Closure)(v.Object()).Upvals {
				if u != nil {
					c.mark(*u.v)
				}
			}
		case value.TypeGoFunction:
			for _, r := range (*GoFunction)(v.Object()).Refs {
				c.mark(r)
			}
		case value.TypeUserdata:
			c.markTable((*Userdata)(v.Object()).Meta)
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

func (c *collector) traverseThread(th *Thread) {
	c.threads = append(c.threads, th)
	if th.status != statusDead || th.isMain {
		for _, v := range th.stack[:th.liveTop()] {
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
func (th *Thread) clearDeadStack() {
	if th.status != statusDead || th.isMain {
		clear(th.stack[th.liveTop():])
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
