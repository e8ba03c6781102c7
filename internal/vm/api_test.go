package vm

import (
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

func TestAPI(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	l := st.Main()
	fn, err := st.Load([]byte(`
local mt = {__index = function(t, k) return k .. "?" end, __len = function() return 7 end,
  __eq = function() return true end, __lt = function() return true end,
  __tostring = function(t) return "OBJ" end, __newindex = function(t, k, v) rawset_log = k end}
a = setmetatable({}, mt)
b = setmetatable({}, mt)
function fail() local x = nil; return x.y end
function multi(...) return ... end
`), "=api", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Call(fn); err != nil {
		t.Fatal(err)
	}
	a, b := st.GetGlobal("a"), st.GetGlobal("b")
	if v, err := l.Index(a, value.String("k")); err != nil || v.AsString() != "k?" {
		t.Errorf("Index = %v, %v", v, err)
	}
	if err := l.SetIndex(a, value.String("z"), value.Int(1)); err != nil || st.GetGlobal("rawset_log").AsString() != "z" {
		t.Errorf("SetIndex: %v", err)
	}
	if v, err := l.Len(a); err != nil || v.AsInt() != 7 {
		t.Errorf("Len = %v, %v", v, err)
	}
	if eq, err := l.Equal(a, b); err != nil || !eq {
		t.Errorf("Equal = %v, %v", eq, err)
	}
	if lt, err := l.LessThan(a, b); err != nil || !lt {
		t.Errorf("LessThan = %v, %v", lt, err)
	}
	if s, err := l.ToString(a); err != nil || s != "OBJ" {
		t.Errorf("ToString = %q, %v", s, err)
	}
	if s, _ := l.ToString(value.Float(1e15)); s != "1e+15" {
		t.Errorf("ToString(1e15) = %q", s)
	}
	if _, err := l.LessThan(value.Int(1), value.String("x")); err == nil || err.Error() != "attempt to compare number with string" {
		t.Errorf("LessThan error = %v", err)
	}
	r, err := l.Call(st.GetGlobal("multi"), value.Int(1), value.Nil, value.Int(3))
	if err != nil || len(r) != 3 || r[2].AsInt() != 3 {
		t.Errorf("Call multi = %v, %v", r, err)
	}
	_, err = l.Call(st.GetGlobal("fail"))
	le, ok := err.(*LuaError)
	if !ok || le.Error() != "api:7: attempt to index a nil value (local 'x')" {
		t.Fatalf("Call fail = %v", err)
	}
	wantTB := "stack traceback:\n\tapi:7: in function 'fail'\n\t[C]: in ?"
	if le.Traceback != wantTB {
		t.Errorf("traceback = %q, want %q", le.Traceback, wantTB)
	}
	if _, le := l.PCallTraceback(st.GetGlobal("fail")); le == nil || le.Traceback != wantTB {
		t.Errorf("PCallTraceback = %v", le)
	}
	if _, err := st.Load([]byte("x = = 1"), "=s", "t", value.Nil); err == nil || err.Error() != "s:1: unexpected symbol near '='" {
		t.Errorf("syntax error = %v", err)
	}
	if _, err := st.Load([]byte("\x1bLua"), "=s", "t", value.Nil); err == nil || err.Error() != "attempt to load a binary chunk (mode is 't')" {
		t.Errorf("binary chunk = %v", err)
	}
	if _, err := st.Load([]byte("return 1"), "=s", "b", value.Nil); err == nil || err.Error() != "attempt to load a text chunk (mode is 'b')" {
		t.Errorf("text chunk = %v", err)
	}
	if err := st.CheckAlloc(1 << 62); err == nil || err.Error() != "not enough memory" {
		t.Errorf("CheckAlloc = %v", err)
	}
}

func TestStateClose(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	fn, _ := st.Load([]byte(`local x <close> = setmetatable({}, {__close = function() print("closed at exit") end}) coroutine.yield_not_here = 1 error("stop")`), "=t", "t", value.Nil)
	_, _ = st.Main().Call(fn)
	st.Close()
	if out.String() != "closed at exit\n" {
		t.Errorf("got %q", out.String())
	}
}

func TestFinalizers(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	st.SetGlobal("collectgarbage", NewGoFunction("collectgarbage", func(l *Thread, args []value.Value) ([]value.Value, error) {
		l.CollectGarbage()
		return nil, nil
	}))
	fn, err := st.Load([]byte(`
do setmetatable({}, {__gc = function() print("finalized during collect") end}) end
collectgarbage()
print("after collect")
local keep = setmetatable({}, {__gc = function() print("finalized at exit") end})
local mt = {}
local late = setmetatable({}, mt)
mt.__gc = function() print("never printed") end
late = nil
collectgarbage()
print("end of script")
`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	st.Close()
	want := "finalized during collect\nafter collect\nend of script\nfinalized at exit\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
