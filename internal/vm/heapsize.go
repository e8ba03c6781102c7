package vm

import (
	"runtime"
	"runtime/metrics"
	"unsafe"

	"github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// The size of a State's heap (collectgarbage("count")).
//
// Go keeps one heap for the whole process, so its own figures say nothing
// about one State. tide estimates a State's live heap during its mark phase
// (collect.go): every object the traversal reaches adds the Go memory it
// holds, each allocation rounded up as Go's allocator rounds it (its size
// classes, the 8-byte header of pointerful objects over 512 bytes, whole
// pages for large objects, the tiny allocator for small strings):
//
//   - a table: its struct, its array part (cap * 16) and its hash part;
//   - a Lua closure: its struct, its upvalue slice and each Upvalue, and
//     its Proto with everything the Proto holds (code, constants, line
//     info, nested functions), each Proto counted once per traversal;
//   - a Go function: its struct, its Refs and its name (the Go closure
//     behind Fn is invisible and not counted);
//   - a coroutine: its struct, its value stack, frames and buffers;
//   - a userdata: its struct, plus HeapSize() of Data when Data
//     implements [HeapSizer] (Go data is otherwise invisible);
//   - a string: its bytes, each time it is reached from a slot of a table,
//     stack, upvalue, Refs or Proto constant, except that a small
//     direct-mapped cache of the data pointers seen last (seenSlots) skips
//     the repetitions of a string stored in many places in a row (a
//     constant stored into every slot of an array). Deduplicating exactly
//     would need a set of every string, as big as the heap walk itself;
//     the cache costs one multiply and one load. A string reached from
//     many places far apart is counted several times, and a substring
//     sharing a longer string's bytes counts only its own length. A
//     string under 16 bytes counts as the 16-byte tiny block that holds
//     it, once per block: strings made among garbage keep a block each,
//     strings made in a row share them;
//   - the State itself and its lists of objects to finalize.
//
// Upvalues, which closures share, and Go functions without Refs (not
// collectable, maybe shared between States, so never marked) go through
// the same cache.
//
// Sizing costs the mark phase 15-25% more instructions (a million small
// tables or closures), so only explicit collections (CollectGarbage,
// FullGC) and the sizing traversals of HeapBytes do it; automatic
// collections leave the estimate alone.
//
// collectgarbage("count") must be cheap enough to be called in a loop, so
// the estimate is not recomputed on every call: "count" is the estimate of
// the last traversal plus the bytes Go allocated since then, read from
// Go's counters (heapEstimate.since): process-wide counters, a fair
// proxy for the State's allocations in a process running one State; with
// several States, each sees the others' allocations until its next
// traversal. Once the bytes allocated since the last traversal reach the
// estimate itself (the reference's default pause of 200%, with a floor of
// remeasureFloor) and the collector is running, "count" measures again
// with a traversal that only sizes (no weak table is cleared, no
// finalizer runs); so "count" stays between about the live size and twice
// it, as in the reference, at an amortised cost of a traversal per
// heap-size of allocation.
//
// The estimate follows Lua's view where it and Go's differ: the string
// key of an entry a collection removed from a weak table is not counted,
// although the table's node keeps it (and Go keeps the string) until the
// table is resized.

// HeapSizer is implemented by userdata payloads (Userdata.Data) that want
// their Go memory counted in collectgarbage("count").
type HeapSizer interface {
	// HeapSize returns the bytes the value holds, not counting the
	// Userdata itself.
	HeapSize() int64
}

// remeasureFloor is the least allocation between two sizing traversals
// started by "count": a small heap is not measured again after every few
// large allocations (the reference finishes a cycle only after several
// steps, which it takes at allocations: two 4 MiB strings made in a row
// both show in "count").
const remeasureFloor = 16 << 20

// heapEstimate is the State's heap size bookkeeping.
type heapEstimate struct {
	live     int64  // bytes found by the last traversal
	base     uint64 // Go's exact allocation counter when it ended
	measured bool   // a traversal has run
	// the lagging counter when the exact one was last read, and the
	// exact one then
	lastLagging, lastExact uint64
	lagBase                uint64 // the lagging counter when the last traversal ended
	sample                 [1]metrics.Sample
	ms                     *runtime.MemStats
}

// exactBelow is the growth below which "count" reads Go's exact counter.
const exactBelow = 256 << 10

// lagging returns Go's cumulative heap allocation in bytes as
// runtime/metrics reports it: an allocation is counted when the span it
// came from leaves its per-P cache, so the figure lags by up to a span
// per size class and P (tens of KiB). Reading it costs 200 ns.
func (h *heapEstimate) lagging() uint64 {
	s := &h.sample[0]
	if s.Name == "" {
		s.Name = "/gc/heap/allocs:bytes"
	}
	metrics.Read(h.sample[:])
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s.Value.Uint64()
}

// exact returns Go's cumulative heap allocation in bytes, with the
// per-P caches flushed first: ReadMemStats stops the world, for about
// 20 us.
func (h *heapEstimate) exact() uint64 {
	if h.ms == nil {
		h.ms = new(runtime.MemStats)
	}
	runtime.ReadMemStats(h.ms)
	return h.ms.TotalAlloc
}

// set records the result of a traversal.
func (h *heapEstimate) set(live int64) {
	h.live = live
	h.measured = true
	h.rebase()
}

// rebase starts counting growth from now.
func (h *heapEstimate) rebase() {
	h.lastLagging = h.lagging()
	h.lagBase = h.lastLagging
	h.base = h.exact()
	h.lastExact = h.base
}

// since returns the bytes allocated since the last traversal. Small
// growths, which the lag would distort, are read from the exact counter,
// but only when the lagging one has moved since the last exact read: so a
// loop calling "count" stops the world at most once per span Go fills,
// and at most exactBelow / 8 KiB times per traversal.
func (h *heapEstimate) since() int64 {
	m := h.lagging()
	if m >= h.base+exactBelow {
		return int64(m - h.base)
	}
	if m != h.lastLagging {
		h.lastLagging, h.lastExact = m, h.exact()
	}
	if h.lastExact <= h.base {
		return 0
	}
	return int64(h.lastExact - h.base)
}

// HeapBytes returns the estimated size in bytes of the State's heap, for
// collectgarbage("count"): the live size found by the last traversal plus
// what was allocated since (see above). It may run a sizing traversal,
// which has no effect on the program; l is the running thread.
func (l *Thread) HeapBytes() int64 {
	st := l.st
	g := &st.gc
	h := &g.heap
	if !h.measured && !g.busy {
		st.measure(l)
		return h.live
	}
	d := h.since()
	if d >= max(h.live, remeasureFloor) && !g.stopped && !g.busy {
		st.measure(l)
		d = h.since()
	}
	return h.live + d
}

// FullGC is collectgarbage("collect"): a full collection of the State
// (CollectGarbage: weak tables cleared, finalizers run) followed by one of
// Go's, so that the memory released is really freed. Afterwards HeapBytes
// reports the size the collection measured. It reports false, doing
// nothing, when called from a finalizer.
func (l *Thread) FullGC() bool {
	if !l.CollectGarbage() {
		return false
	}
	runtime.GC()
	l.st.breathe()
	// allocations made by finalizers and cached by Go's allocator up to
	// now are not counted as growth since the collection
	l.st.gc.heap.rebase()
	return true
}

// SetGCRunning turns the State's automatic collections on or off
// (collectgarbage "restart" and "stop"). While off, only explicit
// collections run (CollectGarbage, FullGC) and HeapBytes never measures
// again on its own, so it only grows.
func (st *State) SetGCRunning(on bool) { st.gc.stopped = !on }

// GCRunning reports whether automatic collections are on
// (collectgarbage("isrunning")).
func (st *State) GCRunning() bool { return !st.gc.stopped }

// measure sizes the State's live heap with a traversal that changes
// nothing: it marks what a collection would (the objects marked for
// finalization included, since the State holds them) and clears nothing.
func (st *State) measure(l *Thread) {
	g := &st.gc
	g.busy = true
	defer func() { g.busy = false }()
	g.epoch++
	if g.epoch == 0 {
		g.epoch = 1
	}
	c := &g.col
	c.reset(g.epoch)
	c.sizing = true
	defer c.release()
	st.markRoots(c, l)
	for _, v := range g.fin {
		c.mark(v)
	}
	c.convergeEphemerons()
	c.sizeWeakTables()
	g.heap.set(c.bytes + st.fixedSize())
}

// fixedSize returns the bytes held by the State itself and its
// finalization lists, which no traversal reaches as objects. The
// collector's own work buffers are left out: they are bounded between
// collections (keepWork) and the reference needs none.
func (st *State) fixedSize() int64 {
	g := &st.gc
	n := allocSize(unsafe.Sizeof(State{}), true)
	n += sliceSize(cap(g.fin), valueSize, true) + sliceSize(cap(g.queue), valueSize, true)
	n += sliceSize(cap(g.pins), ptrSize, true) + int64(len(g.pins))*16
	n += int64(len(g.finSet)) * 48 // a map entry: the key (an interface) and its share of the groups
	return n
}

// ---- sizes of objects ----

const (
	valueSize = unsafe.Sizeof(value.Value{})
	ptrSize   = unsafe.Sizeof(uintptr(0))
)

// seenBits sizes the collector's cache of recently counted strings and
// upvalues.
const (
	seenBits  = 9
	seenSlots = 1 << seenBits
)

// seenBefore reports whether address p is in the cache of recently
// counted addresses, and puts it there.
func (c *collector) seenBefore(p uintptr) bool {
	i := seenIndex(p)
	if c.seen[i] == p {
		return true
	}
	c.seen[i] = p
	return false
}

// seenIndex is the slot of address p in the cache (Fibonacci hashing).
func seenIndex(p uintptr) uint64 {
	return (uint64(p) >> 3) * 0x9E3779B97F4A7C15 >> (64 - seenBits)
}

// sizeString counts the bytes of string s (see the file comment). A
// string shorter than tinySize is counted as the whole tiny block that
// holds it, once per block. The common case (a string counted lately) is
// inlined into the mark loop.
func (c *collector) sizeString(s string) {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if len(s) < tinySize {
		p &^= tinySize - 1
	}
	if !c.seenBefore(p) {
		n := allocSize(uintptr(len(s)), false)
		c.bytes += n
		if c.census != nil {
			c.census.add(KindString, n)
		}
	}
}

// sizeTable counts t's struct, array part and hash part.
func (c *collector) sizeTable(t *value.Table) {
	n := tableStructSize + scanSize(uintptr(cap(t.ArrayPart()))*valueSize) +
		scanSize(uintptr(t.HashCap())*nodeSize)
	c.bytes += n
	if c.census != nil {
		c.census.addTable(t, n)
	}
}

var (
	tableStructSize = allocSize(unsafe.Sizeof(value.Table{}), true)
	// nodeSize is the size of a hash node of value.Table ({key, val Value;
	// next int32}), which that package does not export.
	nodeSize = unsafe.Sizeof(struct {
		k, v value.Value
		n    int32
	}{})
	closureStructSize = allocSize(unsafe.Sizeof(Closure{}), true)
	upvalueSize       = allocSize(unsafe.Sizeof(Upvalue{}), true)
	goFuncStructSize  = allocSize(unsafe.Sizeof(GoFunction{}), true)
	userdataSize      = allocSize(unsafe.Sizeof(Userdata{}), true)
	threadStructSize  = allocSize(unsafe.Sizeof(Thread{}), true)
	protoStructSize   = allocSize(unsafe.Sizeof(bytecode.Proto{}), true)
	luaErrorSize      = allocSize(unsafe.Sizeof(LuaError{}), true)
)

// sizeClosure counts cl's struct, its upvalue slice and its prototype
// (the collector counts the upvalues with sizeUpvalue as it marks them).
func (c *collector) sizeClosure(cl *Closure) {
	n := closureStructSize + scanSize(uintptr(cap(cl.Upvals))*ptrSize)
	c.bytes += n
	if c.census != nil {
		c.census.add(KindClosure, n)
	}
	if cl.Proto != c.lastProto {
		c.sizeProto(cl.Proto)
	}
}

// sizeUpvalue counts u unless counted lately (closures share upvalues).
func (c *collector) sizeUpvalue(u *Upvalue) {
	if !c.seenBefore(uintptr(unsafe.Pointer(u))) {
		c.bytes += upvalueSize
		if c.census != nil {
			c.census.add(KindUpvalue, upvalueSize)
		}
	}
}

// sizeProto counts p and its nested prototypes once per traversal.
func (c *collector) sizeProto(p *bytecode.Proto) {
	c.lastProto = p
	if p == nil {
		return
	}
	if c.seenBefore(uintptr(unsafe.Pointer(p))) {
		return
	}
	if _, ok := c.protos[p]; ok {
		return
	}
	if c.protos == nil {
		c.protos = make(map[*bytecode.Proto]struct{})
	}
	c.protos[p] = struct{}{}
	n := protoStructSize
	n += sliceSize(cap(p.Code), unsafe.Sizeof(bytecode.Instruction(0)), false)
	n += sliceSize(cap(p.Constants), valueSize, true)
	n += sliceSize(cap(p.KeyHashes), 8, false)
	n += sliceSize(cap(p.Upvalues), unsafe.Sizeof(bytecode.UpvalueDesc{}), true)
	n += sliceSize(cap(p.Protos), ptrSize, true)
	n += sliceSize(cap(p.Lines), 4, false)
	n += sliceSize(cap(p.LocVars), unsafe.Sizeof(bytecode.LocVar{}), true)
	c.bytes += n
	if c.census != nil {
		c.census.add(KindProto, n)
	}
	c.sizeString(p.Source)
	for _, k := range p.Constants {
		if k.IsString() {
			c.sizeString(k.AsString())
		}
	}
	for i := range p.Upvalues {
		c.sizeString(p.Upvalues[i].Name)
	}
	for i := range p.LocVars {
		c.sizeString(p.LocVars[i].Name)
	}
	// nesting is bounded by the parser's limit on nested functions
	for _, q := range p.Protos {
		c.sizeProto(q)
	}
}

// sizeGoFunction counts a Go function value's struct, refs and name.
func (c *collector) sizeGoFunction(gf *GoFunction) {
	n := goFuncStructSize + sliceSize(cap(gf.Refs), valueSize, true)
	c.bytes += n
	if c.census != nil {
		c.census.add(KindGoFunction, n)
	}
	c.sizeString(gf.Name)
}

// sizeUserdata counts u and, when it says, its Go data.
func (c *collector) sizeUserdata(u *Userdata) {
	n := userdataSize
	if s, ok := u.Data.(HeapSizer); ok {
		n += max(s.HeapSize(), 0)
	}
	c.bytes += n
	if c.census != nil {
		c.census.add(KindUserdata, n)
	}
}

// sizeThread counts a coroutine's struct, stacks and buffers.
func (c *collector) sizeThread(th *Thread) {
	n := threadStructSize
	n += sliceSize(cap(th.stack), valueSize, true)
	n += sliceSize(cap(th.frames), unsafe.Sizeof(frame{}), true)
	n += sliceSize(cap(th.scratch), valueSize, true) + sliceSize(cap(th.transfer), valueSize, true)
	n += sliceSize(cap(th.openUpvals), ptrSize, true) + sliceSize(cap(th.tbc), ptrSize, false)
	if th.errVal != nil {
		n += luaErrorSize
	}
	c.bytes += n
	if c.census != nil {
		c.census.add(KindCoroutine, n)
	}
}

// sliceSize returns the allocation behind a slice of n elements of size
// elem (scan: the elements hold pointers).
func sliceSize(n int, elem uintptr, scan bool) int64 {
	if n <= 0 {
		return 0
	}
	return allocSize(uintptr(n)*elem, scan)
}

// Go's allocator (Go 1.22 and later: internal/runtime/gc/sizeclasses.go
// and mallocgc).
const (
	tinySize          = 16    // noscan objects below this share 16-byte blocks
	maxSmallSize      = 32768 // larger objects get their own pages
	mallocHeaderSize  = 8     // type header of pointerful objects...
	minSizeForHeader  = 512   // ...larger than this
	pageSize          = 8192
	smallSizeMax      = 1024
	classFineStep     = 8
	classCoarseStep   = 128
	numClassFineSlots = smallSizeMax/classFineStep + 1
)

// sizeClasses are the sizes of Go's small object classes.
var sizeClasses = [...]uint16{8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160,
	176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576,
	640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688,
	3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472,
	9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480,
	21760, 24576, 27264, 28672, 32768}

// fineClasses[(n+7)/8] is the class size for 0 < n <= smallSizeMax, and
// fineClasses[0] is 0. Written once, at initialisation.
var fineClasses = func() (t [numClassFineSlots]uint16) {
	k := 0
	for i := range t {
		for int(sizeClasses[k]) < i*classFineStep {
			k++
		}
		t[i] = sizeClasses[k]
	}
	t[0] = 0 // no allocation
	return t
}()

// scanSize is allocSize(n, true) with its common case inlined.
func scanSize(n uintptr) int64 {
	if n <= minSizeForHeader {
		return int64(fineClasses[(n+classFineStep-1)/classFineStep])
	}
	return allocSize(n, true)
}

// allocSize returns the bytes Go's heap uses for an allocation of n bytes
// (scan: the object holds pointers).
func allocSize(n uintptr, scan bool) int64 {
	switch {
	case n == 0:
		return 0
	case !scan && n < tinySize:
		// packed with other tiny objects in 16-byte blocks, which live
		// while any of their objects does (sizeString counts blocks)
		return tinySize
	case n > maxSmallSize-mallocHeaderSize:
		return int64((n + pageSize - 1) &^ (pageSize - 1))
	}
	if scan && n > minSizeForHeader {
		n += mallocHeaderSize
	}
	if n <= smallSizeMax {
		return int64(fineClasses[(n+classFineStep-1)/classFineStep])
	}
	// binary search among the classes above smallSizeMax
	lo, hi := 31, len(sizeClasses)-1 // sizeClasses[31] == smallSizeMax
	for lo < hi {
		m := (lo + hi) / 2
		if uintptr(sizeClasses[m]) < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return int64(sizeClasses[lo])
}

// sizeWeakTables counts the strings held by the weak tables the
// traversal met, where it does not mark them (weak keys, weak values):
// strings are values, never cleared themselves, but they go with the
// entries a collection clears. So only the entries that survive count:
// those left after the clearing of a collection, or, for a sizing
// traversal that clears nothing, those a collection would keep.
func (c *collector) sizeWeakTables() {
	for _, t := range c.weakVal {
		c.sizeWeakStrings(t, false, true)
	}
	for _, t := range c.ephem {
		c.sizeWeakStrings(t, true, false)
	}
	for _, t := range c.allWeak {
		c.sizeWeakStrings(t, true, true)
	}
}

// sizeWeakStrings counts the string keys (keys) and string values (vals)
// of t's surviving entries.
func (c *collector) sizeWeakStrings(t *value.Table, keys, vals bool) {
	if keys && vals {
		for _, v := range t.ArrayPart() {
			if v.IsString() {
				c.sizeString(v.AsString())
			}
		}
	}
	for i, n := 0, t.NodeCount(); i < n; i++ {
		k, v := t.Node(i)
		if v.IsNil() || c.isCleared(k) || c.isCleared(v) {
			continue
		}
		if keys && k.IsString() {
			c.sizeString(k.AsString())
		}
		if vals && v.IsString() {
			c.sizeString(v.AsString())
		}
	}
}
