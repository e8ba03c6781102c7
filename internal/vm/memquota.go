package vm

import "errors"

// The memory quota (Options.MemoryLimit): a bound on the State's live heap.
//
// Go has one heap for the process, so the quota is enforced on tide's own
// estimate of the State's live heap, the sizing traversal behind
// collectgarbage("count") (heapsize.go). Running that traversal on every
// allocation would cost a full mark each time; instead the traversal's
// result is an upper bound that stays valid until the process has
// allocated more: live now <= live at the last traversal + bytes allocated
// since. The quota measures again only when that bound passes a threshold:
//
//   - at every checkpoint (the end of each budget slice, about every
//     gcCheckInterval calls, backward jumps and units of library work),
//     with Go's cheap lagging allocation counter (200 ns a read);
//   - in CheckAlloc, before any allocation of quotaCheckMin bytes or more
//     (string.rep, concatenation, table.concat, big table constructors,
//     io reads), with the request added: a request larger than the quota
//     fails at once, so string.rep("x", 2^40) stops before allocating.
//
// The threshold is the quota itself while the last measure was well under
// it; near it, the last measure plus the larger of an eighth of the quota
// and a quarter of the measure, so that a script holding just under the
// limit is not measured again after every few bytes: a traversal costs
// about what a collection's mark phase costs, and this bounds the
// traversals to four per live-heap-sized stretch of allocation (Go's
// collector marks once per such stretch). A script retaining more than
// the quota therefore stops at most a quarter of the quota (plus one slice
// of work) past it, while one that only churns garbage far from the limit
// is measured once per quota-sized stretch of allocation, at the cost of
// a traversal of what it keeps. Close to the limit the cost grows, as it
// does for C Lua under an allocator with a limit (which collects each
// time garbage fills the headroom).
//
// The allocation counter is the process's: with several States running at
// once, each sees the others' allocations and measures more often than it
// needs to, never less.

// ErrMemoryLimit is matched (errors.Is) by the error returned when the
// State's live heap exceeds Options.MemoryLimit.
var ErrMemoryLimit = errors.New("memory limit exceeded")

// quotaCheckMin is the allocation size from which CheckAlloc consults the
// memory quota; smaller ones wait for the next checkpoint.
const quotaCheckMin = 64 << 10

// memoryCheck returns the memory quota error when the State's live heap,
// plus extra bytes about to be allocated, exceeds Options.MemoryLimit. l is
// the running thread, or nil when unknown (its traceback is then filled in
// where the error is raised).
func (st *State) memoryCheck(l *Thread, extra int64) *QuotaError {
	if extra > st.memQuota {
		return st.memoryExceeded(l)
	}
	g := &st.gc
	h := &g.heap
	if g.busy {
		return nil // a collection or a finalizer is running: no traversal now
	}
	if h.measured {
		if grown := int64(h.lagging() - h.lagBase); h.live+grown+extra <= st.memNext {
			return nil
		}
	}
	st.measure(l)
	if h.live+extra > st.memQuota {
		return st.memoryExceeded(l)
	}
	st.memNext = h.live + max(st.memQuota-h.live, st.memQuota/8, h.live/4)
	return nil
}

// memoryExceeded returns the memory quota error.
func (st *State) memoryExceeded(l *Thread) *QuotaError {
	q := &QuotaError{Msg: "memory limit exceeded", Kind: ErrMemoryLimit}
	if l != nil {
		l.stopped(q)
	}
	return q
}

// memoryCheck is st.memoryCheck for the running thread.
func (l *Thread) memoryCheck(extra int64) *QuotaError { return l.st.memoryCheck(l, extra) }

// MemoryQuota returns Options.MemoryLimit, the live-memory quota, or 0.
func (st *State) MemoryQuota() int64 { return st.memQuota }
