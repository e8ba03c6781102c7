package vm

import (
	"container/heap"
	"slices"
	"time"

	"github.com/tidelua/tide/internal/value"
)

// The census: what a State's live heap is made of, for the memory report
// (tide --mem-report, tide.memreport(), State.MemoryReport).
//
// A census is a sizing traversal (heapsize.go) that, besides the total,
// adds each object's bytes to the count of its type and keeps the largest
// tables it meets. The size* functions test one pointer (collector.census)
// per object, which ordinary collections leave nil: they pay nothing
// more. Like the sizing traversal of collectgarbage("count"), a census
// changes nothing the program can see: no weak table is cleared, no
// finalizer runs. Strings are counted as sizing counts them (heapsize.go):
// a string stored in many places far apart is counted more than once, and
// short strings are counted by the 16-byte blocks that hold them, so the
// string count is the number of allocations found rather than of distinct
// strings.

// ObjectKind is a kind of object the census counts.
type ObjectKind int

// The kinds of objects, in the order the report lists them.
const (
	KindTable ObjectKind = iota
	KindString
	KindClosure    // Lua closures
	KindGoFunction // Go functions as Lua values
	KindUserdata
	KindCoroutine // coroutines, the main thread included
	KindProto     // function prototypes (code, constants, debug information)
	KindUpvalue
	KindOther // the State itself and its bookkeeping
	numKinds
)

var kindNames = [numKinds]string{
	"tables", "strings", "Lua closures", "Go functions", "userdata",
	"coroutines", "prototypes", "upvalues", "state",
}

// String returns the kind's name in the report ("tables", "strings", ...).
func (k ObjectKind) String() string {
	if k < 0 || k >= numKinds {
		return "?"
	}
	return kindNames[k]
}

// ObjectStats is the number and size of the live objects of one kind.
type ObjectStats struct {
	Kind  ObjectKind
	Count int64
	Bytes int64
}

// TableStats describes one of the largest live tables.
type TableStats struct {
	Bytes    int64  // its struct, array part and hash part
	ArrayLen int    // slots in the array part
	HashCap  int    // slots in the hash part
	Site     string // "source:line" of the constructor that made it, "" unknown
	table    *value.Table
}

// Census is the result of [State.Census].
type Census struct {
	// Objects has one entry per ObjectKind, in order.
	Objects []ObjectStats
	// Total is the sum of the bytes of Objects: the live Lua heap, what
	// collectgarbage("count") reports right after the census.
	Total int64
	// Largest are the largest tables, largest first.
	Largest []TableStats
	// Collections is the number of full collections the State has done
	// (its own mark phases, not Go's cycles).
	Collections int
	// TrackSites tells whether creation sites were being recorded.
	TrackSites bool
}

// censusAcc accumulates a census during a traversal.
type censusAcc struct {
	stats [numKinds]ObjectStats
	top   int       // how many of the largest tables to keep
	big   tableHeap // the largest tables seen, smallest first
	coros []*Thread // coroutines reached (for the inventory)
	when  time.Time // of the traversal
	only  bool      // reachability only: no sizing
}

// add counts one object of kind k holding n bytes.
func (a *censusAcc) add(k ObjectKind, n int64) {
	s := &a.stats[k]
	s.Count++
	s.Bytes += n
}

// addTable counts table t of n bytes and keeps it when among the largest.
func (a *censusAcc) addTable(t *value.Table, n int64) {
	a.add(KindTable, n)
	if a.top <= 0 {
		return
	}
	if len(a.big) < a.top {
		heap.Push(&a.big, TableStats{Bytes: n, table: t})
		return
	}
	if n > a.big[0].Bytes {
		a.big[0] = TableStats{Bytes: n, table: t}
		heap.Fix(&a.big, 0)
	}
}

// tableHeap is a min-heap of tables by size.
type tableHeap []TableStats

func (h tableHeap) Len() int           { return len(h) }
func (h tableHeap) Less(i, j int) bool { return h[i].Bytes < h[j].Bytes }
func (h tableHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *tableHeap) Push(x any)        { *h = append(*h, x.(TableStats)) }
func (h *tableHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Census measures the State's live heap by type and returns the largest
// tables (up to top of them) with their creation sites when
// Options.TrackSites is on. l is the running thread (nil: the main one).
// It reports false, doing nothing, while a collection or a finalizer
// runs.
func (st *State) Census(l *Thread, top int) (*Census, bool) {
	a := &censusAcc{top: top}
	if !st.traverse(l, a) {
		return nil, false
	}
	c := &Census{Collections: st.gc.cycles, TrackSites: st.opts.TrackSites}
	for k := range a.stats {
		a.stats[k].Kind = ObjectKind(k)
		c.Total += a.stats[k].Bytes
	}
	c.Objects = a.stats[:]
	big := []TableStats(a.big)
	slices.SortStableFunc(big, func(x, y TableStats) int {
		switch {
		case x.Bytes > y.Bytes:
			return -1
		case x.Bytes < y.Bytes:
			return 1
		}
		return 0
	})
	for i := range big {
		t := big[i].table
		big[i].ArrayLen = len(t.ArrayPart())
		big[i].HashCap = t.HashCap()
		big[i].Site = st.tableSite(t)
		big[i].table = nil
	}
	c.Largest = big
	return c, true
}

// Collections returns the number of full collections the State has done.
func (st *State) Collections() int { return st.gc.cycles }

// traverse runs a traversal from the roots that changes nothing (as
// measure does) with census a: with sizing unless a.only. It records the
// coroutines reached in a.coros.
func (st *State) traverse(l *Thread, a *censusAcc) bool {
	g := &st.gc
	if g.busy {
		return false
	}
	if l == nil {
		l = st.main
	}
	g.busy = true
	defer func() { g.busy = false }()
	g.epoch++
	if g.epoch == 0 {
		g.epoch = 1
	}
	a.when = time.Now()
	c := &g.col
	c.reset(g.epoch)
	c.sizing = !a.only
	c.census = a
	defer func() {
		c.census = nil
		c.release()
	}()
	st.markRoots(c, l)
	for _, v := range g.fin {
		c.mark(v)
	}
	c.convergeEphemerons()
	if !a.only {
		c.sizeWeakTables()
		fixed := st.fixedSize()
		a.add(KindOther, fixed)
		g.heap.set(c.bytes + fixed)
	}
	// drop what the side tables know of freed objects
	if c.sites != nil {
		c.sites.purge()
	}
	if c.coros != nil {
		c.coros.purge()
	}
	a.coros = make([]*Thread, 0, len(c.threads))
	for _, th := range c.threads {
		if !th.isMain {
			a.coros = append(a.coros, th)
		}
	}
	return true
}
