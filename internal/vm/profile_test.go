package vm

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide/internal/profile"
	"github.com/tidelua/tide/internal/value"
)

// newProfState returns a test State with coroutines, a Go function
// enough() that turns true once d has passed, and sample(), which takes
// a sample of the running stack at once.
func newProfState(out *strings.Builder, d time.Duration, opts Options) *State {
	st := newTestState(out)
	if opts.MaxInstructions > 0 {
		st = NewState(opts)
	}
	openCoroutineForTest(st)
	start := time.Now()
	st.SetGlobal("enough", NewGoFunction("enough", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.Bool(time.Since(start) >= d)), nil
	}))
	st.SetGlobal("sample", NewGoFunction("sample", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if l.st.prof != nil {
			l.st.prof.record(l, 1, 0)
		}
		return nil, nil
	}))
	return st
}

// stackText is a sample's stack as "leaf < caller < ... < main".
func stackText(s *profile.Sample) string {
	names := make([]string, len(s.Stack))
	for i, f := range s.Stack {
		names[i] = f.Function
	}
	return strings.Join(names, " < ")
}

func startProfile(t *testing.T, st *State, alloc bool) {
	t.Helper()
	if err := st.StartProfile(1000, alloc); err != nil {
		t.Fatal(err)
	}
}

func stopProfile(t *testing.T, st *State) *profile.Profile {
	t.Helper()
	p, err := st.StopProfile()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const hotColdScript = `
function hot(n)
  local s = 0
  for i = 1, n do s = s + i % 7 end
  return s
end
local function cold(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end
local rounds = 0
repeat
  hot(20000)
  cold(1000)
  rounds = rounds + 1
until enough() and rounds >= 3
`

// TestProfileHotFunction profiles a script whose time goes mostly to
// hot(): it must be on the stack in most samples and be the top self
// entry.
func TestProfileHotFunction(t *testing.T) {
	var out strings.Builder
	st := newProfState(&out, 300*time.Millisecond, Options{})
	startProfile(t, st, false)
	runIn(t, st, hotColdScript)
	p := stopProfile(t, st)
	total := p.TotalCount()
	if total < 50 {
		t.Fatalf("only %d samples", total)
	}
	var withHot int64
	for i := range p.Samples {
		s := &p.Samples[i]
		if strings.Contains(stackText(s), "hot (t:2)") {
			withHot += s.Count
		}
		if last := s.Stack[len(s.Stack)-1]; last.Function != "main chunk (t)" || last.Source != "t" || last.Line <= 0 {
			t.Errorf("outermost frame %+v", last)
		}
	}
	if withHot*10 < total*7 {
		t.Errorf("hot on the stack in %d of %d samples", withHot, total)
	}
	top := p.Top(3)
	if top[0].Function != "hot (t:2)" {
		t.Errorf("top entries %+v", top)
	}
	if st.watched || st.prof != nil {
		t.Error("the State is still watched after StopProfile")
	}
}

// TestProfileStacks checks the names and lines of sampled frames, Go
// functions, and the resumers of a coroutine.
func TestProfileStacks(t *testing.T) {
	var out strings.Builder
	st := newProfState(&out, 0, Options{})
	startProfile(t, st, false)
	runIn(t, st, `function globalf() sample() end
local function localf() sample() end
local obj = {}
function obj:method()
  sample()
end
globalf()
localf()
obj:method()
;(function() sample() end)()
local co = coroutine.create(function()
  sample()
  coroutine.yield()
end)
coroutine.resume(co)
setmetatable(obj, {__index = function() sample() end})
local _ = obj.missing
`)
	p := stopProfile(t, st)
	var got []string
	for i := range p.Samples {
		s := &p.Samples[i]
		var fs []string
		for _, f := range s.Stack {
			fs = append(fs, f.Function+"@"+f.Source+":"+itoaTest(f.Line))
		}
		got = append(got, strings.Join(fs, " < "))
	}
	want := []string{
		"sample@[C]:0 < globalf (t:1)@t:1 < main chunk (t)@t:7",
		"sample@[C]:0 < localf (t:2)@t:2 < main chunk (t)@t:8",
		"sample@[C]:0 < method (t:4)@t:5 < main chunk (t)@t:9",
		"sample@[C]:0 < function <t:10>@t:10 < main chunk (t)@t:10",
		"sample@[C]:0 < function <t:11>@t:12 < coroutine.resume@[C]:0 < main chunk (t)@t:15",
		"sample@[C]:0 < __index (t:16)@t:16 < main chunk (t)@t:17",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stacks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func itoaTest(n int) string { return strconv.Itoa(n) }

// TestProfileDeepStack checks that a stack deeper than maxProfDepth is cut
// to its innermost frames and marked.
func TestProfileDeepStack(t *testing.T) {
	var out strings.Builder
	st := newProfState(&out, 0, Options{})
	startProfile(t, st, false)
	runIn(t, st, `local function r(n) if n == 0 then sample() else r(n - 1) end end r(400)`)
	p := stopProfile(t, st)
	if len(p.Samples) != 1 {
		t.Fatalf("%d samples", len(p.Samples))
	}
	s := p.Samples[0].Stack
	if len(s) != maxProfDepth+1 || s[len(s)-1].Function != "(truncated)" || s[0].Function != "sample" {
		t.Errorf("deep stack: %d frames, outermost %q", len(s), s[len(s)-1].Function)
	}
}

// TestProfileAlloc checks that the allocation profile charges most bytes
// to the function that allocates.
func TestProfileAlloc(t *testing.T) {
	var out strings.Builder
	st := newProfState(&out, 200*time.Millisecond, Options{})
	startProfile(t, st, true)
	runIn(t, st, `
local keep
local function alloc(n)
  local t = {}
  for i = 1, n do t[i] = {i, i} end
  keep = t
end
local function spin(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end
local rounds = 0
repeat
  alloc(5000)
  spin(5000)
  rounds = rounds + 1
until enough() and rounds >= 20
`)
	p := stopProfile(t, st)
	total := p.TotalBytes()
	if total < 1<<20 {
		t.Fatalf("only %d bytes recorded", total)
	}
	var inAlloc int64
	for i := range p.Samples {
		if strings.Contains(stackText(&p.Samples[i]), "alloc (t:3)") {
			inAlloc += p.Samples[i].Bytes
		}
	}
	if inAlloc*10 < total*7 {
		t.Errorf("alloc charged %d of %d bytes", inAlloc, total)
	}
}

// TestProfileQuota checks that the instruction quota counts the same
// with the profiler's shorter budget slices: the least quota that lets a
// script finish is found by bisection with and without the profiler.
func TestProfileQuota(t *testing.T) {
	const script = `local s = 0 for i = 1, 100000 do s = s + i end
local t = {} for i = 1, 3000 do t[#t + 1] = i end`
	least := func(prof bool) int64 {
		lo, hi := int64(1), int64(1<<20)
		for lo < hi {
			q := (lo + hi) / 2
			var out strings.Builder
			st := newProfState(&out, 0, Options{MaxInstructions: q})
			if prof {
				startProfile(t, st, false)
			}
			fn, err := st.Load([]byte(script), "=t", "t", value.Nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = st.Main().Call(fn)
			if prof {
				stopProfile(t, st)
			}
			var qe *QuotaError
			switch {
			case err == nil:
				hi = q
			case errors.As(err, &qe):
				lo = q + 1
			default:
				t.Fatal(err)
			}
		}
		return lo
	}
	plain, profiled := least(false), least(true)
	if plain != profiled || plain < 100000 {
		t.Errorf("least quota %d without the profiler, %d with it", plain, profiled)
	}
}

func TestProfileStartStop(t *testing.T) {
	var out strings.Builder
	st := newProfState(&out, 0, Options{})
	if _, err := st.StopProfile(); !errors.Is(err, ErrNotProfiling) {
		t.Errorf("StopProfile without a profile: %v", err)
	}
	if err := st.StartProfile(MaxProfileHz+1, false); err == nil {
		t.Error("a rate above the limit was accepted")
	}
	if err := st.StartProfile(0, false); err != nil {
		t.Fatal(err)
	}
	if st.prof.period != time.Second/DefaultProfileHz || !st.watched || !st.Profiling() {
		t.Errorf("period %v, watched %v", st.prof.period, st.watched)
	}
	if err := st.StartProfile(100, false); !errors.Is(err, ErrProfiling) {
		t.Errorf("second StartProfile: %v", err)
	}
	p := stopProfile(t, st)
	if p.TotalCount() != 0 || len(p.Samples) != 0 {
		t.Errorf("samples with no code run: %+v", p.Samples)
	}
	if st.watched || st.Profiling() {
		t.Error("still watched")
	}
	// started again after a stop
	startProfile(t, st, false)
	stopProfile(t, st)
}

// TestProfileClock checks the samples that fall due between clock
// reads, the cap after a stall, and how the read interval adapts.
func TestProfileClock(t *testing.T) {
	const ms, us = time.Millisecond, time.Microsecond
	for _, tc := range []struct {
		name           string
		elapsed        time.Duration // since start at the read
		lastRead, next time.Duration
		slice          int64
		n              int64
		nextAfter      time.Duration
		sliceAfter     int64
	}{
		{"none due", 510 * us, 500 * us, ms, 1024, 0, ms, 1024},
		{"one due", 1010 * us, 1000 * us, ms, 1024, 1, 2 * ms, 1024},
		{"several due", 5500 * us, 1000 * us, ms, 1024, 5, 6 * ms, 512},
		{"checkpoints too close", 1002 * us, 1000 * us, 2 * ms, 1024, 0, 2 * ms, 2048},
		{"longest slice", 1002 * us, 1000 * us, 2 * ms, maxProfSlice, 0, 2 * ms, maxProfSlice},
		{"shortest slice", 5500 * us, 1000 * us, ms, minProfSlice, 5, 6 * ms, minProfSlice},
		{"stall", 100 * ms, 0, ms, minProfSlice, int64(maxStall / ms), 101 * ms, minProfSlice},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &profiler{period: ms, lastRead: tc.lastRead, next: tc.next, slice: tc.slice}
			p.start = time.Now().Add(-tc.elapsed)
			n := p.clock()
			if n != tc.n || p.next != tc.nextAfter || p.slice != tc.sliceAfter {
				t.Errorf("n %d, next %v, slice %d; want %d, %v, %d",
					n, p.next, p.slice, tc.n, tc.nextAfter, tc.sliceAfter)
			}
		})
	}
}

// BenchmarkProfTick measures a checkpoint with nothing due, the common
// case: a clock read.
func BenchmarkProfTick(b *testing.B) {
	var out strings.Builder
	st := newProfState(&out, 0, Options{})
	if err := st.StartProfile(1, false); err != nil {
		b.Fatal(err)
	}
	defer st.StopProfile()
	l := st.Main()
	b.ReportAllocs()
	for b.Loop() {
		st.profTick(l)
	}
}

// BenchmarkProfRecord measures taking a sample of a 20-frame stack.
func BenchmarkProfRecord(b *testing.B) {
	var out strings.Builder
	st := newProfState(&out, 0, Options{})
	fn, err := st.Load([]byte(`local n = ...
local function r(d) if d == 0 then for i = 1, n do sample() end else r(d - 1) end end
r(20)`), "=t", "t", value.Nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.StartProfile(1, false); err != nil {
		b.Fatal(err)
	}
	defer st.StopProfile()
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := st.Main().Call(fn, value.Int(int64(b.N))); err != nil {
		b.Fatal(err)
	}
}
