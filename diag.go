package tide

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tidelua/tide/internal/stdlib/tidelib"
	"github.com/tidelua/tide/internal/vm"
)

// Diagnostics: the memory report and the coroutine inventory, for the
// host (this file), for Lua code (require("tide").memreport() and
// .coroutines()) and for the tide command (--mem-report, --coroutines).

// MemoryReport tells what a State's memory is made of and where the
// process's memory goes: the live Lua objects by kind, the largest
// tables, the Go runtime's heap, the process's RSS, and garbage
// collection statistics. Its text form (String, WriteTo) ends with a
// breakdown of the process's memory into live Lua data, other Go objects,
// fragmentation and free heap pages Go keeps, stacks and memory outside
// the Go heap, and a verdict naming the largest.
//
// The Lua figures are the State's own (what collectgarbage("count")
// measures); the Go figures are the whole process's. The fields are a
// copy: changing them does not change the text.
type MemoryReport struct {
	// Objects are the live Lua objects by kind: "tables", "strings",
	// "Lua closures", "Go functions", "userdata", "coroutines",
	// "prototypes", "upvalues" and "state" (the State's bookkeeping);
	// "coroutines" include the main thread.
	// Strings are counted by allocation: a string stored in places far
	// apart may count more than once, short strings by the 16-byte
	// blocks that hold them.
	Objects []ObjectStats
	// LuaLive is the live Lua heap in bytes, the sum of Objects.
	LuaLive int64
	// Largest are the largest tables, largest first; their Site is known
	// when Options.TrackSites is on.
	Largest []TableStats

	// The Go heap (runtime/metrics): HeapInUse is HeapObjects (live
	// objects and garbage not yet collected) plus HeapUnused (free space
	// inside spans in use); HeapIdle are free pages, HeapReleased of them
	// returned to the OS. Stacks are goroutine stacks. RSS is the
	// process's resident set size, -1 when unknown (not Linux).
	HeapInUse, HeapObjects, HeapUnused, HeapIdle, HeapReleased, Stacks, RSS int64

	// GC are garbage collection statistics.
	GC GCStats
	// Verdict says what most of the memory is, e.g. "mostly live Lua
	// data: the script keeps it reachable".
	Verdict string

	r *tidelib.Report
}

// ObjectStats counts the live Lua objects of one kind.
type ObjectStats struct {
	Kind  string
	Count int64
	Bytes int64
}

// TableStats describes one of the largest live tables.
type TableStats struct {
	Bytes    int64  // its struct, array part and hash part
	ArrayLen int    // slots of its array part
	HashCap  int    // slots of its hash part
	Site     string // "source:line" of the table constructor, "" unknown
}

// GCStats are garbage collection statistics: Go's collector (the whole
// process) and the State's own collections.
type GCStats struct {
	// GoCycles is the number of cycles Go's collector completed.
	GoCycles uint64
	// PauseP50, PauseP99 and PauseMax are the median, 99th percentile
	// and longest stop-the-world pauses of Go's collector, each the upper
	// bound of its histogram bucket (runtime/metrics
	// /sched/pauses/total/gc:seconds).
	PauseP50, PauseP99, PauseMax time.Duration
	// HeapGoal is the heap size at which Go's next cycle starts.
	HeapGoal int64
	// Collections is the number of the State's own full collections
	// (collectgarbage, automatic collections for weak tables and
	// finalizers).
	Collections int
}

// MemoryReport measures the State and the process and returns the
// report, listing the 10 largest tables. It walks the State's live
// objects (as collectgarbage("count") does when it measures) and changes
// nothing the scripts can see. It returns nil when the State is closed,
// running for another goroutine, or running a collection or a finalizer.
// Go garbage not yet collected counts as "other Go heap objects": call
// runtime.GC first for a report of live memory only.
func (s *State) MemoryReport() *MemoryReport {
	l, ok := s.diagThread()
	if !ok {
		return nil
	}
	r, ok := tidelib.NewReport(s.vm, l, 10)
	if !ok {
		return nil
	}
	m := &MemoryReport{r: r, LuaLive: r.Lua.Total, Verdict: r.Verdict()}
	for _, o := range r.Lua.Objects {
		m.Objects = append(m.Objects, ObjectStats{Kind: o.Kind.String(), Count: o.Count, Bytes: o.Bytes})
	}
	for _, t := range r.Lua.Largest {
		m.Largest = append(m.Largest, TableStats{Bytes: t.Bytes, ArrayLen: t.ArrayLen, HashCap: t.HashCap, Site: t.Site})
	}
	g := &r.Go
	m.HeapInUse, m.HeapObjects, m.HeapUnused = g.HeapInUse, g.HeapObjects, g.HeapUnused
	m.HeapIdle, m.HeapReleased, m.Stacks, m.RSS = g.HeapIdle, g.HeapReleased, g.Stacks, g.RSS
	m.GC = GCStats{
		GoCycles: r.GC.Cycles,
		PauseP50: r.GC.PauseP50, PauseP99: r.GC.PauseP99, PauseMax: r.GC.PauseMax,
		HeapGoal:    r.GC.HeapGoal,
		Collections: r.GC.Collections,
	}
	return m
}

// String returns the report as text, as tide --mem-report prints it.
func (m *MemoryReport) String() string {
	if m == nil || m.r == nil {
		return ""
	}
	return m.r.String()
}

// WriteTo writes the report as text to w.
func (m *MemoryReport) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, m.String())
	return int64(n), err
}

// diagThread returns the thread a diagnostic runs on: the one running a
// host Function, or the main one when the State is idle.
func (s *State) diagThread() (*vm.Thread, bool) {
	if s.closed {
		return nil, false
	}
	if l := s.running.Load(); l != nil {
		return l, true
	}
	if s.busy.Load() {
		return nil, false // another goroutine is running the State
	}
	return s.vm.Main(), true
}

// CoroutineInfo describes a live coroutine (see [State.Coroutines]).
type CoroutineInfo struct {
	// Status is "suspended", "running", "normal" or "dead", as
	// coroutine.status says.
	Status string
	// Created is the "source:line" of the coroutine.create or
	// coroutine.wrap call that made it; "?" when unknown.
	Created string
	// Age is the time since it was created (0 when unknown).
	Age time.Duration
	// Where is the position where a suspended coroutine waits (its
	// innermost Lua frame, "source:line"); "" when it has no Lua frame:
	// not started yet (see Body), or dead.
	Where string
	// Frames are its active frames, innermost first: for a suspended
	// coroutine, the yield and the Lua functions waiting for it.
	Frames []CoroutineFrame
	// Body describes the function of a coroutine not started yet
	// ("function <x.lua:4>"); "" otherwise.
	Body string
}

// CoroutineFrame is one frame of a coroutine's stack.
type CoroutineFrame struct {
	Source   string // the chunk ("x.lua"), "[C]" for a Go function
	Line     int    // the current line; 0 for a Go function or unknown
	Function string // as tracebacks name it: "local 'f'", "function <x.lua:3>"
}

// String returns the frame as a traceback line.
func (f CoroutineFrame) String() string {
	s := f.Source + ":"
	if f.Line > 0 {
		s += strconv.Itoa(f.Line) + ":"
	}
	return s + " in " + f.Function
}

// String formats c as tide --coroutines lists it: a line with the status,
// creation site, age and position, then the frames, each on a line
// starting with a tab.
func (c CoroutineInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, created at %s", c.Status, c.Created)
	if c.Age > 0 {
		fmt.Fprintf(&b, ", age %s", formatAge(c.Age))
	}
	switch {
	case c.Where != "":
		fmt.Fprintf(&b, ", at %s", c.Where)
	case c.Body != "":
		fmt.Fprintf(&b, ", not started (%s)", c.Body)
	}
	for _, f := range c.Frames {
		b.WriteString("\n\t")
		b.WriteString(f.String())
	}
	return b.String()
}

// formatAge rounds an age for display.
func formatAge(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// Coroutines returns every coroutine reachable from the State's roots
// (globals, registry, the running coroutines and what they hold, pinned
// handles): the inventory that finds coroutines leaked in tables and
// queues, oldest first. Coroutines that nothing references are not
// listed, even before Go frees them. It returns nil when the State is
// closed, running for another goroutine, or running a collection or a
// finalizer.
func (s *State) Coroutines() []CoroutineInfo {
	l, ok := s.diagThread()
	if !ok {
		return nil
	}
	infos, ok := s.vm.Coroutines(l)
	if !ok {
		return nil
	}
	out := make([]CoroutineInfo, len(infos))
	for i := range infos {
		in := &infos[i]
		c := CoroutineInfo{Status: in.Status, Created: in.Created, Age: in.Age, Where: in.Where(), Body: in.Body}
		for _, f := range in.Frames {
			c.Frames = append(c.Frames, CoroutineFrame{Source: f.Source, Line: f.Line, Function: f.Function})
		}
		out[i] = c
	}
	return out
}

// WriteCoroutines writes the inventory cs as text to w, as tide
// --coroutines prints it: a heading with the count, then each coroutine
// (CoroutineInfo.String) numbered. A long inventory (a leak) starts with
// a summary of the coroutines by status, creation site and position,
// largest groups first, and lists only the first maxListed coroutines.
func WriteCoroutines(w io.Writer, cs []CoroutineInfo) error {
	var b strings.Builder
	fmt.Fprintf(&b, "coroutines: %d live\n", len(cs))
	if len(cs) > summaryAbove {
		type group struct {
			key string
			n   int
		}
		idx := map[string]int{}
		var groups []group
		for _, c := range cs {
			key := c.Status + ", created at " + c.Created
			if c.Where != "" {
				key += ", at " + c.Where
			}
			i, ok := idx[key]
			if !ok {
				i = len(groups)
				idx[key] = i
				groups = append(groups, group{key: key})
			}
			groups[i].n++
		}
		slices.SortStableFunc(groups, func(x, y group) int { return y.n - x.n })
		b.WriteString("by status, creation site and position:\n")
		for _, g := range groups {
			fmt.Fprintf(&b, "%8d  %s\n", g.n, g.key)
		}
	}
	for i, c := range cs {
		if i == maxListed {
			fmt.Fprintf(&b, "... and %d more\n", len(cs)-maxListed)
			break
		}
		fmt.Fprintf(&b, "#%d %s\n", i+1, c)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryAbove is the inventory size above which WriteCoroutines starts
// with a summary, and maxListed the most coroutines it lists one by one.
const (
	summaryAbove = 10
	maxListed    = 100
)
