package ratelimit_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/ratelimit"
	"github.com/tidelua/tide/serve/shdict"
)

// newLuaState returns a State with the globals ratelimit (the module),
// shared (the dict objects) and advance(seconds) moving c.
func newLuaState(t testing.TB, dicts map[string]*shdict.Dict, c *fakeClock, out *bytes.Buffer) *tide.State {
	t.Helper()
	s := tide.NewState(tide.Options{Stdout: out})
	t.Cleanup(func() { s.Close() })
	mod, err := ratelimit.Open(s, dicts)
	if err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("ratelimit", mod)
	shared, err := shdict.Open(s, dicts)
	if err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("shared", shared)
	if c != nil {
		s.SetFunction("advance", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			f, _ := args[0].ToFloat()
			c.Advance(time.Duration(f * float64(time.Second)))
			return nil, nil
		})
	}
	return s
}

func TestLua(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"token bucket", `
local rl = ratelimit.token_bucket{dict = "limits", rate = 2, burst = 2}
print(rl:take("a"))
print(rl:take("a"))
print(rl:take("a"))
print(rl:peek("a"))
advance(0.5)
print(rl:take("a", 1))
print(rl:take("a", 3))
print(rl:take(42))
print(rl:reset("a"), rl:take("a", 2))
print(rl == ratelimit.token_bucket{dict = shared.limits, rate = 2, burst = 2})
print(rl == ratelimit.token_bucket{dict = "limits", rate = 2, burst = 2, prefix = "x"})
print(ratelimit.token_bucket{dict = "limits", rate = 2.5}:take("b", 3))
`, `true	0.0	1
true	0.0	0
false	0.5	0
true	0.0	0
true	0.0	0
nil	n exceeds the limit
true	0.0	1
true	true	0.0	0
true
false
true	0.0	0
`},
		{"windows", `
local fw = ratelimit.fixed_window{dict = "limits", limit = 2, window = 10, prefix = "fw:"}
local sw = ratelimit.sliding_window{dict = "limits", limit = 2, window = 10, prefix = "sw:"}
print(fw:take("k"), fw:take("k"))
print(fw:take("k"))
print(sw:take("k", 2))
print(sw:take("k"))
advance(10)
print(fw:take("k"))
print(sw:take("k"))
advance(5)
print(sw:take("k"))
print(#shared.limits:get_keys(0))
`, `true	true	0.0	0
false	10.0	0
true	0.0	0
false	15.0	0
true	0.0	1
false	5.0	0
true	0.0	0
2
`},
		{"errors", `
print(pcall(ratelimit.token_bucket))
print(pcall(ratelimit.token_bucket, {rate = 1}))
print(pcall(ratelimit.token_bucket, {dict = "nope", rate = 1}))
print(pcall(ratelimit.token_bucket, {dict = {}, rate = 1}))
print(pcall(ratelimit.token_bucket, {dict = "limits", rate = "fast"}))
print(pcall(ratelimit.token_bucket, {dict = "limits", rate = 0}))
print(pcall(ratelimit.fixed_window, {dict = "limits", limit = 5}))
print(pcall(ratelimit.sliding_window, {dict = "limits", limit = 0, window = 1}))
local rl = ratelimit.fixed_window{dict = "limits", limit = 5, window = 1}
print(pcall(rl.take, rl, {}))
print(pcall(rl.take, rl, "k", -1))
print(pcall(rl.take, rl, "k", 1.5))
print(pcall(rl.take, nil, "k"))
print(pcall(function() local ok = rl:take(true) return ok end))
print(pcall(function() local rl = ratelimit.token_bucket{dict = "limits"} return rl end))
`, `false	ratelimit.token_bucket: options table expected, got nil
false	ratelimit.token_bucket: option dict missing (a shared dict or its name)
false	ratelimit.token_bucket: no shared dict "nope"
false	ratelimit.token_bucket: bad option dict (not a shared dict)
false	ratelimit.token_bucket: bad option rate: number expected, got string
false	ratelimit.token_bucket: rate must be a positive number (got 0)
false	ratelimit.fixed_window: window must be a positive number of seconds
false	ratelimit.sliding_window: limit must be between 1 and 2147483647 (got 0)
false	bad argument #1 to 'take' (string expected, got table)
false	bad argument #2 to 'take' (non-negative integer expected, got number)
false	bad argument #2 to 'take' (non-negative integer expected, got number)
false	bad self (call take with ':' on a rate limiter)
false	t:14: bad argument #1 to 'take' (string expected, got boolean)
false	t:15: ratelimit.token_bucket: rate must be a positive number (got 0)
`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, c := newDict()
			var out bytes.Buffer
			s := newLuaState(t, map[string]*shdict.Dict{"limits": d}, c, &out)
			if err := s.DoString(context.Background(), strings.TrimPrefix(tc.src, "\n"), "=t"); err != nil {
				t.Fatalf("%v\noutput so far:\n%s", err, out.String())
			}
			if got := out.String(); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestLuaStatesShareLimit runs takes from two States on two goroutines:
// together they admit exactly the limit.
func TestLuaStatesShareLimit(t *testing.T) {
	d, _ := newDict()
	dicts := map[string]*shdict.Dict{"limits": d}
	var wg sync.WaitGroup
	var outs [2]bytes.Buffer
	for i := range outs {
		s := newLuaState(t, dicts, nil, &outs[i])
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := `local rl = ratelimit.sliding_window{dict = "limits", limit = 300, window = 60}
local n = 0
for i = 1, 1000 do if rl:take("client") then n = n + 1 end end
print(n)`
			if err := s.DoString(context.Background(), src, "=t"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	total := 0
	for i := range outs {
		var n int
		if _, err := fmt.Sscan(outs[i].String(), &n); err != nil {
			t.Fatal(err)
		}
		total += n
	}
	if total != 300 {
		t.Errorf("admitted %d in all, want 300 (%q, %q)", total, outs[0].String(), outs[1].String())
	}
}

func BenchmarkLuaTake(b *testing.B) {
	d := shdict.New("limits", 1<<20)
	var out bytes.Buffer
	s := newLuaState(b, map[string]*shdict.Dict{"limits": d}, nil, &out)
	fn, err := s.Load([]byte(`local rl = ratelimit.token_bucket{dict = "limits", rate = 1e6, burst = 1e9}
for i = 1, 1000 do rl:take("client") end`), "=bench")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Call(context.Background(), fn); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/take")
}

func TestLoader(t *testing.T) {
	d, _ := newDict()
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	s.Preload("tide.ratelimit", ratelimit.Loader(map[string]*shdict.Dict{"limits": d}))
	src := `local ratelimit = require "tide.ratelimit"
print(ratelimit == require "tide.ratelimit", ratelimit.fixed_window{dict = "limits", limit = 1, window = 1}:take("k"))`
	if err := s.DoString(context.Background(), src, "=t"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "true\ttrue\t0.0\t0\n" {
		t.Errorf("got %q", out.String())
	}
}

// TestLuaOddArguments feeds the constructors and methods odd values:
// each call returns or raises a Lua error, never panics.
func TestLuaOddArguments(t *testing.T) {
	d, _ := newDict()
	var out bytes.Buffer
	s := newLuaState(t, map[string]*shdict.Dict{"limits": d}, nil, &out)
	src := `
local odd = {nil, false, true, 0, -1, 1.5, 1/0, -1/0, 0/0, math.maxinteger, math.mininteger,
  "", "k", "10", {}, print, "limits", shared.limits}
local function try(...)
  local ok, err = pcall(...)
  if not ok and tostring(err):find("panic") then print(err) end
  return ok, err
end
local made = {}
for _, kind in ipairs{"token_bucket", "fixed_window", "sliding_window"} do
  for i = 1, 18 do
    for j = 1, 18 do
      local ok, rl = try(ratelimit[kind], {dict = odd[i], rate = odd[j], burst = odd[(i + j) % 18 + 1],
        limit = odd[j], window = odd[i], prefix = odd[j]})
      if ok then made[#made + 1] = rl end
    end
  end
end
made[#made + 1] = ratelimit.sliding_window{dict = "limits", limit = 3, window = 1}
for _, rl in ipairs(made) do
  for i = 1, 18 do
    for j = 1, 18 do
      try(rl.take, rl, odd[i], odd[j])
      try(rl.peek, rl, odd[i])
      try(rl.reset, rl, odd[i])
      try(rl.take, odd[i], odd[j])
    end
  end
end
print(#made > 0)`
	if err := s.DoString(context.Background(), src, "=odd"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "true\n" {
		t.Errorf("printed %q", out.String())
	}
}
