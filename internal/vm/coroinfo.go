package vm

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// The coroutine inventory (tide --coroutines, tide.coroutines(),
// State.Coroutines): every coroutine reachable from the State's roots,
// with its status, where it was created, where it is suspended and its
// age. It is the tool for finding coroutines leaked in registries and
// queues.
//
// Creation is always recorded (NewThread calls recordCreation): the Lua
// position of the coroutine.create or coroutine.wrap call and the time,
// in a side table keyed by weak pointers (weakMap, sites.go) so that it
// keeps no coroutine alive. This costs a coroutine's creation a map
// insertion, small beside the allocation of its stacks.

// coroTable maps coroutines to their creation.
type coroTable = weakMap[Thread, creation]

// creation is where and when a coroutine was created.
type creation struct {
	at   site
	when time.Time
}

// recordCreation records that co was just created by l.
func (l *Thread) recordCreation(co *Thread) {
	c := &l.st.gc.col
	if c.coros == nil {
		c.coros = new(coroTable)
	}
	c.coros.put(co, creation{at: l.currentSite(), when: time.Now()})
}

// FrameInfo is one frame of a coroutine's stack, innermost first.
type FrameInfo struct {
	Source   string // chunk id ("x.lua"), "[C]" for a Go function
	Line     int    // current line, 0 when unknown or a Go function
	Function string // as tracebacks name it: "function 'f'", "local 'g'", ...
}

// String formats the frame as a traceback line ("x.lua:3: in local 'f'").
func (f FrameInfo) String() string {
	s := f.Source + ":"
	if f.Line > 0 {
		s += strconv.Itoa(f.Line) + ":"
	}
	return s + " in " + f.Function
}

// CoroutineInfo describes a live coroutine.
type CoroutineInfo struct {
	// Status is "suspended", "running", "normal" or "dead", as
	// coroutine.status reports it from the running thread.
	Status string
	// Created is the "source:line" of the coroutine.create or
	// coroutine.wrap call, "?" when unknown (made by the host).
	Created string
	// Age is the time since the creation (0 when unknown).
	Age time.Duration
	// Frames are the coroutine's active frames, innermost first: for a
	// suspended coroutine, the yield and the functions waiting for it.
	// Empty for a coroutine not started yet or dead.
	Frames []FrameInfo
	// Body describes the function a coroutine not started yet will run
	// ("function <x.lua:4>"), "" otherwise.
	Body string
	// Value is the coroutine itself.
	Value *Thread
}

// Where returns the innermost Lua position of the coroutine
// ("x.lua:7"), where a suspended coroutine waits; "" when none.
func (ci *CoroutineInfo) Where() string {
	for _, f := range ci.Frames {
		if f.Line > 0 {
			return f.Source + ":" + strconv.Itoa(f.Line)
		}
	}
	return ""
}

// Traceback returns the coroutine's frames in the layout of
// debug.traceback(co).
func (ci *CoroutineInfo) Traceback() string {
	var b strings.Builder
	b.WriteString("stack traceback:")
	for _, f := range ci.Frames {
		b.WriteString("\n\t")
		b.WriteString(f.String())
	}
	return b.String()
}

// maxInventoryFrames bounds the frames listed per coroutine.
const maxInventoryFrames = 40

// Coroutines returns every coroutine reachable from the State's roots
// (the main thread excluded), oldest first (unknown creations last); l
// is the running thread (nil: the main one). It reports false while a
// collection or a finalizer runs.
func (st *State) Coroutines(l *Thread) ([]CoroutineInfo, bool) {
	a := &censusAcc{only: true}
	if !st.traverse(l, a) {
		return nil, false
	}
	if l == nil {
		l = st.main
	}
	tab := st.gc.col.coros
	out := make([]CoroutineInfo, 0, len(a.coros))
	whens := make([]time.Time, 0, len(a.coros))
	for _, co := range a.coros {
		info := CoroutineInfo{Status: l.Status(co), Created: "?", Value: co}
		var when time.Time
		if cr, ok := tab.get(co); ok {
			when = cr.when
			info.Created = cr.at.String()
			info.Age = a.when.Sub(cr.when)
		}
		if co.status != statusDead {
			info.Frames = co.frameInfos(maxInventoryFrames)
			if len(info.Frames) == 0 {
				if cl := AsClosure(co.body); cl != nil && cl.Proto != nil {
					info.Body = "function <" + chunkID(cl.Proto.Source) + ":" + strconv.Itoa(cl.Proto.LineDefined) + ">"
				} else if gf := AsGoFunction(co.body); gf != nil {
					info.Body = "function '" + gf.Name + "'"
				}
			}
		}
		out = append(out, info)
		whens = append(whens, when)
	}
	// oldest first, unknown creations last, ties in reachability order
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		wi, wj := whens[i], whens[j]
		switch {
		case wi.IsZero() != wj.IsZero():
			if wi.IsZero() {
				return 1
			}
			return -1
		}
		return wi.Compare(wj)
	})
	sorted := make([]CoroutineInfo, len(out))
	for k, i := range idx {
		sorted[k] = out[i]
	}
	return sorted, true
}

// frameInfos returns up to n of l's active frames, innermost first.
func (l *Thread) frameInfos(n int) []FrameInfo {
	var out []FrameInfo
	for i := min(l.ci, len(l.frames)-1); i > 0 && len(out) < n; i-- {
		f := &l.frames[i]
		fi := FrameInfo{Source: "[C]", Function: l.describeFrame(i)}
		if f.cl != nil && f.cl.Proto != nil {
			fi.Source = chunkID(f.cl.Proto.Source)
			fi.Line = max(f.line(), 0)
		}
		out = append(out, fi)
	}
	return out
}
