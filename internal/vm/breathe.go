package vm

import (
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/tidelua/tide/internal/value"
)

// Memory that breathes: giving memory back to the operating system.
//
// Go's collector frees dead objects but keeps the pages they lived in, and
// its background scavenger returns free pages to the OS slowly (it aims at
// about 10% over the heap goal, paced at around 1% of a CPU). Two things
// keep a process's RSS high after a Lua program dropped most of its data:
//
//   - free pages not yet returned: debug.FreeOSMemory returns them at
//     once, but it runs a full Go collection first, so it costs a mark of
//     the whole live heap;
//   - fragmentation: Go never moves objects, and a span (a run of pages
//     holding objects of one size class) goes back to the heap only when
//     every object in it is dead. Building a million small tables and
//     keeping every 50th keeps every span alive: measured with
//     bench/memory/breathing.lua (4 M tables and 4 M strings, every 50th
//     kept), Go's heap had 20 MB of objects in 825 MB of in-use spans
//     after the collection.
//
// # After collectgarbage("collect")
//
// FullGC calls breathe right after its Go collection, when the figures of
// Go's heap are fresh. breathe reads them from runtime/metrics (no
// stop-the-world) and plans (breathPlan):
//
//   - defragment when the in-use spans are mostly empty: their unused part
//     is at least defragMinWaste and at least the size of the objects in
//     them, the State is at a safe point (atSafePoint) and, if the process
//     defragmented before, it has allocated a quarter of the in-use heap
//     since (so that a program calling collectgarbage in a loop does not
//     pay for passes that cannot get more back);
//   - return free memory (debug.FreeOSMemory) after a defragmentation, or
//     when the free pages not yet returned reach releaseMin and half the
//     size of the live objects (the forced collection costs a mark of the
//     live heap: only when that buys at least half as much memory back).
//
// # Defragmentation, the part that needs no reference rewriting
//
// A table's identity is its address (tostring, %p, and the hash position
// of a table used as a key), so the State cannot move Table structs
// without a stable object identity of their own (see the design in
// bench/memory/README.md). What it can move are the parts a table owns
// alone: its array part and its hash part, and the short strings (up to
// maxShortLen bytes, whose %p is derived from their contents, and which
// are values: a copy is the same Lua string). defragment walks the live
// graph from the same roots as the collector and, for every reachable
// table, replaces its array and hash parts with fresh copies of the same
// length, capacity and layout (the hash nodes keep their positions, chains
// and free cursor, so a traversal with next continues exactly as before),
// in which short strings are replaced by fresh copies (once per distinct
// string). Parts larger than a small object (32 KiB) live in spans of
// their own and stay; only their short strings are replaced. The fresh
// copies fill the free slots of the spans that survivors already share,
// so after the next Go collection the old parts free their spans
// entirely. On the breathing benchmark the
// in-use spans went from 825 MB to 394 MB (the rest is the 96-byte Table
// structs, one live per span); see bench/memory/README.md.
//
// Safe points: replacing a part is only safe when no Go code holds a
// slice of it or a pointer into it. Inside the vm and the standard
// library such slices live only within a Go function's activation, so the
// pass runs only when no Go function is active below collectgarbage: the
// running thread is the main thread (a coroutine runs under the
// coroutine.resume of its resumer) and its Go-level nesting is one (a Go
// function that called back into Lua, such as a sort comparator, a gsub
// callback or a metamethod run by the vm's Go code, nests the loop).
// pcall and xpcall are frames of the loop itself and do not count.

const (
	defragMinWaste = 64 << 20 // unused bytes in in-use spans before defragmenting
	releaseMin     = 64 << 20 // free, unreturned bytes before FreeOSMemory
	maxPartBytes   = 32 << 10 // larger parts have spans of their own
)

// defragMark is the heap when a defragmentation ended (gcState.defrag:
// each State decides on its own objects, from the process's figures).
type defragMark struct {
	allocs uint64 // Go's cumulative allocation counter
	inuse  uint64 // in-use spans
}

// heapFigures are the Go heap's figures breathe decides on, in bytes.
type heapFigures struct {
	allocs  uint64 // allocated since the process started
	objects uint64 // live and not yet swept objects
	unused  uint64 // free slots inside in-use spans (fragmentation)
	free    uint64 // free pages not returned to the OS
}

// heapMetrics are the runtime/metrics names read into heapFigures.
var heapMetrics = [...]string{
	"/gc/heap/allocs:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
}

// readHeapFigures reads Go's heap figures (no stop-the-world).
func readHeapFigures() heapFigures {
	var s [len(heapMetrics)]metrics.Sample
	for i := range s {
		s[i].Name = heapMetrics[i]
	}
	metrics.Read(s[:])
	var v [len(heapMetrics)]uint64
	for i := range s {
		v[i] = sampleUint(&s[i])
	}
	return heapFigures{allocs: v[0], objects: v[1], unused: v[2], free: v[3]}
}

// sampleUint returns the value of a uint64 metric, 0 for one this Go
// does not have.
func sampleUint(s *metrics.Sample) uint64 {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s.Value.Uint64()
}

// breathPlan decides what breathe does with the heap figures h, the
// heap as the last defragmentation left it (nil if none) and whether the
// State is at a safe point. A defragmentation that could not get more
// back is repeated only after the program allocated a quarter of the
// in-use heap it left (and at least defragMinWaste): so a program that
// calls collectgarbage in a loop pays for no pass that cannot help, and
// a futile pass costs at most about what the allocation since did.
func breathPlan(h heapFigures, last *defragMark, safe bool) (defrag, release bool) {
	defrag = safe && h.unused >= defragMinWaste && h.unused >= h.objects &&
		(last == nil || h.allocs-last.allocs >= max(last.inuse/4, defragMinWaste))
	release = defrag || (h.free >= releaseMin && h.free >= h.objects/2)
	return defrag, release
}

// breathe runs after the full collection of collectgarbage("collect")
// (FullGC): it decides whether memory goes back to the operating system,
// and whether the State defragments its tables first (see above).
func (st *State) breathe() {
	defrag, release := breathPlan(readHeapFigures(), st.gc.defrag, st.atSafePoint())
	if defrag {
		st.defragment()
	}
	if release {
		debug.FreeOSMemory()
	}
	if defrag {
		h := readHeapFigures()
		st.gc.defrag = &defragMark{allocs: h.allocs, inuse: h.objects + h.unused}
	}
}

// atSafePoint reports whether no Go function is active below the one
// running now (collectgarbage): see "Safe points" above.
func (st *State) atSafePoint() bool {
	m := st.main
	return m != nil && m.status == statusRunning && m.ccalls <= 1 && !st.gc.busy
}

// defragStats are what a defragmentation moved.
type defragStats struct {
	tables  int   // tables whose parts were replaced
	strings int   // distinct short strings copied
	bytes   int64 // bytes of the fresh parts and strings
}

// defragment replaces the array and hash parts of every reachable table,
// and the short strings they hold, with fresh copies. The caller makes
// sure it runs at a safe point.
func (st *State) defragment() defragStats {
	var m mover
	g := &st.gc
	// a traversal of its own, with the collector's marking and an epoch
	// of its own as measure uses; the collector's buffers stay untouched
	g.epoch++
	if g.epoch == 0 {
		g.epoch = 1
	}
	var c collector
	c.reset(g.epoch)
	st.markRoots(&c, nil)
	for _, v := range g.fin {
		c.mark(v)
	}
	m.strs = make(map[strKey]value.Value)
	for len(c.gray) > 0 {
		n := len(c.gray) - 1
		v := c.gray[n]
		c.gray[n] = value.Nil
		c.gray = c.gray[:n]
		switch v.Type() {
		case value.TypeTable:
			// weak or not, every table is traversed strongly: the pass
			// changes no reachability, it only skips what it never meets
			t := v.AsTable()
			c.markTable(t.Meta)
			for _, x := range t.ArrayPart() {
				c.mark(x)
			}
			for i, n := 0, t.NodeCount(); i < n; i++ {
				if k, x := t.Node(i); !x.IsNil() {
					c.mark(k)
					c.mark(x)
				}
			}
			m.relocate(t)
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
	return m.stats
}

// mover copies table parts and short strings.
type mover struct {
	strs  map[strKey]value.Value // string bytes already copied -> the copy
	stats defragStats
}

// strKey identifies a string's bytes (substrings share bytes).
type strKey struct {
	p unsafe.Pointer
	n int
}

// str returns v, or a fresh copy of v when it is a short string.
func (m *mover) str(v value.Value) value.Value {
	if !v.IsString() {
		return v
	}
	n := v.StrLen()
	if n == 0 || n > maxShortLen {
		return v
	}
	k := strKey{v.Object(), n}
	if w, ok := m.strs[k]; ok {
		return w
	}
	w := value.String(strings.Clone(v.AsString()))
	m.strs[k] = w
	m.stats.strings++
	m.stats.bytes += allocSize(uintptr(n), false)
	return w
}

// relocate gives t fresh copies of its small array and hash parts, with
// the same length, capacity and contents, short strings copied
// (value.Table.Relocate). Larger parts stay where they are (spans of
// their own), with their short strings replaced in place.
func (m *mover) relocate(t *value.Table) {
	if n := t.Relocate(maxPartBytes, m.str); n > 0 {
		m.stats.bytes += scanSize(uintptr(n))
		m.stats.tables++
	}
}

// ---- releasing memory while idle ----

// IdleRelease returns memory to the operating system while the process
// is idle: a goroutine reads Go's allocation counter every interval and,
// once the heap has hardly allocated (less than idleAllocs) for two
// intervals in a row, calls debug.FreeOSMemory (a full Go collection,
// then every free page back to the OS) if that is worth its cost
// (idleWorthIt): the free pages not yet returned, or the bytes allocated
// since its last release (garbage only a collection can find: a program
// that dropped its data and went idle allocates nothing that would start
// one), reach releaseMin and half the live objects. So a quiet heap is
// collected once per idle period at most, and only after it has changed.
//
// It never touches a State, only runtime counters, so one IdleRelease
// serves every State of the process. Go's own scavenger returns free
// memory too, but slowly, and Go collects an idle heap only every two
// minutes: a program that allocated a lot, dropped it and then waits (a
// service between bursts, a script in os.execute("sleep")) gets its
// memory back within a few intervals instead.
//
// The zero IdleRelease is not usable; create it with [StartIdleRelease]
// and stop it with Stop. Its methods are safe for concurrent use.
type IdleRelease struct {
	stop     chan struct{}
	done     chan struct{}
	once     sync.Once
	releases atomic.Int64
}

// idleAllocs is the most a heap may allocate in an interval and still be
// idle.
const idleAllocs = 1 << 20

// StartIdleRelease starts an [IdleRelease] that looks at the heap every
// interval (500 ms when interval <= 0).
func StartIdleRelease(interval time.Duration) *IdleRelease {
	if interval <= 0 {
		interval = 500 * time.Millisecond
	}
	r := &IdleRelease{stop: make(chan struct{}), done: make(chan struct{})}
	go r.run(interval)
	return r
}

// Stop stops r and waits for its goroutine to end.
func (r *IdleRelease) Stop() {
	r.once.Do(func() { close(r.stop) })
	<-r.done
}

// Releases returns how many times r returned memory.
func (r *IdleRelease) Releases() int64 { return r.releases.Load() }

func (r *IdleRelease) run(interval time.Duration) {
	defer close(r.done)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var s [1]metrics.Sample
	s[0].Name = "/gc/heap/allocs:bytes"
	allocs := func() uint64 {
		metrics.Read(s[:])
		return sampleUint(&s[0])
	}
	last := allocs()
	released := last // the allocation counter at the last release (or start)
	quiet := 0
	for {
		select {
		case <-r.stop:
			return
		case <-tick.C:
		}
		a := allocs()
		quiet = idleStep(quiet, a-last)
		last = a
		if quiet >= 2 && idleWorthIt(readHeapFigures(), a-released) {
			debug.FreeOSMemory()
			r.releases.Add(1)
			quiet = 0
			last = allocs()
			released = last
		}
	}
}

// idleWorthIt reports whether an idle heap with figures h, which
// allocated the given bytes since the last release, is worth a collection
// and a release.
func idleWorthIt(h heapFigures, allocated uint64) bool {
	gain := max(h.free, allocated)
	return gain >= releaseMin && gain >= h.objects/2
}

// idleStep counts the quiet intervals in a row: one more when the heap
// allocated less than idleAllocs during the last one, else none.
func idleStep(quiet int, allocated uint64) int {
	if allocated < idleAllocs {
		return quiet + 1
	}
	return 0
}
