// Package bench holds tide's cross-engine benchmark: bench/run.sh runs the
// Lua programs in programs/ under tide and its peers, and the Go
// benchmarks here measure what a Lua program cannot: creating a State, the
// cost of crossing between Go and Lua, coroutine switches and the
// throughput of independent States on several cores; peers_test.go
// measures the first two in the Go peers, and programs_test.go runs the
// Lua programs in-process (for profiling). Run them with
//
//	cd bench && go test -run '^$' -bench . -benchmem
//
// bench/results.sh runs both and writes RESULTS.md.
package bench

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tidelua/tide"
)

// quiet are Options for a State whose output is thrown away.
var quiet = tide.Options{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader("")}

// newState returns a State that has run src, and the function src returned.
func newState(tb testing.TB, src string) (*tide.State, tide.Value) {
	tb.Helper()
	s := tide.NewState(quiet)
	tb.Cleanup(func() { s.Close() })
	fn, err := s.Load([]byte(src), "=bench")
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := s.Call(context.Background(), fn)
	if err != nil {
		tb.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Type() != "function" {
		tb.Fatalf("the chunk returned %d values, want a function", len(rs))
	}
	return s, rs[0]
}

// BenchmarkNewState creates and closes a State with the standard libraries
// opened. B/op is what creating one allocates; live-B/state is what a
// State keeps reachable once the garbage collector has run (measured over
// 100 States kept alive together).
func BenchmarkNewState(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s := tide.NewState(quiet)
		s.Close()
	}
	b.ReportMetric(liveBytesPerState(100), "live-B/state")
}

// liveBytesPerState returns the growth of the live heap per State when n
// fresh States are kept reachable.
func liveBytesPerState(n int) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	states := make([]*tide.State, n)
	for i := range states {
		states[i] = tide.NewState(quiet)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	live := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	for _, s := range states {
		s.Close()
	}
	runtime.KeepAlive(states)
	return live / float64(n)
}

// BenchmarkResumeYield measures one round trip into a coroutine and back:
// a resume that a yield answers. The loop runs in Lua, so no Go->Lua call
// is counted.
func BenchmarkResumeYield(b *testing.B) {
	for _, c := range resumeYieldChunks {
		b.Run(c.name, func(b *testing.B) {
			s, fn := newState(b, c.src)
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := s.Call(context.Background(), fn, tide.Int(int64(b.N))); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// resumeYieldChunks return a function that makes n round trips.
var resumeYieldChunks = []struct{ name, src string }{
	{"wrap", `
local co = coroutine.wrap(function() while true do coroutine.yield() end end)
return function(n) for _ = 1, n do co() end end`},
	{"resume", `
local resume = coroutine.resume
local co = coroutine.create(function(x) while true do x = coroutine.yield(x + 1) end end)
return function(n) local v = 0 for _ = 1, n do local _, r = resume(co, v) v = r end return v end`},
}

// BenchmarkCallGoToLua measures tide.State.Call of a small Lua function
// with one argument and one result, from Go.
func BenchmarkCallGoToLua(b *testing.B) {
	s, fn := newState(b, `return function(x) return x + 1 end`)
	ctx := context.Background()
	arg := tide.Int(41)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Call(ctx, fn, arg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallLuaToGo measures a call from Lua to a Go function. The root
// package offers no way to register a Go function yet (NewState, Load,
// Call, Global and SetGlobal take and return Lua values only), so the Go
// function is a standard-library one, math.abs; the "lua" case calls a
// Lua function of the same shape in the same loop, for comparison.
func BenchmarkCallLuaToGo(b *testing.B) {
	for _, c := range luaToGoChunks {
		b.Run(c.name, func(b *testing.B) {
			s, fn := newState(b, c.src)
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := s.Call(context.Background(), fn, tide.Int(int64(b.N))); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// luaToGoChunks return a function that makes n calls.
var luaToGoChunks = []struct{ name, src string }{
	{"stdlib-math.abs", `
local abs = math.abs
return function(n) local s = 0 for i = 1, n do s = s + abs(-i) end return s end`},
	{"lua", `
local function abs(x) if x < 0 then return -x end return x end
return function(n) local s = 0 for i = 1, n do s = s + abs(-i) end return s end`},
}

// parallelWorkloads are Lua chunks returning a function that does one unit
// of work: "fib" only computes, "tables" allocates and drops tables.
var parallelWorkloads = []struct{ name, src string }{
	{"fib", `
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
return function() return fib(20) end`},
	{"tables", `
return function()
  local t = {}
  for i = 1, 2000 do t[i] = {i, tostring(i)} end
  local s = 0
  for i = 1, #t do s = s + t[i][1] + #t[i][2] end
  return s
end`},
}

// BenchmarkParallelStates runs b.N units of work spread over k independent
// States, one per goroutine, for k = 1 and k = GOMAXPROCS: ns/op is per
// unit, so the speedup of k States over one is the ratio of the two ns/op
// figures. gc-cpu-% is the share of the process's Go CPU time spent by the
// garbage collector during the run.
func BenchmarkParallelStates(b *testing.B) {
	counts := []int{1}
	if p := runtime.GOMAXPROCS(0); p > 1 {
		counts = append(counts, p)
	}
	for _, w := range parallelWorkloads {
		for _, k := range counts {
			b.Run(fmt.Sprintf("%s/states=%d", w.name, k), func(b *testing.B) {
				fns := make([]tide.Value, k)
				states := make([]*tide.State, k)
				for i := range states {
					states[i], fns[i] = newState(b, w.src)
				}
				var next atomic.Int64
				var wg sync.WaitGroup
				var failed atomic.Value
				gc := newGCShare()
				b.ResetTimer()
				for i := range states {
					wg.Add(1)
					go func(s *tide.State, fn tide.Value) {
						defer wg.Done()
						ctx := context.Background()
						for next.Add(1) <= int64(b.N) {
							if _, err := s.Call(ctx, fn); err != nil {
								failed.Store(err)
								return
							}
						}
					}(states[i], fns[i])
				}
				wg.Wait()
				b.StopTimer()
				if err, _ := failed.Load().(error); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(gc.percent(), "gc-cpu-%")
			})
		}
	}
}

// gcShare measures the garbage collector's share of Go CPU time from its
// creation to a call of percent.
type gcShare struct{ samples []metrics.Sample }

var gcShareNames = []string{"/cpu/classes/gc/total:cpu-seconds", "/cpu/classes/user:cpu-seconds"}

func newGCShare() *gcShare {
	g := &gcShare{samples: make([]metrics.Sample, len(gcShareNames))}
	for i, n := range gcShareNames {
		g.samples[i].Name = n
	}
	metrics.Read(g.samples)
	return g
}

func (g *gcShare) percent() float64 {
	now := make([]metrics.Sample, len(g.samples))
	copy(now, g.samples)
	metrics.Read(now)
	gcs := now[0].Value.Float64() - g.samples[0].Value.Float64()
	user := now[1].Value.Float64() - g.samples[1].Value.Float64()
	if gcs+user <= 0 {
		return 0
	}
	return 100 * gcs / (gcs + user)
}
