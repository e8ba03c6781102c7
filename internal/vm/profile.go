package vm

import (
	"encoding/binary"
	"errors"
	"strconv"
	"time"
	"unsafe"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/profile"
)

// The sampling profiler adds nothing to the dispatch loop. While it runs
// the State is watched (quota.go), so that every budget slice ends in a
// checkpoint, and the length of the slices (in ticks: calls, backward
// jumps, units of library work) adapts so that a checkpoint comes every
// 5 to 20 microseconds. At each checkpoint, profTick reads the clock and,
// when samples have fallen due since the last ones taken, records the
// running stack with their number as its weight. A sample is thus taken
// a few microseconds after it falls due, in the function running then:
// the checkpoints must come often in time, not in ticks, or a sample due
// in slow code (few ticks a microsecond) would be taken in the fast code
// that follows it. No goroutine and no signal is involved: a ticker
// goroutine waking a thousand times a second cost more (2-4% of CPU time
// on the bench programs, measured) than the clock reads do (about 1%).
//
// A gap of more than maxStall between two clock reads means the State was
// blocked in a Go function (I/O, sleep) or not running at all: it counts
// as at most maxStall of samples, charged to the stack at the next
// checkpoint.
//
// The allocation profile reads Go's cumulative allocation counter at
// each checkpoint and charges what was allocated since to the running
// stack, in lumps of at least allocSampleBytes. The counter is the
// process's: allocations by other goroutines count too.

const (
	// minProfSlice and maxProfSlice bound the budget slice while
	// profiling; it starts at startProfSlice.
	minProfSlice   = 16
	startProfSlice = 1024
	maxProfSlice   = gcCheckInterval
	// minCheckGap and maxCheckGap are the time between checkpoints the
	// slice aims at. A checkpoint with a clock read costs about 50 ns.
	minCheckGap = 5 * time.Microsecond
	maxCheckGap = 20 * time.Microsecond
	// maxProfDepth is how many frames of a stack are kept (the innermost
	// ones); deeper stacks end in a "(truncated)" frame.
	maxProfDepth = 256
	// allocSampleBytes is the least allocation recorded as one sample of
	// the allocation profile.
	allocSampleBytes = 64 << 10
	// maxStall is how long the State may pass no checkpoint and still
	// be taken to run Lua code: a sample (or a GC pause, or a
	// descheduled thread) rarely takes longer; a Go function blocked in
	// I/O does.
	maxStall = 20 * time.Millisecond
	// MaxProfileHz is the highest sampling rate StartProfile accepts.
	MaxProfileHz = 100000
	// DefaultProfileHz is the rate StartProfile uses for hz <= 0.
	DefaultProfileHz = 1000
)

// ErrProfiling is returned by StartProfile when the profiler already runs.
var ErrProfiling = errors.New("profiler already running")

// ErrNotProfiling is returned by StopProfile when the profiler does not run.
var ErrNotProfiling = errors.New("profiler not running")

// profiler is the State's sampling profiler while it runs.
type profiler struct {
	period time.Duration
	start  time.Time

	slice    int64         // budget ticks between checkpoints
	lastRead time.Duration // when the clock was last read, since start
	next     time.Duration // when the next sample falls due, since start

	alloc     bool
	heap      heapEstimate // for its lagging allocation counter
	lastAlloc uint64
	pending   int64 // bytes allocated and not yet recorded

	names   map[nameKey]uint32 // frame identity -> index in funcs
	funcIdx map[profile.Frame]uint32
	funcs   []profile.Frame // Function and Source; Line unused
	stacks  map[string]int  // encoded stack -> index in samples
	samples []stackRecord
	key     []byte // scratch for the encoded stack
}

// nameKey identifies what a frame's function is called: the function
// and, when the name comes from the call site, the calling instruction.
type nameKey struct {
	fn     unsafe.Pointer // *Closure or *GoFunction
	caller *bc.Proto
	pc     int
	flags  uint16 // fTail of the frame, fHooked and fFin of the caller
	first  bool   // frame 1: called from Go
}

// stackRecord accumulates the samples of one distinct stack, encoded as
// (function index, line) pairs of uint32, innermost first.
type stackRecord struct {
	key   string
	count int64
	bytes int64
}

// truncatedFunc is the function index of the frame that ends a stack cut
// at maxProfDepth.
const truncatedFunc = 0

// StartProfile starts the sampling profiler at hz samples a second
// (DefaultProfileHz when hz <= 0); alloc adds the allocation profile. It
// fails with ErrProfiling when the profiler runs already, and for a rate
// above MaxProfileHz.
func (st *State) StartProfile(hz int, alloc bool) error {
	if st.prof != nil {
		return ErrProfiling
	}
	if hz <= 0 {
		hz = DefaultProfileHz
	}
	if hz > MaxProfileHz {
		return errors.New("profiling rate " + strconv.Itoa(hz) + " Hz above the limit of " + strconv.Itoa(MaxProfileHz))
	}
	period := time.Second / time.Duration(hz)
	p := &profiler{
		period:  period,
		start:   time.Now(),
		slice:   startProfSlice,
		next:    period,
		alloc:   alloc,
		names:   map[nameKey]uint32{},
		funcIdx: map[profile.Frame]uint32{},
		funcs:   []profile.Frame{{Function: "(truncated)"}},
		stacks:  map[string]int{},
	}
	if alloc {
		p.lastAlloc = p.heap.lagging()
	}
	st.prof = p
	st.watch()
	st.profSlice()
	return nil
}

// StopProfile stops the profiler and returns what it recorded. It fails
// with ErrNotProfiling when the profiler does not run.
func (st *State) StopProfile() (*profile.Profile, error) {
	p := st.prof
	if p == nil {
		return nil, ErrNotProfiling
	}
	st.prof = nil
	st.unwatchProfile()
	return p.result(), nil
}

// Profiling reports whether the profiler runs.
func (st *State) Profiling() bool { return st.prof != nil }

// unwatchProfile leaves the State watched only if something else needs
// the checkpoints.
func (st *State) unwatchProfile() {
	st.watched = st.done != nil || st.memQuota > 0
}

// profSlice shortens the current budget slice to the profiler's slice
// while it runs; what it takes off goes back to the instruction quota's
// reserve.
func (st *State) profSlice() {
	if st.prof == nil || st.budget <= st.prof.slice {
		return
	}
	if st.opts.MaxInstructions > 0 {
		st.gc.reserve += st.budget - st.prof.slice
	}
	st.budget = st.prof.slice
}

// profTick is called at every checkpoint while the profiler runs.
func (st *State) profTick(l *Thread) {
	p := st.prof
	n := p.clock()
	var bytes int64
	if p.alloc {
		cur := p.heap.lagging()
		if cur > p.lastAlloc {
			p.pending += int64(cur - p.lastAlloc)
		}
		p.lastAlloc = cur
		if p.pending >= allocSampleBytes {
			bytes, p.pending = p.pending, 0
		}
	}
	if n != 0 || bytes != 0 {
		p.record(l, n, bytes)
	}
	st.profSlice()
}

// clock reads the time and returns the number of samples that have
// fallen due since the last ones taken. It adapts the slice so that the
// checkpoints come every minCheckGap to maxCheckGap: when they come too
// close together the slice doubles, too far apart it halves.
func (p *profiler) clock() int64 {
	now := time.Since(p.start)
	gap := now - p.lastRead
	p.lastRead = now
	switch {
	case gap > maxStall:
		// not a measure of the slice
	case gap < minCheckGap && p.slice < maxProfSlice:
		p.slice *= 2
	case gap > maxCheckGap && p.slice > minProfSlice:
		p.slice /= 2
	}
	if now < p.next {
		return 0
	}
	n := int64((now-p.next)/p.period) + 1
	p.next += time.Duration(n) * p.period
	if gap > maxStall {
		// blocked or not running for most of the gap
		n = min(n, max(1, int64(maxStall/p.period)))
	}
	return n
}

// record adds a sample of the stack of l (and of the threads that
// resumed it) with the given weights.
func (p *profiler) record(l *Thread, n, bytes int64) {
	key := p.key[:0]
	depth := 0
outer:
	for th := l; th != nil; th = th.parent {
		for i := th.ci; i >= 1; i-- {
			f := &th.frames[i]
			if f.cl == nil && f.gofn == nil {
				continue
			}
			if depth == maxProfDepth {
				key = binary.LittleEndian.AppendUint32(key, truncatedFunc)
				key = binary.LittleEndian.AppendUint32(key, 0)
				break outer
			}
			line := 0
			if f.cl != nil {
				line = f.line()
			}
			key = binary.LittleEndian.AppendUint32(key, p.funcID(th, i))
			key = binary.LittleEndian.AppendUint32(key, uint32(line))
			depth++
		}
		if th.isMain || (th.status != statusRunning && th.status != statusNormal) {
			break
		}
	}
	p.key = key
	idx, ok := p.stacks[string(key)]
	if !ok {
		idx = len(p.samples)
		k := string(key)
		p.stacks[k] = idx
		p.samples = append(p.samples, stackRecord{key: k})
	}
	p.samples[idx].count += n
	p.samples[idx].bytes += bytes
}

// funcID returns the index in p.funcs of the function of frame i of th,
// naming it on first sight.
func (p *profiler) funcID(th *Thread, i int) uint32 {
	f := &th.frames[i]
	k := nameKey{flags: f.flags & fTail, first: i <= 1}
	if f.cl != nil {
		k.fn = unsafe.Pointer(f.cl)
	} else {
		k.fn = unsafe.Pointer(f.gofn)
	}
	if i > 1 {
		c := &th.frames[i-1]
		k.flags |= c.flags & (fHooked | fFin)
		if c.cl != nil {
			k.caller, k.pc = c.cl.Proto, c.pc
		}
	}
	if id, ok := p.names[k]; ok {
		return id
	}
	fr := th.profFrame(i)
	id, ok := p.funcIdx[fr]
	if !ok {
		id = uint32(len(p.funcs))
		p.funcIdx[fr] = id
		p.funcs = append(p.funcs, fr)
	}
	p.names[k] = id
	return id
}

// profFrame names the function of frame i as tracebacks do, followed by
// where a Lua function is defined: "fib (fib.lua:3)", "obj:run
// (x.lua:10)", "main chunk (x.lua)", "function <x.lua:12>" for an
// anonymous one, "string.rep" for a Go function.
func (l *Thread) profFrame(i int) profile.Frame {
	f := &l.frames[i]
	name := l.globalFuncName(f.function(l))
	if name == "" {
		kind, n := l.funcName(i)
		switch kind {
		case "":
		case "metamethod":
			name = "__" + n
		case "for iterator", "hook":
			name = kind
		default:
			name = n
		}
	}
	if f.cl == nil {
		if name == "" && f.gofn != nil {
			name = f.gofn.Name
		}
		if name == "" {
			name = "?"
		}
		return profile.Frame{Function: name, Source: "[C]"}
	}
	p := f.cl.Proto
	src := chunkID(p.Source)
	switch {
	case p.LineDefined == 0:
		name = "main chunk (" + src + ")"
	case name == "":
		name = "function <" + src + ":" + strconv.Itoa(p.LineDefined) + ">"
	default:
		name += " (" + src + ":" + strconv.Itoa(p.LineDefined) + ")"
	}
	return profile.Frame{Function: name, Source: src}
}

// result turns the records into a Profile.
func (p *profiler) result() *profile.Profile {
	out := &profile.Profile{
		Period:   p.period,
		Start:    p.start,
		Duration: time.Since(p.start),
		Samples:  make([]profile.Sample, 0, len(p.samples)),
	}
	for _, r := range p.samples {
		if r.count == 0 && r.bytes == 0 {
			continue
		}
		key := []byte(r.key)
		stack := make([]profile.Frame, 0, len(key)/8)
		for j := 0; j+8 <= len(key); j += 8 {
			fn := binary.LittleEndian.Uint32(key[j:])
			line := binary.LittleEndian.Uint32(key[j+4:])
			fr := p.funcs[fn]
			fr.Line = int(line)
			stack = append(stack, fr)
		}
		out.Samples = append(out.Samples, profile.Sample{Stack: stack, Count: r.count, Bytes: r.bytes})
	}
	return out
}
