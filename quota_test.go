package tide_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide"
)

// TestQuotas checks that each quota stops its runaway, that pcall cannot
// catch the stop, and that errors.Is tells the kinds apart.
func TestQuotas(t *testing.T) {
	cases := []struct {
		name string
		opts tide.Options
		src  string
		want error
	}{
		{"instructions", tide.Options{MaxInstructions: 1e6}, `while true do end`, tide.ErrInstructionLimit},
		{"instructions in pcall", tide.Options{MaxInstructions: 1e6}, `while true do pcall(function() while true do end end) end`, tide.ErrInstructionLimit},
		{"instructions in a pattern", tide.Options{MaxInstructions: 1e6}, `string.find(string.rep("a", 100000), ".-.-.-b")`, tide.ErrInstructionLimit},
		{"depth", tide.Options{MaxCallDepth: 200}, `local function f() return 1 + f() end f()`, tide.ErrDepthLimit},
		{"depth in pcall", tide.Options{MaxCallDepth: 200}, `local function f() return 1 + f() end print(pcall(f)) print("not reached")`, tide.ErrDepthLimit},
		{"memory", tide.Options{MemoryLimit: 16 << 20}, `local t = {} for i = 1, 1e9 do t[i] = {i} end`, tide.ErrMemoryLimit},
		{"memory in pcall", tide.Options{MemoryLimit: 16 << 20}, `local t = {} while true do pcall(function() for i = #t + 1, 1e9 do t[i] = "x" .. i end end) end`, tide.ErrMemoryLimit},
		{"memory in one allocation", tide.Options{MemoryLimit: 16 << 20}, `print(pcall(string.rep, "x", 1 << 30))`, tide.ErrMemoryLimit},
		{"memory in a coroutine", tide.Options{MemoryLimit: 16 << 20}, `local co = coroutine.wrap(function() local t = {} for i = 1, 1e9 do t[i] = {} end end) print(pcall(co))`, tide.ErrMemoryLimit},
		{"depth through Go", tide.Options{MaxCallDepth: 200}, `local function f() return pcall(f) end f()`, tide.ErrDepthLimit},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Stdout = io.Discard
			s := tide.NewState(tc.opts)
			defer s.Close()
			err := s.DoString(context.Background(), tc.src, "=q")
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var q *tide.QuotaError
			if !errors.As(err, &q) {
				t.Errorf("err is a %T, want a *tide.QuotaError", err)
			}
			for _, other := range []error{tide.ErrInstructionLimit, tide.ErrDepthLimit, context.Canceled} {
				if other != tc.want && errors.Is(err, other) {
					t.Errorf("err also matches %v", other)
				}
			}
		})
	}
	// Without a depth quota, deep recursion is a catchable stack overflow.
	s := tide.NewState(tide.Options{Stdout: io.Discard})
	defer s.Close()
	if err := s.DoString(context.Background(), `local function f() return 1 + f() end assert(not pcall(f))`, "=q"); err != nil {
		t.Errorf("stack overflow without a quota: %v", err)
	}
}

// TestMemoryQuotaOvershoot checks how far past the memory quota a script
// that keeps what it allocates gets: it keeps 1000-byte strings until
// stopped, so the count it reached tells how much it held.
func TestMemoryQuotaOvershoot(t *testing.T) {
	const limit = 32 << 20
	s := tide.NewState(tide.Options{Stdout: io.Discard, MemoryLimit: limit})
	defer s.Close()
	err := s.DoString(context.Background(), `
		local pad = ("x"):rep(1000)
		kept = {}
		for i = 1, 1e9 do kept[i] = pad .. i end`, "=overshoot")
	if !errors.Is(err, tide.ErrMemoryLimit) {
		t.Fatalf("err = %v, want the memory limit", err)
	}
	kept := s.Global("kept")
	count, err := s.Call(context.Background(), s.Global("rawlen"), kept)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := count[0].ToInt()
	// each string takes a 1024-byte size class (1000 bytes plus digits),
	// plus its 16 bytes in the array part
	held := n * (1024 + 16)
	t.Logf("stopped with %d strings kept, about %d MiB", n, held>>20)
	if held < limit*3/4 || held > limit+limit/8+limit/16 {
		t.Errorf("stopped holding %d bytes in strings (%d of them), want within [%d, %d]",
			held, n, limit*3/4, limit+limit/8+limit/16)
	}
}

// TestMemoryQuotaGarbage checks that garbage does not count: a script
// allocating 40 times its quota while keeping little runs to the end.
func TestMemoryQuotaGarbage(t *testing.T) {
	s := tide.NewState(tide.Options{Stdout: io.Discard, MemoryLimit: 16 << 20})
	defer s.Close()
	err := s.DoString(context.Background(), `
		local keep = {}
		local pad = ("x"):rep(1000)
		for i = 1, 640000 do -- 640 MB of strings and tables
			local t = {pad .. i, i}
			if i % 1000 == 0 then keep[#keep + 1] = t end
		end
		assert(#keep == 640)`, "=churn")
	if err != nil {
		t.Fatal(err)
	}
}

// TestSetInstructionLimit checks that each run gets the budget set before
// it, and that removing the limit lets a long run finish.
func TestSetInstructionLimit(t *testing.T) {
	s := tide.NewState(tide.Options{Stdout: io.Discard})
	defer s.Close()
	ctx := context.Background()
	const work = `local n = 0 for i = 1, 50000 do n = n + i end return n`
	for round := 0; round < 3; round++ {
		s.SetInstructionLimit(100000) // enough for one run, not for two
		if err := s.DoString(ctx, work, "=work"); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	s.SetInstructionLimit(10000)
	if err := s.DoString(ctx, work, "=work"); !errors.Is(err, tide.ErrInstructionLimit) {
		t.Fatalf("over a small budget: err = %v, want the instruction limit", err)
	}
	s.SetInstructionLimit(0)
	if err := s.DoString(ctx, `for i = 1, 1e6 do end`, "=free"); err != nil {
		t.Fatalf("without a limit: %v", err)
	}
	// also under a cancellable context, which slices the budget
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.SetInstructionLimit(100000)
	if err := s.DoString(cctx, work, "=work"); err != nil {
		t.Fatal(err)
	}
	s.SetInstructionLimit(1000000)
	if err := s.DoString(cctx, `while true do end`, "=spin"); !errors.Is(err, tide.ErrInstructionLimit) {
		t.Fatalf("spin: err = %v, want the instruction limit", err)
	}
}

// TestErrorKinds checks that one errors.Is per kind tells every failure
// apart.
func TestErrorKinds(t *testing.T) {
	kinds := []error{tide.ErrSyntax, tide.ErrRuntime, tide.ErrInstructionLimit, tide.ErrDepthLimit,
		tide.ErrMemoryLimit, context.DeadlineExceeded}
	cases := []struct {
		src  string
		opts tide.Options
		want error
	}{
		{`x = = 1`, tide.Options{}, tide.ErrSyntax},
		{`error("boom")`, tide.Options{}, tide.ErrRuntime},
		{`local t = nil; return t.x`, tide.Options{}, tide.ErrRuntime},
		{`while true do end`, tide.Options{MaxInstructions: 1e5}, tide.ErrInstructionLimit},
		{`local function f() return f() + 1 end f()`, tide.Options{MaxCallDepth: 50}, tide.ErrDepthLimit},
		{`local t = {} for i = 1, 1e9 do t[i] = {} end`, tide.Options{MemoryLimit: 8 << 20}, tide.ErrMemoryLimit},
		{`while true do end`, tide.Options{}, context.DeadlineExceeded},
	}
	for _, tc := range cases {
		s := tide.NewState(tc.opts)
		timeout := time.Minute // only the last case waits for it
		if tc.want == context.DeadlineExceeded {
			timeout = 50 * time.Millisecond
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err := s.DoString(ctx, tc.src, "=k")
		cancel()
		s.Close()
		for _, k := range kinds {
			if got := errors.Is(err, k); got != (k == tc.want) {
				t.Errorf("%s: errors.Is(%v, %v) = %v", tc.src, err, k, got)
			}
		}
	}
}

// TestUnwind checks that an error a host Function wraps with Unwind goes
// through pcall, coroutines and __close to the host, unchanged.
func TestUnwind(t *testing.T) {
	stop := errors.New("stop here")
	var out strings.Builder
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	s.SetFunction("halt", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		return nil, tide.Unwind(stop)
	})
	err := s.DoString(context.Background(), `
		local ok = pcall(halt)
		print("pcall caught it", ok)`, "=u")
	if err != stop {
		t.Fatalf("err = %v, want the host's error itself", err)
	}
	err = s.DoString(context.Background(), `
		do
			local x <close> = setmetatable({}, {__close = function() print("closed") end})
			local co = coroutine.wrap(function() pcall(halt) end)
			print(pcall(co))
		end`, "=u2")
	if err != stop {
		t.Fatalf("through a coroutine: err = %v", err)
	}
	if out.String() != "closed\n" {
		t.Errorf("output %q, want only the __close handler's", out.String())
	}
	if tide.Unwind(nil) != nil {
		t.Error("Unwind(nil) is not nil")
	}
}
