package vm

import (
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/tidelua/tide/internal/value"
)

// newGCTestState is newTestState plus collectgarbage (a full collection;
// inside a finalizer it returns nil like the reference's fail) and warnings
// collected in out as "W: msg" lines.
func newGCTestState(out *strings.Builder) *State {
	st := newTestState(out)
	st.SetGlobal("collectgarbage", NewGoFunction("collectgarbage", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if !l.CollectGarbage() {
			return l.Ret1(value.Nil), nil
		}
		return l.Ret1(value.Int(0)), nil
	}))
	st.SetWarnFunc(func(msg string) { out.WriteString("W: " + msg + "\n") })
	return st
}

// runGC runs src in a GC test state, closes the state and returns the
// output (what Close's finalizers print included).
func runGC(t testing.TB, src string) string {
	t.Helper()
	var out strings.Builder
	st := newGCTestState(&out)
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		out.WriteString("ERR: " + err.Error() + "\n")
	}
	st.Close()
	return out.String()
}

// The expected outputs are lua5.4's (warnings on).
func TestWeakTablesAndFinalizers(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"weak keys", `local t = setmetatable({}, {__mode='k'}) local k1, k2 = {}, {}
t[k1]=1 t[k2]=2 t[{}]=3 t["s"]={} k2=nil collectgarbage()
local n=0 for k,v in next,t do n=n+1 end print(n, t[k1], t.s ~= nil)`, "2\t1\ttrue\n"},
		{"weak values", `local t = setmetatable({}, {__mode='v'}) local keep = {}
t[1]=keep t[2]={} t.x={} t.y="str" t.z=42 t[3]=function() end t[4]=print collectgarbage()
print(t[1]==keep, t[2], t.x, t.y, t.z, t[3], t[4]==print)`, "true\tnil\tnil\tstr\t42\tnil\ttrue\n"},
		{"weak keys and values", `local t = setmetatable({}, {__mode='kv'}) local k = {}
t[k] = {} t[{}] = k t[1] = {} t.s = "x" collectgarbage()
local n=0 for _ in next,t do n=n+1 end print(n, t.s)`, "1\tx\n"},
		{"ephemeron self reference", `local t = setmetatable({}, {__mode='k'})
do local k = {} t[k] = {ref=k} end local k2 = {} t[k2] = {ref=k2} collectgarbage()
local n=0 for _ in next,t do n=n+1 end print(n)`, "1\n"},
		{"ephemeron chain", `local t = setmetatable({}, {__mode='k'}) local a = {} local b, c = {}, {}
t[c]="end" t[b]=c t[a]=b b, c = nil, nil collectgarbage()
print(t[a] ~= nil, t[t[a]] ~= nil, t[t[t[a]]])`, "true\ttrue\tend\n"},
		{"strings stay", `local t = setmetatable({}, {__mode='kv'})
t[("x"):rep(3)] = ("y"):rep(50) t[1] = "short" collectgarbage() print(t.xxx ~= nil, t[1])`, "true\tshort\n"},
		{"next after clearing", `local t = setmetatable({}, {__mode='v'}) local keep = {}
for i = 1, 10 do t["k"..i] = {} end t.keep = keep
for k in next, t do collectgarbage() end print(t.keep == keep, next(t, "keep"))`, "true\tnil\n"},
		{"finalizer order", `for i=1,3 do setmetatable({}, {__gc=function() print("gc", i) end}) end collectgarbage()`,
			"gc\t3\ngc\t2\ngc\t1\n"},
		{"resurrection", `do local o = setmetatable({name="o"}, {__gc=function(x) print("gc", x.name) saved = x end}) end
collectgarbage() print(saved and saved.name) saved=nil collectgarbage() print("again")`, "gc\to\no\nagain\n"},
		{"resurrected weak entries", `local wv = setmetatable({}, {__mode='v'}) local wk = setmetatable({}, {__mode='k'})
do local o = setmetatable({}, {__gc=function(x) print("gc") end}) wv[1] = o wk[o] = true end
collectgarbage() print(wv[1], next(wk) ~= nil) collectgarbage() print(next(wk))`, "gc\nnil\ttrue\nnil\n"},
		{"errors in finalizers", `setmetatable({}, {__gc=function() error("boom") end})
setmetatable({}, {__gc=function() error({}) end}) setmetatable({}, {__gc=true}) collectgarbage() print("ok")`,
			"W: error in __gc (attempt to call a boolean value (metamethod '__gc'))\n" +
				"W: error in __gc (error object is not a string)\nW: error in __gc (t:1: boom)\nok\n"},
		{"marked once", `local mt = {__gc=function(o) print("gc") end} local o = setmetatable({}, mt)
setmetatable(o, mt) o = nil collectgarbage() print("x")`, "gc\nx\n"},
		{"late __gc does not count", `local mt = {} local o = setmetatable({}, mt) mt.__gc = function() print("never") end
o = nil collectgarbage() print("x")`, "x\n"},
		{"suspended coroutine", `local co = coroutine.create(function() local x = setmetatable({}, {__gc=function() print("gc co") end}) coroutine.yield() end)
coroutine.resume(co) collectgarbage() print("alive") co = nil collectgarbage() print("dead")`, "alive\ngc co\ndead\n"},
		{"wrap keeps its coroutine", `local w = setmetatable({}, {__mode='v'})
local f = coroutine.wrap(function() local t = {} w[1] = t coroutine.yield() print(t ~= nil) end)
f() collectgarbage() print(w[1] ~= nil) f()`, "true\ntrue\n"},
		{"upvalues", `local w = setmetatable({}, {__mode='k'}) local f do local o = {} w[o] = 1 f = function() return o end end
collectgarbage() print(next(w) ~= nil) f = nil collectgarbage() print(next(w))`, "true\nnil\n"},
		{"at close", `local mt = {__gc=function(o) print("gc", o.n) end}
a = setmetatable({n=1}, mt) b = setmetatable({n=2}, mt) c = setmetatable({n=3}, mt)
local t = setmetatable({}, {__gc=function() print("gc t") setmetatable({n=4}, mt) end}) print("end")`,
			"end\ngc t\ngc\t3\ngc\t2\ngc\t1\n"},
		{"collect inside finalizer", `local t = setmetatable({}, {__gc=function() print(collectgarbage()) end}) t = nil collectgarbage() print("x")`,
			"nil\nx\n"},
		{"finalizer of the metatable chain", `local mt = {__gc=function(o) print("gc", o[1][1]) end}
do local a = setmetatable({{"inner"}}, mt) end collectgarbage() print("x")`, "gc\tinner\nx\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := runGC(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A self-referential object with __gc is finalized by a collection and Go
// frees it afterwards (runtime.SetFinalizer would have leaked it).
func TestFinalizedObjectIsFreed(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	var wp weak.Pointer[value.Table]
	st.SetGlobal("watch", NewGoFunction("watch", func(l *Thread, args []value.Value) ([]value.Value, error) {
		wp = weak.Make(args[0].AsTable())
		return nil, nil
	}))
	fn, err := st.Load([]byte(`
do
  local o = {}
  o.self = o
  o.child = {parent = o}
  setmetatable(o, {__gc = function(x) print("finalized", x.self == x) end})
  watch(o)
end
collectgarbage()
print("after")`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "finalized\ttrue\nafter\n" {
		t.Fatalf("output %q", got)
	}
	for i := 0; i < 5 && wp.Value() != nil; i++ {
		runtime.GC()
	}
	if wp.Value() != nil {
		t.Error("the finalized object is still alive for Go")
	}
	runtime.KeepAlive(st)
}

// A million-deep chain is traced without Go recursion.
func TestDeepChain(t *testing.T) {
	n := 1000000
	if testing.Short() {
		n = 100000
	}
	var out strings.Builder
	st := newGCTestState(&out)
	st.SetGlobal("N", value.Int(int64(n)))
	fn, err := st.Load([]byte(`
local w = setmetatable({}, {__mode = "v"})
local head = {}
w[1] = head
for i = 1, N do head = {next = head} end
w[2] = {}
collectgarbage()
print(w[1] ~= nil, w[2])`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "true\tnil\n" {
		t.Errorf("got %q", got)
	}
}

// Without explicit collectgarbage calls, weak tables are cleared and
// finalizers run once Go's collector has completed a cycle.
func TestAutomaticCollection(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	st.SetGlobal("gogc", NewGoFunction("gogc", func(l *Thread, args []value.Value) ([]value.Value, error) {
		runtime.GC()
		return nil, nil
	}))
	fn, err := st.Load([]byte(`
local w = setmetatable({}, {__mode = "k"})
w[{}] = true
do setmetatable({}, {__gc = function() print("finalized") end}) end
gogc()
local cleared = false
for i = 1, 200000000 do
  if next(w) == nil then cleared = true break end
end
print("cleared", cleared)`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "finalized\ncleared\ttrue\n" {
		t.Errorf("got %q", got)
	}
}

// With neither weak tables nor finalizers the State arms nothing.
func TestNothingArmedByDefault(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	fn, _ := st.Load([]byte(`local t = setmetatable({}, {__index = {}}) for i = 1, 100 do t[i] = {} end`), "=t", "t", value.Nil)
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if st.gc.armed || st.gc.sig != nil {
		t.Error("collections armed without weak tables or finalizers")
	}
}

// The instruction quota stays exact when collections are armed (the
// budget is then counted down in slices).
func TestQuotaWithCollections(t *testing.T) {
	for _, armed := range []bool{false, true} {
		st := NewState(Options{MaxInstructions: 100000})
		st.SetGlobal("setmetatable", NewGoFunction("setmetatable", func(l *Thread, args []value.Value) ([]value.Value, error) {
			l.SetMetatable(args[0], args[1].ToTable())
			return args[:1], nil
		}))
		st.SetGlobal("armed", value.Bool(armed))
		fn, _ := st.Load([]byte(`if armed then setmetatable({}, {__mode = "k"}) end
n = 0 while true do n = n + 1 end`), "=t", "t", value.Nil)
		if _, err := st.Main().Call(fn); err == nil {
			t.Fatal("no quota error")
		}
		if n := st.GetGlobal("n").AsInt(); n < 99990 || n > 100001 {
			t.Errorf("armed=%v: %d iterations under a quota of 100000 ticks", armed, n)
		}
	}
}

// Values pinned by the host are roots.
func TestPins(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	fn, _ := st.Load([]byte(`obj = setmetatable({}, {__gc = function() print("gc") end})`), "=t", "t", value.Nil)
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	pin := st.Pin(st.GetGlobal("obj"))
	st.SetGlobal("obj", value.Nil)
	st.Main().CollectGarbage()
	if out.String() != "" {
		t.Fatalf("pinned object finalized: %q", out.String())
	}
	runtime.KeepAlive(pin)
	pin = nil
	for i := 0; i < 5 && out.String() == ""; i++ {
		runtime.GC()
		st.Main().CollectGarbage()
	}
	if out.String() != "gc\n" {
		t.Errorf("unpinned object: %q", out.String())
	}
}

// BenchmarkCollect measures one full collection over a heap of about a
// million small tables (a tree of 4-field tables), and over one of a
// million closures (marked through a set rather than an epoch field).
func BenchmarkCollect(b *testing.B) {
	b.Run("tables", func(b *testing.B) {
		benchCollect(b, `{x = i, y = j, name = "n", link = row}`)
	})
	b.Run("closures", func(b *testing.B) {
		benchCollect(b, `function() return i + j end`)
	})
}

func benchCollect(b *testing.B, item string) {
	var out strings.Builder
	st := newGCTestState(&out)
	fn, err := st.Load([]byte(`
local root = {}
for i = 1, 1000 do
  local row = {}
  for j = 1, 1000 do row[j] = `+item+` end
  root[i] = row
end
keep = root
setmetatable({}, {__mode = "k"})`), "=t", "t", value.Nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		b.Fatal(err)
	}
	l := st.Main()
	b.Run("tide", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			l.CollectGarbage()
		}
		b.ReportMetric(float64(st.gc.lastLive), "objects")
	})
	// for comparison: Go's own full collection of the same heap
	b.Run("go", func(b *testing.B) {
		for range b.N {
			runtime.GC()
		}
	})
	runtime.KeepAlive(st)
}

// A State with automatic collections armed and never closed is still freed
// by Go: the cleanup chain that watches Go's cycles does not refer to it.
func TestArmedStateIsFreed(t *testing.T) {
	wp := func() weak.Pointer[State] {
		var out strings.Builder
		st := newGCTestState(&out)
		fn, _ := st.Load([]byte(`w = setmetatable({}, {__mode = "k"}) o = setmetatable({}, {__gc = function() end})`), "=t", "t", value.Nil)
		if _, err := st.Main().Call(fn); err != nil {
			t.Fatal(err)
		}
		if !st.gc.armed {
			t.Fatal("not armed")
		}
		return weak.Make(st)
	}()
	for i := 0; i < 10 && wp.Value() != nil; i++ {
		runtime.GC()
	}
	if wp.Value() != nil {
		t.Error("the State is kept alive")
	}
}

// Charge draws on the whole quota, including the reserve that armed
// collections keep beyond the loop's countdown.
func TestChargeWithCollections(t *testing.T) {
	st := NewState(Options{MaxInstructions: 100000})
	st.armGC()
	l := st.Main()
	for _, tc := range []struct {
		units int64
		fail  bool
	}{{50000, false}, {49000, false}, {1000, false}, {1, true}} {
		if err := l.Charge(tc.units); (err != nil) != tc.fail {
			t.Fatalf("Charge(%d) = %v", tc.units, err)
		}
	}
}

// TestPinReuse checks that pinning an object the host still holds a pin
// for returns that pin, and that distinct objects get distinct pins.
func TestPinReuse(t *testing.T) {
	st := NewState(Options{})
	a := value.TableValue(value.NewTable(0, 0))
	b := value.TableValue(value.NewTable(0, 0))
	pa := st.Pin(a)
	if st.Pin(a) != pa {
		t.Error("a second pin of a held object is a new pin")
	}
	if pb := st.Pin(b); pb == pa || pb.Value() != b {
		t.Error("distinct objects share a pin")
	}
	if st.Pin(value.Int(3)) != nil {
		t.Error("a number got a pin")
	}
	n := len(st.gc.pins)
	for range 1000 {
		st.Pin(a)
	}
	if len(st.gc.pins) != n {
		t.Errorf("pinning a held object 1000 times grew the pins from %d to %d", n, len(st.gc.pins))
	}
	runtime.KeepAlive(pa)
}
