package vm

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/tidelua/tide/internal/value"
)

func TestBreathPlan(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name            string
		h               heapFigures
		last            *defragMark
		safe            bool
		defrag, release bool
	}{
		{"small heap", heapFigures{objects: 10 * mb, unused: 5 * mb, free: 20 * mb}, nil, true, false, false},
		{"fragmented", heapFigures{objects: 20 * mb, unused: 800 * mb, free: 10 * mb}, nil, true, true, true},
		{"fragmented, not safe", heapFigures{objects: 20 * mb, unused: 800 * mb, free: 10 * mb}, nil, false, false, false},
		{"fragmented, not safe, free pages", heapFigures{objects: 20 * mb, unused: 800 * mb, free: 800 * mb}, nil, false, false, true},
		{"waste below the objects", heapFigures{objects: 500 * mb, unused: 400 * mb}, nil, true, false, false},
		{"waste below the minimum", heapFigures{objects: 10 * mb, unused: 60 * mb}, nil, true, false, false},
		{"just defragmented", heapFigures{allocs: 2000 * mb, objects: 20 * mb, unused: 380 * mb},
			&defragMark{allocs: 1990 * mb, inuse: 400 * mb}, true, false, false},
		{"allocated a quarter since", heapFigures{allocs: 2100 * mb, objects: 20 * mb, unused: 380 * mb},
			&defragMark{allocs: 2000 * mb, inuse: 400 * mb}, true, true, true},
		{"allocated less than the minimum since", heapFigures{allocs: 2060 * mb, objects: 20 * mb, unused: 380 * mb},
			&defragMark{allocs: 2000 * mb, inuse: 100 * mb}, true, false, false},
		{"free pages", heapFigures{objects: 100 * mb, unused: 10 * mb, free: 200 * mb}, nil, true, false, true},
		{"free pages below half the objects", heapFigures{objects: 1000 * mb, unused: 10 * mb, free: 200 * mb}, nil, true, false, false},
		{"free pages below the minimum", heapFigures{objects: 10 * mb, free: 60 * mb}, nil, true, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, r := breathPlan(tc.h, tc.last, tc.safe)
			if d != tc.defrag || r != tc.release {
				t.Errorf("breathPlan = %v, %v; want %v, %v", d, r, tc.defrag, tc.release)
			}
		})
	}
}

// tableState is what must not change when a table's parts move.
type tableState struct {
	entries          []string // the next traversal, "k=v"
	succ             map[string]string
	arrLen, hashCap  int
	length           int64
	arrData, hashPtr unsafe.Pointer
}

func snapshot(t *testing.T, tb *value.Table) tableState {
	t.Helper()
	s := tableState{succ: map[string]string{}, arrLen: tb.ArrayLen(), hashCap: tb.HashCap(), length: tb.Len()}
	s.arrData, s.hashPtr = tb.PartsData()
	k := value.Nil
	prev := "start"
	for n := 0; ; n++ {
		nk, nv, ok := tb.Next(k)
		if !ok {
			t.Fatalf("next failed after %v", k)
		}
		if nk.IsNil() {
			break
		}
		e := show(nk) + "=" + show(nv)
		s.entries = append(s.entries, e)
		s.succ[prev] = e
		prev = e
		k = nk
		if n > 1e6 {
			t.Fatal("endless traversal")
		}
	}
	return s
}

func show(v value.Value) string {
	if v.IsString() {
		return "'" + v.AsString() + "'"
	}
	// numbers, booleans and objects: their bits (objects do not move)
	return fmt.Sprintf("%s:%x", v.TypeName(), *(*[2]uint64)(unsafe.Pointer(&v)))
}

func TestRelocate(t *testing.T) {
	long := strings.Repeat("long string ", 10)
	inner := value.NewTable(0, 0)
	build := map[string]func() *value.Table{
		"empty": func() *value.Table { return value.NewTable(0, 0) },
		"array": func() *value.Table {
			tb := value.NewTable(0, 0)
			for i := int64(1); i <= 10; i++ {
				tb.SetInt(i, value.String("item"+string(rune('a'+i))))
			}
			return tb
		},
		"hash": func() *value.Table {
			tb := value.NewTable(0, 0)
			for i := range 20 {
				tb.SetStr("key"+string(rune('a'+i)), value.Int(int64(i)))
			}
			tb.SetStr(long, value.String(long))
			tb.Set(value.TableValue(inner), value.String("object key"))
			tb.Set(value.Float(1.5), value.True)
			return tb
		},
		"dead keys": func() *value.Table {
			tb := value.NewTable(4, 8)
			for i := range 8 {
				tb.SetStr("k"+string(rune('a'+i)), value.Int(int64(i)))
				tb.SetInt(int64(i+1), value.Int(int64(i)))
			}
			tb.SetStr("kc", value.Nil)
			tb.SetStr("kf", value.Nil)
			tb.SetInt(3, value.Nil)
			return tb
		},
		"large parts": func() *value.Table {
			tb := value.NewTable(0, 0)
			for i := int64(1); i <= 5000; i++ {
				tb.SetInt(i, value.String("v"+string(rune('a'+i%26))))
				tb.SetStr("s"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676)), value.Int(i))
			}
			return tb
		},
	}
	for name, mk := range build {
		t.Run(name, func(t *testing.T) {
			tb := mk()
			before := snapshot(t, tb)
			var m mover
			m.strs = map[strKey]value.Value{}
			m.relocate(tb)
			after := snapshot(t, tb)
			if strings.Join(before.entries, ",") != strings.Join(after.entries, ",") {
				t.Fatalf("traversal changed:\n%v\n%v", before.entries, after.entries)
			}
			for k, v := range before.succ {
				if after.succ[k] != v {
					t.Errorf("successor of %s: %s, was %s", k, after.succ[k], v)
				}
			}
			if before.arrLen != after.arrLen || before.hashCap != after.hashCap || before.length != after.length {
				t.Errorf("sizes changed: %+v -> %+v", before, after)
			}
			small := func(n int, elem uintptr) bool { return uintptr(n)*elem <= maxPartBytes }
			if before.arrData != nil && small(cap(tb.ArrayPart()), valueSize) == (before.arrData == after.arrData) {
				t.Errorf("array part moved: %v (small: %v)", before.arrData != after.arrData, small(cap(tb.ArrayPart()), valueSize))
			}
			if before.hashPtr != nil && small(tb.HashCap(), value.NodeSize) == (before.hashPtr == after.hashPtr) {
				t.Errorf("hash part moved: %v", before.hashPtr != after.hashPtr)
			}
			// every entry is still found, and new ones can be added
			for i, n := 0, tb.NodeCount(); i < n; i++ {
				if k, v := tb.Node(i); !v.IsNil() {
					if got := tb.Get(k); got != v && !(got.IsString() && v.IsString() && got.AsString() == v.AsString()) {
						t.Errorf("Get(%s) = %s, want %s", show(k), show(got), show(v))
					}
				}
			}
			tb.SetStr("added after", value.True)
			if tb.GetStr("added after") != value.True {
				t.Error("cannot add after relocation")
			}
		})
	}
	// short strings are copied once per distinct string, long ones never
	tb := value.NewTable(0, 0)
	short := value.String(strings.Clone("a short string"))
	lv := value.String(long)
	tb.SetInt(1, short)
	tb.SetInt(2, short)
	tb.SetInt(3, lv)
	var m mover
	m.strs = map[strKey]value.Value{}
	m.relocate(tb)
	a, b, c := tb.GetInt(1), tb.GetInt(2), tb.GetInt(3)
	if a.AsString() != "a short string" || a.Object() == short.Object() || a.Object() != b.Object() {
		t.Errorf("short string: copied %v, shared %v", a.Object() != short.Object(), a.Object() == b.Object())
	}
	if c.Object() != lv.Object() {
		t.Error("long string copied")
	}
	if m.stats.strings != 1 || m.stats.tables != 1 {
		t.Errorf("stats %+v", m.stats)
	}
}

// newBreatheState is a test State with defrag(), which defragments when
// at a safe point and returns the number of tables moved (or false), and
// safe(), which reports atSafePoint.
func newBreatheState(out *strings.Builder) *State {
	st := newGCTestState(out)
	st.SetGlobal("defrag", NewGoFunction("defrag", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if !l.st.atSafePoint() {
			return l.Ret1(value.False), nil
		}
		return l.Ret1(value.Int(int64(l.st.defragment().tables))), nil
	}))
	st.SetGlobal("safe", NewGoFunction("safe", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.Bool(l.st.atSafePoint())), nil
	}))
	st.SetGlobal("nested", NewGoFunction("nested", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Call(args[0])
	}))
	st.SetGlobal("type", NewGoFunction("type", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.String(args[0].TypeName())), nil
	}))
	return st
}

func TestAtSafePoint(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"top level", `print(safe())`, "true\n"},
		{"in a Lua function", `local function f() return safe() end print(f())`, "true\n"},
		{"in pcall", `print(pcall(safe))`, "true\ttrue\n"},
		{"under a Go function", `print(nested(safe))`, "false\n"},
		{"in a metamethod", `local t = setmetatable({}, {__index = function() return safe() end}) print(t.x)`, "false\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			st := newBreatheState(&out)
			defer st.Close()
			runIn(t, st, tc.src)
			if out.String() != tc.want {
				t.Errorf("got %q, want %q", out.String(), tc.want)
			}
		})
	}
}

// TestDefragmentScript moves the parts of a script's tables in the middle
// of its work and checks that the script sees nothing.
func TestDefragmentScript(t *testing.T) {
	var out strings.Builder
	st := newBreatheState(&out)
	defer st.Close()
	runIn(t, st, `
		local keys = {}
		local t = {}
		for i = 1, 200 do
			local k = {i}
			keys[i] = k
			t[k] = "v" .. i       -- object keys: their hash is their address
			t["s" .. i] = i       -- short string keys
			t[i] = "item " .. i
		end
		for i = 1, 200, 3 do t["s" .. i] = nil end -- dead keys
		local id = tostring(t)
		local weak = setmetatable({}, {__mode = "k"})
		weak[keys[1]] = "kept"
		weak[{}] = "dropped"
		-- defragment in the middle of a traversal
		local n, sum, moved = 0, 0, false
		for k, v in next, t do
			n = n + 1
			if type(v) == "number" then sum = sum + v end
			if n == 100 then moved = defrag() end
		end
		print(n, sum, moved ~= false and moved > 0, tostring(t) == id)
		local ok = true
		for i = 1, 200 do
			if t[keys[i]] ~= "v" .. i or t[i] ~= "item " .. i then ok = false end
			if (i % 3 == 1) ~= (t["s" .. i] == nil) then ok = false end
		end
		t.after = "x"
		print(ok, t.after, #t)
		collectgarbage()
		local w = 0
		for k, v in next, weak do w = w + 1 end
		print(w, weak[keys[1]])
		print(pcall(defrag) and "pcall ok", nested(defrag))
	`)
	// 200 array items, 200 object keys, 133 string keys left
	want := "533\t13400\ttrue\ttrue\ntrue\tx\t200\n1\tkept\npcall ok\tfalse\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestIdleStep(t *testing.T) {
	q := 0
	for _, a := range []uint64{0, 100, idleAllocs, 10, 20} {
		q = idleStep(q, a)
	}
	if q != 2 {
		t.Errorf("quiet intervals: %d, want 2", q)
	}
}

func TestIdleWorthIt(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name      string
		h         heapFigures
		allocated uint64
		want      bool
	}{
		{"quiet small heap", heapFigures{objects: 20 * mb, free: 10 * mb}, 5 * mb, false},
		{"free pages", heapFigures{objects: 20 * mb, free: 800 * mb}, 0, true},
		{"allocated since", heapFigures{objects: 1000 * mb}, 900 * mb, true},
		{"allocated little for its size", heapFigures{objects: 4000 * mb, free: 100 * mb}, 500 * mb, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := idleWorthIt(tc.h, tc.allocated); got != tc.want {
				t.Errorf("idleWorthIt = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestIdleRelease(t *testing.T) {
	r := StartIdleRelease(time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	r.Stop()
	r.Stop() // idempotent
	if n := r.Releases(); n < 0 {
		t.Errorf("releases %d", n)
	}
	// the default interval
	StartIdleRelease(0).Stop()
}

// TestDefragmentStress runs a program that mutates and traverses tables
// of every shape, defragmenting every few operations (in the middle of
// traversals too), and compares its output with a run where defrag does
// nothing.
func TestDefragmentStress(t *testing.T) {
	src := `
		local seed = 12345
		local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
		local tabs = {}
		for i = 1, 40 do tabs[i] = {} end
		local moved = 0
		local cursor = {}  -- an ongoing traversal per table
		for step = 1, 20000 do
			local t = tabs[rand(#tabs)]
			local op = rand(7)
			if op == 1 or op == 2 or op == 5 then
				cursor[t] = nil -- a new key ends a traversal (next is undefined then)
			end
			if op == 1 then t[rand(300)] = "v" .. rand(1000)
			elseif op == 2 then t["k" .. rand(300)] = rand(1000)
			elseif op == 3 then t[rand(300)] = nil
			elseif op == 4 then t["k" .. rand(300)] = nil
			elseif op == 5 then t[tabs[rand(#tabs)]] = step
			elseif op == 6 then
				-- advance this table's traversal a few steps (assigning to
				-- existing fields only, as Lua allows)
				local k = cursor[t]
				for _ = 1, 5 do
					k = next(t, k)
					if k == nil then break end
					t[k] = t[k]
				end
				cursor[t] = k
			else
				tabs[rand(#tabs)] = {rand(10), rand(10), x = "short", y = string.rep("long", 20)}
				cursor = {}
			end
			if step % 97 == 0 then
				local d = defrag()
				if d then moved = moved + 1 end
			end
		end
		local sum, count = 0, 0
		for i = 1, #tabs do
			for k, v in next, tabs[i] do
				count = count + 1
				if type(v) == "number" then sum = sum + v else sum = sum + #v end
				if type(k) == "string" then sum = sum + #k end
			end
		end
		print(count, sum, moved > 0)
	`
	outputs := make([]string, 2)
	for i, enabled := range []bool{true, false} {
		var out strings.Builder
		st := newBreatheState(&out)
		if !enabled {
			st.SetGlobal("defrag", NewGoFunction("defrag", func(l *Thread, args []value.Value) ([]value.Value, error) {
				return l.Ret1(value.True), nil
			}))
		}
		runIn(t, st, src)
		st.Close()
		outputs[i] = out.String()
	}
	if outputs[0] != outputs[1] {
		t.Errorf("with defragmentation:\n%s\nwithout:\n%s", outputs[0], outputs[1])
	}
	if !strings.HasSuffix(outputs[0], "\ttrue\n") {
		t.Errorf("nothing was defragmented: %s", outputs[0])
	}
}
