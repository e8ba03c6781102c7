package tide_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/tidelua/tide"
)

// TestCancelStopsRunningCode checks that cancelling the context stops code
// that is already running, whatever it is busy with, and that pcall does
// not catch the stop.
func TestCancelStopsRunningCode(t *testing.T) {
	scripts := map[string]string{
		"empty loop":       `while true do end`,
		"repeat":           `local x = 1 repeat until x == 2`,
		"generic for":      `local function it() return 1 end for _ in it do end`,
		"recursion":        `local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end while true do f(100) end`,
		"pcall":            `while true do pcall(function() while true do end end) end`,
		"pattern":          `local s = string.rep("a", 200000) while true do string.find(s, ".-.-.-.-b") end`,
		"gsub":             `local s = string.rep("a", 100000) while true do s:gsub(".", "%0") end`,
		"coroutine":        `local co = coroutine.wrap(function() while true do coroutine.yield() end end) while true do co() end`,
		"table.sort":       `local t = {} for i = 1, 300000 do t[i] = -i end while true do table.sort(t, function(a, b) return a < b end) end`,
		"metamethod loops": `local t = setmetatable({}, {__index = function(t, k) return k end}) local i = 0 while true do i = i + t[i % 10] end`,
	}
	for name, src := range scripts {
		t.Run(name, func(t *testing.T) {
			s := tide.NewState(tide.Options{Stdout: io.Discard})
			defer s.Close()
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- s.DoString(ctx, src, "=test") }()
			time.Sleep(20 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want context.Canceled", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("the script did not stop after cancel")
			}
			// The State is still usable.
			if err := s.DoString(context.Background(), `x = 1`, "=after"); err != nil {
				t.Fatalf("after cancel: %v", err)
			}
		})
	}
}

func TestDeadlineStopsRunningCode(t *testing.T) {
	s := tide.NewState(tide.Options{Stdout: io.Discard})
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := s.DoString(ctx, `while true do end`, "=test")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

// BenchmarkCancelLatency measures the time from cancel to the return of a
// busy script: a loop, a backtracking pattern match, a huge string.rep,
// a sort with a Lua comparator. It reports the mean and the worst.
func BenchmarkCancelLatency(b *testing.B) {
	scripts := []struct{ name, src string }{
		{"loop", `local x = 0 while true do x = x + 1 end`},
		{"pattern", `string.find(string.rep("a", 5e5), ".-.-.-.-b")`},
		{"rep", `while true do local s = string.rep("x", 1 << 28) end`},
		{"sort", `while true do local t = {} for i = 1, 1e5 do t[i] = -i end table.sort(t, function(a, b) return a < b end) end`},
	}
	for _, sc := range scripts {
		b.Run(sc.name, func(b *testing.B) {
			s := tide.NewState(tide.Options{Stdout: io.Discard})
			defer s.Close()
			var total, worst time.Duration
			n := 0
			for b.Loop() {
				ctx, cancel := context.WithCancel(context.Background())
				done := make(chan time.Time, 1)
				go func() {
					s.DoString(ctx, sc.src, "=bench")
					done <- time.Now()
				}()
				time.Sleep(5 * time.Millisecond)
				start := time.Now()
				cancel()
				d := (<-done).Sub(start)
				total += d
				worst = max(worst, d)
				n++
			}
			b.ReportMetric(float64(total.Microseconds())/float64(n), "µs-to-stop")
			b.ReportMetric(float64(worst.Microseconds()), "µs-worst")
		})
	}
}
