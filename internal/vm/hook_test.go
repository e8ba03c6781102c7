package vm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// hookRecorder returns a hook function that appends "event:line:name" for
// every event to *log, where name is what getinfo(1, "n") reports for the
// hooked function (a Go hook function is level 0, the hooked one 1; a Lua
// hook sees it at level 2 because getinfo itself is level 0).
func hookRecorder(log *[]string) value.Value {
	return NewGoFunction("hook", func(l *Thread, args []value.Value) ([]value.Value, error) {
		line := "-"
		if args[1].IsInt() {
			line = fmt.Sprint(args[1].AsInt())
		}
		name := "?"
		if fr, ok := l.Level(1); ok {
			d, _ := l.FrameInfo(fr, "nS")
			name = d.What
			if d.Name != "" {
				name = d.Name
			}
		}
		*log = append(*log, args[0].AsString()+":"+line+":"+name)
		return nil, nil
	})
}

// runHooked loads src, sets the hook with mask and count on the main
// thread and calls the chunk; it returns the recorded events.
func runHooked(t *testing.T, src string, mask, count int) (string, error) {
	t.Helper()
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	l := st.Main()
	l.SetHook(hookRecorder(&log), mask, count)
	_, err = l.Call(fn)
	l.SetHook(value.Nil, 0, 0)
	return strings.Join(log, " "), err
}

func TestHookEvents(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		mask  int
		count int
		want  string
	}{
		{"lines", "local a = 1\nlocal b = 2\nreturn a + b", MaskLine, 0,
			"line:1:main line:2:main line:3:main"},
		{"loop back to the same line", "local s = 0\nfor i = 1, 3 do s = s + i end\nreturn s", MaskLine, 0,
			"line:1:main line:2:main line:2:main line:2:main line:3:main"},
		{"call and return", "local function f(x) return x end\nf(1)", MaskCall | MaskRet, 0,
			"call:-:main call:-:f return:-:f return:-:main"},
		{"go function", "local s = select('#', 1, 2)", MaskCall | MaskRet, 0,
			"call:-:main call:-:select return:-:select return:-:main"},
		{"tail call", "local function g() return 1 end\nlocal function f() return g() end\nf()", MaskCall | MaskRet, 0,
			"call:-:main call:-:f tail call:-:Lua return:-:Lua return:-:main"},
		{"count", "local a = 1\nlocal b = 2\nlocal c = 3", MaskCount, 2,
			"count:-:main count:-:main"},
		{"calls and lines", "local function f()\nreturn 1\nend\nf()", MaskCall | MaskLine, 0,
			"call:-:main line:3:main line:4:main call:-:f line:2:f"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runHooked(t, tc.src, tc.mask, tc.count)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tc.want {
				t.Errorf("events\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestHookErrorPropagates(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	l := st.Main()
	fired := 0
	hook := NewGoFunction("hook", func(l *Thread, args []value.Value) ([]value.Value, error) {
		fired++
		if fired == 1 {
			return nil, &LuaError{Value: value.String("boom")}
		}
		return nil, nil
	})
	fn, err := st.Load([]byte("local x = 1\nx = x + 1\nreturn x"), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	l.SetHook(hook, MaskLine, 0)
	_, err = l.Call(fn)
	if err == nil || err.Error() != "boom" {
		t.Fatalf("error = %v, want boom", err)
	}
	if l.hook.inHook {
		t.Fatal("hooks still disabled after an error in a hook")
	}
	// the hook runs again on the next call
	if _, err := l.Call(fn); err != nil {
		t.Fatal(err)
	}
	if fired < 2 {
		t.Errorf("hook fired %d times, want more after the error", fired)
	}
	l.SetHook(value.Nil, 0, 0)
}

func TestSetHookOff(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	l := st.Main()
	h := NewGoFunction("h", func(*Thread, []value.Value) ([]value.Value, error) { return nil, nil })
	tests := []struct {
		name        string
		fn          value.Value
		mask, count int
		wantMask    int
		wantCount   int
		wantFn      bool
	}{
		{"mask", h, MaskCall | MaskLine, 0, MaskCall | MaskLine, 0, true},
		{"count adds the count mask", h, 0, 7, MaskCount, 7, true},
		{"empty mask turns off", h, 0, 0, 0, 0, false},
		{"negative count", h, MaskLine, -5, MaskLine, -5, true},
		{"nil function turns off (the count stays)", value.Nil, MaskLine, 3, 0, 3, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l.SetHook(tc.fn, tc.mask, tc.count)
			fn, mask, count := l.Hook()
			if mask != tc.wantMask || count != tc.wantCount || fn.IsNil() == tc.wantFn {
				t.Errorf("Hook() = %v, %d, %d; want mask %d count %d", fn, mask, count, tc.wantMask, tc.wantCount)
			}
		})
	}
}

// TestNoTrappedCodeWithoutHooks: without hooks no trapped copy is made
// (the loop runs the prototypes' own code).
func TestNoTrappedCodeWithoutHooks(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte("local s = 0 for i = 1, 10 do s = s + i end return s"), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	l := st.Main()
	if _, err := l.Call(fn); err != nil {
		t.Fatal(err)
	}
	if st.trapped != nil {
		t.Fatal("trapped code made without hooks")
	}
	var log []string
	l.SetHook(hookRecorder(&log), MaskCall, 0)
	if _, err := l.Call(fn); err != nil {
		t.Fatal(err)
	}
	l.SetHook(value.Nil, 0, 0)
	if len(log) == 0 {
		t.Fatal("call hook did not run")
	}
}

func TestTrappedCodeKeepsOperands(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte("local t = {1, 2, 3} local s = 0 for i = 1, #t do if t[i] ~= 2 then s = s + t[i] end end return s"), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	p := AsClosure(fn).Proto
	tc := st.trappedCode(p)
	for pc, i := range p.Code {
		if tc[pc].Op() != opHook || tc[pc].Ax() != i.Ax() || tc[pc].SJ() != i.SJ() {
			t.Errorf("pc %d: trapped %08x from %08x", pc, uint32(tc[pc]), uint32(i))
		}
	}
	var log []string
	l := st.Main()
	l.SetHook(hookRecorder(&log), MaskLine|MaskCount, 1)
	r, err := l.Call(fn)
	l.SetHook(value.Nil, 0, 0)
	if err != nil || len(r) != 1 || r[0].AsInt() != 4 {
		t.Fatalf("result %v, %v; want 4", r, err)
	}
}
