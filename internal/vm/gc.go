package vm

import (
	"runtime"
	"sort"
	"sync"
	"time"
	"unsafe"
	"weak"

	"github.com/tidelua/tide/internal/value"
)

// Finalizers (__gc, §2.5.3). An object is marked for finalization when
// SetMetatable gives it a metatable with a __gc field, as in the reference.
// Go's collector tells the State when a marked object became unreachable
// (runtime.SetFinalizer resurrects it into a queue); the queued __gc
// metamethods run at safe points only: Thread.CollectGarbage (what
// collectgarbage("collect") should call) and State.Close, which also
// finalizes every marked object still alive, newest first.

type gcEntry struct {
	seq uint64
	v   value.Value
}

type finalizers struct {
	mu      sync.Mutex
	seq     uint64
	marked  map[uintptr]uint64 // address -> mark sequence (not a reference)
	weakT   map[uint64]weak.Pointer[value.Table]
	weakU   map[uint64]weak.Pointer[Userdata]
	queue   []gcEntry // unreachable objects waiting for their __gc
	running bool
}

// markForGC registers v (a table or userdata) for finalization.
func (st *State) markForGC(v value.Value) {
	p := v.Object()
	if p == nil {
		return
	}
	f := &st.fin
	f.mu.Lock()
	if f.marked == nil {
		f.marked = map[uintptr]uint64{}
		f.weakT = map[uint64]weak.Pointer[value.Table]{}
		f.weakU = map[uint64]weak.Pointer[Userdata]{}
	}
	if _, ok := f.marked[uintptr(p)]; ok {
		f.mu.Unlock()
		return
	}
	f.seq++
	seq := f.seq
	f.marked[uintptr(p)] = seq
	f.mu.Unlock()
	defer func() { _ = recover() }() // SetFinalizer refuses non-heap objects
	switch v.Type() {
	case value.TypeTable:
		t := v.AsTable()
		f.mu.Lock()
		f.weakT[seq] = weak.Make(t)
		f.mu.Unlock()
		runtime.SetFinalizer(t, func(t *value.Table) { st.enqueueGC(seq, uintptr(unsafe.Pointer(t)), value.TableValue(t)) })
	case value.TypeUserdata:
		u := AsUserdata(v)
		f.mu.Lock()
		f.weakU[seq] = weak.Make(u)
		f.mu.Unlock()
		runtime.SetFinalizer(u, func(u *Userdata) { st.enqueueGC(seq, uintptr(unsafe.Pointer(u)), UserdataValue(u)) })
	}
}

// enqueueGC runs on Go's finalizer goroutine.
func (st *State) enqueueGC(seq uint64, addr uintptr, v value.Value) {
	f := &st.fin
	f.mu.Lock()
	delete(f.marked, addr)
	delete(f.weakT, seq)
	delete(f.weakU, seq)
	f.queue = append(f.queue, gcEntry{seq, v})
	f.mu.Unlock()
}

// CollectGarbage (collectgarbage("collect")) runs a full Go collection, waits for it to report the
// unreachable objects marked for finalization, and calls their __gc
// metamethods (newest first). Errors in finalizers are ignored, as the
// reference only warns about them.
func (l *Thread) CollectGarbage() {
	st := l.st
	// Dead slots above the running function still hold values that Go's
	// collector would see; the reference clears them too.
	top := l.top
	if f := &l.frames[l.ci]; f.cl != nil && f.top > top {
		top = f.top
	}
	if f := &l.frames[l.ci]; f.cl == nil && f.top > top {
		top = f.top
	}
	clear(l.stack[top:])
	clear(l.frames[l.ci+1:])
	clear(l.scratch[:cap(l.scratch)])
	clear(l.transfer[:cap(l.transfer)])
	for i := 0; i < 2; i++ {
		done := make(chan struct{})
		sentinel := new([16]byte)
		runtime.SetFinalizer(sentinel, func(*[16]byte) { close(done) })
		sentinel = nil
		runtime.GC()
		select {
		case <-done:
		case <-time.After(time.Second):
		}
		runtime.Gosched()
	}
	st.runFinalizers(false)
}

// runFinalizers calls the queued finalizers; with all, also those of every
// marked object still alive (State.Close).
func (st *State) runFinalizers(all bool) {
	f := &st.fin
	f.mu.Lock()
	if f.running {
		f.mu.Unlock()
		return
	}
	f.running = true
	q := f.queue
	f.queue = nil
	if all {
		for seq, w := range f.weakT {
			if t := w.Value(); t != nil {
				runtime.SetFinalizer(t, nil)
				q = append(q, gcEntry{seq, value.TableValue(t)})
			}
		}
		for seq, w := range f.weakU {
			if u := w.Value(); u != nil {
				runtime.SetFinalizer(u, nil)
				q = append(q, gcEntry{seq, UserdataValue(u)})
			}
		}
		f.weakT = map[uint64]weak.Pointer[value.Table]{}
		f.weakU = map[uint64]weak.Pointer[Userdata]{}
		f.marked = map[uintptr]uint64{}
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running = false
		f.mu.Unlock()
	}()
	sort.Slice(q, func(i, j int) bool { return q[i].seq > q[j].seq })
	l := st.main
	for _, e := range q {
		tm := l.MetaField(e.v, "__gc")
		if tm.IsFunction() {
			_, _ = l.Call(tm, e.v)
		}
	}
}
