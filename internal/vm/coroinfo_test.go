package vm

import (
	"runtime"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// TestCoroutineInventory checks that a coroutine leaked in a registry
// table is listed with its creation and suspension lines, and that
// coroutines nothing references are not.
func TestCoroutineInventory(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	openCoroutineForTest(st)
	runIn(t, st, `
registry = {}
local function worker(n)
  local x = n
  coroutine.yield(x)
end
local co = coroutine.create(worker)
coroutine.resume(co, 1)
registry.leaked = co
do
  local gone = coroutine.create(function() coroutine.yield() end)
  coroutine.resume(gone)
  local finished = coroutine.create(function() end)
  coroutine.resume(finished)
end
registry.dead = coroutine.create(function() end)
coroutine.resume(registry.dead)
registry.fresh = coroutine.create(worker)
`)
	runtime.GC()
	infos, ok := st.Coroutines(nil)
	if !ok {
		t.Fatal("inventory refused")
	}
	var got []string
	for i := range infos {
		ci := &infos[i]
		got = append(got, ci.Status+" "+ci.Created+" "+ci.Where()+" "+ci.Body)
		if ci.Age < 0 {
			t.Errorf("negative age %v", ci.Age)
		}
	}
	want := []string{
		"suspended t:7 t:5 ",
		"dead t:16  ",
		"suspended t:18  function <t:3>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("inventory:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(infos) > 0 {
		tb := infos[0].Traceback()
		wantTB := "stack traceback:\n\t[C]: in function 'coroutine.yield'\n\tt:5: in function <t:3>"
		if tb != wantTB {
			t.Errorf("traceback:\n%s\nwant:\n%s", tb, wantTB)
		}
	}
}

// TestCoroutineInventoryRunning checks the statuses seen from inside
// nested coroutines.
func TestCoroutineInventoryRunning(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	openCoroutineForTest(st)
	st.SetGlobal("inventory", NewGoFunction("inventory", func(l *Thread, args []value.Value) ([]value.Value, error) {
		infos, _ := l.State().Coroutines(l)
		for _, ci := range infos {
			out.WriteString(ci.Status + " " + ci.Created + " " + ci.Where() + "\n")
		}
		return nil, nil
	}))
	runIn(t, st, `
local outer = coroutine.create(function()
  local inner = coroutine.create(function()
    inventory()
  end)
  coroutine.resume(inner)
end)
coroutine.resume(outer)
`)
	want := "normal t:2 t:6\nrunning t:3 t:4\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestTracebackLocals checks the locals under each Lua frame of an
// uncaught error's traceback, and their absence without the option.
func TestTracebackLocals(t *testing.T) {
	src := `
local function f(a, b)
  local s = string_rep_free .. "` + strings.Repeat("y", 70) + `"
  local n = nil
  for i = 1, 2 do
    if i == 2 then error("boom") end
  end
end
local name = "main"
f(1, true)
`
	for _, locals := range []bool{false, true} {
		var out strings.Builder
		st := newTestState(&out)
		st.opts.TracebackLocals = locals
		st.SetGlobal("string_rep_free", value.String("x"))
		fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.Main().Call(fn)
		le, ok := err.(*LuaError)
		if !ok {
			t.Fatalf("error %v, want a *LuaError", err)
		}
		tb := le.Traceback
		has := []string{
			"\tt:6: in local 'f'\n\t\ta = 1\n\t\tb = true\n\t\ts = \"xyyyy",
			"yyy\"...\n\t\tn = nil\n\t\ti = 2\n\tt:10: in main chunk\n\t\tf = function: 0x",
			"\t\tname = \"main\"\n\t[C]: in ?",
		}
		for _, h := range has {
			if strings.Contains(tb, h) != locals {
				t.Errorf("locals %v: traceback contains %q: %v\n%s", locals, h, !locals, tb)
			}
		}
		if strings.Contains(tb, "(for state)") {
			t.Errorf("internal variables listed:\n%s", tb)
		}
		if !locals && strings.Contains(tb, "\t\t") {
			t.Errorf("locals listed without the option:\n%s", tb)
		}
		// debug.traceback never lists them
		if got := st.Main().Traceback("", 0); strings.Contains(got, "\t\t") {
			t.Errorf("Traceback lists locals:\n%s", got)
		}
	}
}

// BenchmarkCoroutineCreate measures coroutine creation, which records
// the creation site and time.
func BenchmarkCoroutineCreate(b *testing.B) {
	var out strings.Builder
	st := newTestState(&out)
	openCoroutineForTest(st)
	fn, err := st.Load([]byte(`local n = ... local f = function() end for i = 1, n do local co = coroutine.create(f) end`), "=b", "t", value.Nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := st.Main().Call(fn, value.Int(int64(b.N))); err != nil {
		b.Fatal(err)
	}
}
