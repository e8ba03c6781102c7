package vm

import (
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// loadFn compiles src in a fresh test state and returns the thread and the
// function the chunk returns.
func loadFn(tb testing.TB, src string) (*Thread, value.Value) {
	tb.Helper()
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte(src), "=bench", "t", value.Nil)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := st.Main().Call(fn)
	if err != nil {
		tb.Fatal(err)
	}
	return st.Main(), r[0]
}

const allocSrc = `
local t = {}
local function add(a, b) return a + b end
return function(n)
  local s, f = 0, 0.5
  for i = 1, n do
    s = s + i * 2 - (i // 3) + (i % 7)
    f = f * 1.0001 + i / 3
    t[i % 16 + 1] = s
    t.x = f
    s = s + t[(i % 16) + 1] - t.x // 1
    s = add(s, 1) & 0xffffff
  end
  return s, f
end`

// TestNoAllocs: numeric loops, arithmetic, table get/set with integer and
// short-string keys and Lua calls do not allocate.
func TestNoAllocs(t *testing.T) {
	l, fn := loadFn(t, allocSrc)
	cl := AsClosure(fn)
	args := []value.Value{value.Int(1000)}
	if _, err := l.Call(fn, args...); err != nil { // warm up (table sizes)
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(20, func() {
		fi := l.freeTop()
		l.stack[fi] = ClosureValue(cl)
		l.stack[fi+1] = args[0]
		l.top = fi + 2
		l.call(fi, 1, 0)
	})
	if allocs != 0 {
		t.Errorf("allocs per run = %v, want 0", allocs)
	}
}

func BenchmarkArithLoop(b *testing.B) {
	l, fn := loadFn(b, `return function(n) local s = 0 for i = 1, n do s = s + i * 2 - 1 end return s end`)
	b.ReportAllocs()
	fi := l.freeTop()
	for b.Loop() {
		l.stack[fi] = fn
		l.stack[fi+1] = value.Int(1000)
		l.top = fi + 2
		l.call(fi, 1, 0)
	}
}

func benchChunk(b *testing.B, src string) {
	l, fn := loadFn(b, src)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Call(fn); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmptyLoop is `for i = 1, 1e7 do end` (lua5.4: see the report).
func BenchmarkEmptyLoop(b *testing.B) {
	benchChunk(b, `return function() for i = 1, 1e7 do end end`)
}

func BenchmarkFib30(b *testing.B) {
	benchChunk(b, `local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
return function() return fib(30) end`)
}

func BenchmarkMethodCalls(b *testing.B) {
	benchChunk(b, `local C = {} C.__index = C
function C:inc(d) self.n = self.n + d return self end
local o = setmetatable({n = 0}, C)
return function() for i = 1, 1e6 do o:inc(1) end end`)
}

func BenchmarkResumeYield(b *testing.B) {
	l, fn := loadFn(b, `return coroutine.create(function() while true do coroutine.yield(1) end end)`)
	co := AsThread(fn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Resume(co, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResumeYieldLua(b *testing.B) {
	benchChunk(b, `local co = coroutine.wrap(function() while true do coroutine.yield(1) end end)
return function() for i = 1, 1e5 do co() end end`)
}

// BenchmarkLoops is the arithmetic core of bench/programs/loops.lua.
func BenchmarkLoops(b *testing.B) {
	benchChunk(b, `return function()
  local isum, fsum = 0, 0.0
  for i = 1, 1e6 do
    isum = (isum + i * 7) % 1000003
    fsum = fsum + (i & 255) * 0.5
  end
  local k = 0
  while k < 100000 do k = k + 1 end
  return isum, fsum, k
end`)
}
