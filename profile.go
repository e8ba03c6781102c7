package tide

import (
	"errors"
	"io"
	"time"

	"github.com/tidelua/tide/internal/profile"
	"github.com/tidelua/tide/internal/vm"
)

// ProfileOptions configure [State.StartProfile]. The zero value samples
// the Lua stacks 1000 times a second, without the allocation profile.
type ProfileOptions struct {
	// Hz is the sampling rate in samples a second: 1000 when zero or
	// negative, at most 100000.
	Hz int
	// Alloc adds the allocation profile: the bytes allocated while each
	// stack ran (see [Profile.WriteAllocPprof]).
	Alloc bool
}

// ErrProfiling is returned by [State.StartProfile] when the profiler
// runs already.
var ErrProfiling = vm.ErrProfiling

// ErrNotProfiling is returned by [State.StopProfile] when the profiler
// does not run.
var ErrNotProfiling = vm.ErrNotProfiling

// errStateClosed is returned by the profiler's methods on a closed State.
var errStateClosed = errors.New("tide: State is closed")

// StartProfile starts the sampling profiler: until [State.StopProfile],
// the Lua call stack of the code the State runs (with the coroutines that
// resumed the running one) is sampled at opts.Hz. Sampling adds nothing
// to the interpreter's inner loop and starts no goroutine: while
// profiling, the interpreter passes a checkpoint every 5 to 20
// microseconds (it counts calls and loop iterations to get there), reads
// the clock and records its stack when samples have fallen due, so a
// sample lands a few microseconds late; the cost is about 1% of run time.
// Samples measure elapsed time while the State runs Lua code; a stretch
// spent blocked in a Go function (I/O, a sleep) or outside the State
// counts for at most 20 ms of samples, charged to the stack the State
// runs next.
//
// StartProfile must be called by the goroutine that uses the State,
// between calls or from a host [Function]. It fails with [ErrProfiling]
// when the profiler runs already, and for a rate above 100000.
func (s *State) StartProfile(opts ProfileOptions) error {
	if err := s.profileCheck(); err != nil {
		return err
	}
	return s.vm.StartProfile(opts.Hz, opts.Alloc)
}

// StopProfile stops the profiler [State.StartProfile] started and
// returns what it recorded. It fails with [ErrNotProfiling] when the
// profiler does not run. Like StartProfile, it must be called by the
// goroutine that uses the State.
func (s *State) StopProfile() (*Profile, error) {
	if err := s.profileCheck(); err != nil {
		return nil, err
	}
	p, err := s.vm.StopProfile()
	if err != nil {
		return nil, err
	}
	out := &Profile{Period: p.Period, Start: p.Start, Duration: p.Duration}
	out.Samples = make([]ProfileSample, len(p.Samples))
	for i, sm := range p.Samples {
		stack := make([]ProfileFrame, len(sm.Stack))
		for j, f := range sm.Stack {
			stack[j] = ProfileFrame(f)
		}
		out.Samples[i] = ProfileSample{Stack: stack, Count: sm.Count, AllocBytes: sm.Bytes}
	}
	return out, nil
}

func (s *State) profileCheck() error {
	if s.closed {
		return errStateClosed
	}
	if s.running.Load() == nil && s.busy.Load() {
		return ErrConcurrentUse
	}
	return nil
}

// Profile is what the profiler recorded between [State.StartProfile] and
// [State.StopProfile]: each distinct stack once, with its samples. The
// Write methods write the Samples as they are when called.
type Profile struct {
	// Period is the time between two samples, one over the rate.
	Period time.Duration
	// Start is when profiling started; Duration is how long it ran.
	Start    time.Time
	Duration time.Duration
	// Samples holds the distinct stacks and what was measured for them.
	Samples []ProfileSample
}

// ProfileSample is one stack of a [Profile] with its measurements.
type ProfileSample struct {
	// Stack lists the frames from the running function out to the
	// outermost caller.
	Stack []ProfileFrame
	// Count is the number of samples taken with this stack running.
	Count int64
	// AllocBytes is the memory allocated while it ran (with
	// ProfileOptions.Alloc; the process's allocation counter is read at
	// the interpreter's checkpoints and charged to the running stack in
	// lumps of at least 64 KiB).
	AllocBytes int64
}

// ProfileFrame is a function activation in a sampled stack.
type ProfileFrame struct {
	// Function names the function as tracebacks do, followed for a Lua
	// function by where it is defined: "fib (fib.lua:3)", "obj:run
	// (app.lua:10)", "main chunk (app.lua)", "function <app.lua:12>" (no
	// name known), "string.rep" (a Go function).
	Function string
	// Source is the chunk as error messages show it ("app.lua"), or
	// "[C]" for a Go function.
	Source string
	// Line is the line that was running in the frame; 0 for a Go
	// function.
	Line int
}

// ProfileEntry is one function's line in [Profile.Top].
type ProfileEntry struct {
	Function string
	// Self counts the samples in which the function was running, Total
	// those in which it was on the stack.
	Self, Total int64
}

// internal returns p in the form of the writers.
func (p *Profile) internal() *profile.Profile {
	out := &profile.Profile{Period: p.Period, Start: p.Start, Duration: p.Duration}
	out.Samples = make([]profile.Sample, len(p.Samples))
	for i, sm := range p.Samples {
		stack := make([]profile.Frame, len(sm.Stack))
		for j, f := range sm.Stack {
			stack[j] = profile.Frame(f)
		}
		out.Samples[i] = profile.Sample{Stack: stack, Count: sm.Count, Bytes: sm.AllocBytes}
	}
	return out
}

// TotalSamples returns the number of samples in p.
func (p *Profile) TotalSamples() int64 {
	var n int64
	for i := range p.Samples {
		n += p.Samples[i].Count
	}
	return n
}

// Top returns the n functions with the most self samples, busiest first
// (all of them when n <= 0).
func (p *Profile) Top(n int) []ProfileEntry {
	es := p.internal().Top(n)
	out := make([]ProfileEntry, len(es))
	for i, e := range es {
		out[i] = ProfileEntry(e)
	}
	return out
}

// WriteTop writes a table of the n functions with the most self samples:
// their self ("flat") and total ("cum") samples and percentages, in the
// layout of go tool pprof -top.
func (p *Profile) WriteTop(w io.Writer, n int) error { return p.internal().WriteTop(w, n) }

// WritePprof writes the samples as a gzipped pprof protocol buffer that
// go tool pprof reads: sample types samples/count and cpu/nanoseconds,
// one function per Lua function named as ProfileFrame.Function, with its
// source file and the sampled lines.
func (p *Profile) WritePprof(w io.Writer) error { return p.internal().WritePprof(w) }

// WriteAllocPprof writes the allocation profile (ProfileOptions.Alloc) as
// a gzipped pprof protocol buffer with the sample type alloc_space/bytes.
func (p *Profile) WriteAllocPprof(w io.Writer) error { return p.internal().WriteAllocPprof(w) }

// WriteFolded writes the samples as folded stacks, the input of flame
// graph tools (flamegraph.pl, inferno, speedscope): one line per distinct
// stack, "outer;inner;leaf count".
func (p *Profile) WriteFolded(w io.Writer) error { return p.internal().WriteFolded(w) }

// WriteSVG writes the samples as a flame graph: a self-contained SVG
// image, callers below callees, each box as wide as its share of the
// samples, with the sample count and percentage in its tooltip.
func (p *Profile) WriteSVG(w io.Writer) error { return p.internal().WriteSVG(w) }
