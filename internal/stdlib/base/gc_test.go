package base_test

import (
	"bytes"
	"context"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/coroutine"
	"github.com/tidelua/tide/internal/stdlib/math"
	strlib "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/testutil"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// liveHeap returns the bytes Go's last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// doLua runs src in st and returns its results.
func doLua(t *testing.T, st *vm.State, src string) []value.Value {
	t.Helper()
	fn, err := st.Load([]byte(src), "=heap", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	r, err := st.Main().Call(fn)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return r
}

// heapShapes build tens of MB of Lua data of one kind each in the global
// "data".
var heapShapes = []struct{ name, src string }{
	{"array of floats", `local t = {} for i = 1, 2000000 do t[i] = i + 0.5 end data = t`},
	{"array of strings", `local t = {} for i = 1, 600000 do t[i] = "abcdefghijklmnopqrstuvwxyz" .. i end data = t`},
	{"array of short strings", `local t = {} for i = 1, 1000000 do t[i] = "s" .. i end data = t`},
	{"hash of small tables", `local t = {} for i = 1, 200000 do t["k" .. i] = {i, x = i} end data = t`},
	{"closures", `local t = {} for i = 1, 400000 do t[i] = function() return i end end data = t`},
	{"shared constant", `local t = {} for i = 1, 1000000 do t[i] = "a constant string, long enough" end data = t`},
	{"nested tables", `local function tree(d) if d == 0 then return {} end return {tree(d-1), tree(d-1), n = d} end data = tree(17)`},
	{"mixed records", `local t = {} for i = 1, 100000 do
		local name = "record number " .. i
		t[i] = {name = name, tags = {"a" .. i, "b" .. i}, get = function() return name end, n = i * 0.5}
	end data = t`},
	{"packed short strings", `local t = {} for i = 1, 1000000 do t[i] = tostring(i) end data = t`},
	{"string.rep", `local t = {} for i = 1, 300 do t[i] = string.rep("x", 100000 + i) end data = t`},
	{"coroutines", `local t = {} for i = 1, 3000 do
		local co = coroutine.wrap(function(a) local b = {a} coroutine.yield(b) end) co(i) t[i] = co end data = t`},
}

// TestCountMatchesGoHeap checks that collectgarbage("count") after a full
// collection grows by what Go's own collector finds live, within 20%,
// for several shapes of data.
func TestCountMatchesGoHeap(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds tens of MB of data")
	}
	for _, sh := range heapShapes {
		t.Run(sh.name, func(t *testing.T) {
			st := vm.NewState(vm.Options{})
			base.Open(st)
			coroutine.Open(st)
			strlib.Open(st)
			count := func() int64 {
				r := doLua(t, st, `collectgarbage() return collectgarbage("count")`)
				runtime.GC()
				return int64(r[0].AsFloat() * 1024)
			}
			c0 := count()
			l0 := liveHeap()
			doLua(t, st, sh.src)
			c1 := count()
			l1 := liveHeap()
			est, live := c1-c0, l1-l0
			ratio := float64(est) / float64(live)
			t.Logf("count +%d, Go live heap +%d: ratio %.3f", est, live, ratio)
			if live < 4<<20 {
				t.Fatalf("the data takes only %d bytes", live)
			}
			if ratio < 0.8 || ratio > 1.2 {
				t.Errorf("ratio %.3f out of [0.8, 1.2]", ratio)
			}
			runtime.KeepAlive(st)
		})
	}
}

// gcCases are collectgarbage's options with what lua5.4 (5.4.4, started
// in generational mode like lua.c) prints for them; TestGCCasesReference
// checks the expectations against it.
var gcCases = []struct{ name, src, want string }{
	{"modes",
		`print(collectgarbage("incremental"), collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("generational"))`,
		"generational\tincremental\tincremental\tgenerational\n"},
	{"step in generational mode",
		`print(collectgarbage("step"), collectgarbage("step", 0), collectgarbage("step", 100000))`,
		"false\tfalse\tfalse\n"},
	{"step in incremental mode",
		`collectgarbage("incremental") print(collectgarbage("step", 100000), collectgarbage("step", 20000))
collectgarbage("stop") print(collectgarbage("step", 100000), collectgarbage("isrunning"))`,
		"true\ttrue\ntrue\tfalse\n"},
	{"stop and restart",
		`print(collectgarbage("isrunning"), collectgarbage("stop"), collectgarbage("isrunning"), collectgarbage("step", 100000), collectgarbage("isrunning"), collectgarbage("restart"), collectgarbage("isrunning"))
print(collectgarbage("stop", {}), collectgarbage("restart", {}))`,
		"true\t0\tfalse\tfalse\tfalse\t0\ttrue\n0\t0\n"},
	{"collect and count",
		`print(collectgarbage("collect"), collectgarbage(), collectgarbage(nil), math.type(collectgarbage("count")), collectgarbage("count", "junk") > 0)`,
		"0\t0\t0\tfloat\ttrue\n"},
	{"count follows the heap",
		`collectgarbage() local a = collectgarbage("count")
local t = {} for i = 1, 100000 do t[i] = {} end
local b = collectgarbage("count") t = nil collectgarbage() local c = collectgarbage("count")
print(b > a + 1000, c < b - 1000, math.abs(c - a) < 100)`,
		"true\ttrue\ttrue\n"},
	{"count while stopped and restarted",
		// the pace test of the official gc.lua
		`collectgarbage() collectgarbage() local x = collectgarbage("count")
collectgarbage("stop") repeat local a = {} until collectgarbage("count") > 3 * x
collectgarbage("restart") repeat local a = {} until collectgarbage("count") <= x * 2
print(collectgarbage("isrunning"))`,
		"true\n"},
	{"a step frees",
		// dosteps of the official gc.lua
		`collectgarbage("incremental") collectgarbage("stop") collectgarbage()
local a = {} for i = 1, 100 do a[i] = {{}}; local b = {} end
local x = collectgarbage("count")
print(collectgarbage("step", 20000), collectgarbage("count") < x)
collectgarbage("restart")`,
		"true\ttrue\n"},
	{"setpause and setstepmul",
		`for _, v in ipairs{0, 1, 7, 100, 1023, 1024, 30000, -4, -1, 2^31, 2^40} do
  collectgarbage("setpause", v) local a = collectgarbage("setpause", 200)
  collectgarbage("setstepmul", v) local b = collectgarbage("setstepmul", 100)
  print(v, a, b)
end
print(collectgarbage("setpause"), collectgarbage("setpause"), collectgarbage("setpause", 200))`,
		"0\t0\t0\n1\t0\t0\n7\t4\t4\n100\t100\t100\n1023\t1020\t1020\n1024\t0\t0\n30000\t304\t304\n" +
			"-4\t1020\t1020\n-1\t0\t0\n2147483648.0\t0\t0\n1099511627776.0\t0\t0\n200\t0\t0\n"},
	{"mode arguments",
		`print(collectgarbage("incremental", 400, 300, 13), collectgarbage("setpause", 200), collectgarbage("setstepmul", 100))
print(collectgarbage("generational", 30, 500), collectgarbage("setpause"), collectgarbage("setstepmul"))
print(collectgarbage("incremental", -4, 0x7fffffff), collectgarbage("setpause", 200), collectgarbage("setstepmul", 100))
print(collectgarbage("incremental", 0, 0, 0), collectgarbage("setpause", 200), collectgarbage("setstepmul", 100))
print(collectgarbage("generational", 2^32), collectgarbage("generational", 1, 2, {}))`,
		"generational\t400\t300\nincremental\t200\t100\ngenerational\t1020\t1020\nincremental\t200\t100\nincremental\tgenerational\n"},
	{"errors",
		`print(pcall(collectgarbage, "step", 1.5))
print(pcall(collectgarbage, "setpause", "x"))
print(pcall(collectgarbage, "setstepmul", "10"))
print(pcall(collectgarbage, "incremental", 1, 2, {}))
print(pcall(collectgarbage, 1))
print(pcall(collectgarbage, "Count"))
print(pcall(collectgarbage, false))`,
		"false\tbad argument #2 to 'collectgarbage' (number has no integer representation)\n" +
			"false\tbad argument #2 to 'collectgarbage' (number expected, got string)\n" +
			"true\t100\n" +
			"false\tbad argument #4 to 'collectgarbage' (number expected, got table)\n" +
			"false\tbad argument #1 to 'collectgarbage' (invalid option '1')\n" +
			"false\tbad argument #1 to 'collectgarbage' (invalid option 'Count')\n" +
			"false\tbad argument #1 to 'collectgarbage' (string expected, got boolean)\n"},
	{"inside a finalizer",
		`setmetatable({}, {__gc = function()
  print(collectgarbage("count"), collectgarbage(), collectgarbage("step"), collectgarbage("isrunning"), collectgarbage("incremental"), collectgarbage("setpause", 100))
  print(pcall(collectgarbage, "step", "x"))
end})
collectgarbage()
print(collectgarbage("setpause", 200))`,
		"nil\tnil\tnil\tnil\tnil\tnil\nfalse\tbad argument #2 to 'collectgarbage' (number expected, got string)\n200\n"},
}

func TestGCCases(t *testing.T) {
	for _, tc := range gcCases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			st := vm.NewState(vm.Options{Stdout: &out, Stderr: &errb})
			base.Open(st)
			math.Open(st)
			fn, err := st.Load([]byte(tc.src), "=stdin", "t", value.Nil)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if _, err := st.Main().Call(fn); err != nil {
				t.Fatalf("run: %v", err)
			}
			testutil.EqualText(t, "stdout", out.String(), tc.want)
		})
	}
}

func TestGCCasesReference(t *testing.T) {
	lua := testutil.ReferenceForTest(t)
	for _, tc := range gcCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.CommandContext(context.Background(), lua, "-")
			cmd.Stdin = strings.NewReader(tc.src)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Fatalf("lua5.4: %v\n%s", err, errb.String())
			}
			testutil.EqualText(t, "lua5.4 stdout", out.String(), tc.want)
		})
	}
}

// BenchmarkCount measures collectgarbage("count") in a loop, without and
// with allocation between the calls.
func BenchmarkCount(b *testing.B) {
	for _, bc := range []struct{ name, body string }{
		{"idle", `local c = collectgarbage("count")`},
		{"allocating", `local c = collectgarbage("count") local t = {i}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			st := vm.NewState(vm.Options{})
			base.Open(st)
			fn, err := st.Load([]byte(`local n = ... for i = 1, n do `+bc.body+` end`), "=bench", "t", value.Nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := st.Main().Call(fn, value.Int(int64(b.N))); err != nil {
				b.Fatal(err)
			}
		})
	}
}
