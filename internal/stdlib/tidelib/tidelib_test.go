package tidelib_test

import (
	"bytes"
	"math"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/coroutine"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	lstring "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/stdlib/tidelib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// run runs src with the tide module in local tide and returns what it
// printed, or the error.
func run(t *testing.T, src string, opts vm.Options) (string, error) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout = &out
	st := vm.NewState(opts)
	base.Open(st)
	loadlib.Open(st)
	coroutine.Open(st)
	lstring.Open(st)
	tidelib.Open(st)
	fn, err := st.Load([]byte("local tide = require 'tide'\n"+src), "=test", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), err
}

func TestLua(t *testing.T) {
	cases := []struct {
		name, src, want string
		opts            vm.Options
	}{
		{"module is a table", `print(type(tide), type(tide.memreport), type(tide.coroutines), tide == require("tide"))`,
			"table\tfunction\tfunction\ttrue\n", vm.Options{}},
		{"not a global", `print(_G.tide)`, "nil\n", vm.Options{}},
		{"memreport figures", `
keep = {}
for i = 1, 10000 do keep[i] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10} end
local r = tide.memreport()
print(r.objects.tables.count >= 10000, r.lua_live >= r.objects.tables.bytes, #r.largest,
  r.largest[1].array >= 10000, r.heap_inuse > 0, r.gc.collections >= 0, type(r.verdict))`,
			"true\ttrue\t10\ttrue\ttrue\ttrue\tstring\n", vm.Options{}},
		{"memreport sites", `
big = {}
for i = 1, 1000 do big[i] = i end
local r = tide.memreport(1)
print(#r.largest, r.largest[1].site)`,
			"1\ttest:3\n", vm.Options{TrackSites: true}},
		{"memreport without sites", `
big = {}
for i = 1, 1000 do big[i] = i end
print(tide.memreport(1).largest[1].site)`,
			"?\n", vm.Options{}},
		{"memreport text", `
local text = tostring(tide.memreport())
for _, h in ipairs{"memory report", "Lua heap", "largest tables", "Go runtime", "process RSS", "where the memory goes", "GC statistics", "=> mostly"} do
  if not text:find(h, 1, true) then print("missing", h) end
end
print("ok")`,
			"ok\n", vm.Options{}},
		{"memreport bad arg", `print(pcall(tide.memreport, "x"))`,
			"false\tbad argument #1 to 'tide.memreport' (number expected, got string)\n", vm.Options{}},
		{"coroutines", `
jobs = {}
jobs[1] = coroutine.create(function(x)
  coroutine.yield(x)
end)
coroutine.resume(jobs[1], 1)
jobs[2] = coroutine.wrap(function() end)
for _, c in ipairs(tide.coroutines()) do
  print(c.status, c.created, c.where, c.age >= 0, type(c.thread), c.traceback:match("^stack traceback:") ~= nil)
end`,
			"suspended\ttest:4\ttest:5\ttrue\tthread\ttrue\nsuspended\ttest:8\t\ttrue\tthread\ttrue\n", vm.Options{}},
		{"running coroutine", `
local co = coroutine.create(function()
  local list = tide.coroutines()
  print(#list, list[1].status, list[1].where)
end)
coroutine.resume(co)`,
			"1\trunning\ttest:4\n", vm.Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, tc.src, tc.opts)
			if err != nil {
				t.Fatalf("error: %v (output %q)", err, got)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRegister(t *testing.T) {
	st := vm.NewState(vm.Options{})
	tidelib.Register(st, "answer", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.Int(42)), nil
	})
	fn := vm.AsGoFunction(tidelib.Module(st).GetStr("answer"))
	if fn == nil || fn.Name != "tide.answer" {
		t.Fatalf("registered function: %+v", fn)
	}
	if tidelib.Module(st) != tidelib.Module(st) {
		t.Error("Module made two tables")
	}
}

func TestFormatBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {1023, "1023 B"}, {1024, "1.0 KiB"}, {1536, "1.5 KiB"},
		{5 << 20, "5.0 MiB"}, {3 << 30, "3.0 GiB"}, {-2048, "-2.0 KiB"},
	}
	for _, tc := range tests {
		if got := tidelib.FormatBytes(tc.n); got != tc.want {
			t.Errorf("FormatBytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestReportBreakdown checks the breakdown and verdict on made-up
// figures, one case per verdict.
func TestReportBreakdown(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name   string
		live   int64
		g      tidelib.GoMemory
		verdit string
	}{
		{"live", 90 * mb, tidelib.GoMemory{HeapObjects: 95 * mb, HeapUnused: 2 * mb, HeapFree: 1 * mb, Stacks: mb, RSS: 110 * mb}, "mostly live Lua data"},
		{"fragmentation", 20 * mb, tidelib.GoMemory{HeapObjects: 22 * mb, HeapUnused: 300 * mb, HeapFree: 100 * mb, Stacks: mb, RSS: 430 * mb}, "mostly fragmentation"},
		{"garbage", 10 * mb, tidelib.GoMemory{HeapObjects: 200 * mb, HeapUnused: mb, Stacks: mb, RSS: 210 * mb}, "mostly Go objects outside"},
		{"outside", 10 * mb, tidelib.GoMemory{HeapObjects: 11 * mb, HeapUnused: mb, Stacks: mb, RSS: 500 * mb}, "mostly memory outside the Go heap"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &tidelib.Report{Lua: &vm.Census{Total: tc.live}, Go: tc.g}
			if v := r.Verdict(); !strings.HasPrefix(v, tc.verdit) {
				t.Errorf("verdict %q, want %q...", v, tc.verdit)
			}
			var sum int64
			for _, s := range r.Breakdown() {
				if s.Bytes < 0 {
					t.Errorf("negative share %+v", s)
				}
				sum += s.Bytes
			}
			if sum != tc.g.RSS {
				t.Errorf("breakdown sums to %d, RSS %d", sum, tc.g.RSS)
			}
		})
	}
}

// TestPauseStats checks the percentiles read from a pause histogram.
func TestPauseStats(t *testing.T) {
	h := &metrics.Float64Histogram{
		Buckets: []float64{0, 1e-6, 1e-5, 1e-4, 1e-3, math.Inf(1)},
		Counts:  []uint64{0, 90, 9, 0, 1},
	}
	n, p50, p99, pmax := tidelib.PauseStats(h)
	if n != 100 || p50 != 10*time.Microsecond || p99 != 100*time.Microsecond || pmax != time.Millisecond {
		t.Errorf("got n=%d p50=%v p99=%v max=%v", n, p50, p99, pmax)
	}
}
