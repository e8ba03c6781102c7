package vm

import (
	"errors"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// TestTailCallConstantStack: 10 million tail calls run in a constant
// number of frames and stack slots.
func TestTailCallConstantStack(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte(`local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
return loop(10000000, 0)`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Main().Call(fn)
	if err != nil {
		t.Fatal(err)
	}
	if len(r) != 1 || r[0].AsInt() != 10000000 {
		t.Fatalf("got %v", r)
	}
	if n := len(st.Main().frames); n > 16 {
		t.Errorf("frame stack grew to %d", n)
	}
	if n := len(st.Main().stack); n > 4096 {
		t.Errorf("value stack grew to %d", n)
	}
}

func TestStackOverflow(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"lua", `local function f() return 1 + f() end print(pcall(f))`, "false\tt:1: stack overflow\n"},
		{"cstack", `local t = setmetatable({}, {__index = function(t, k) return t[k] end}) print(pcall(function() return t.x end))`,
			"false\tt:1: C stack overflow\n"},
		{"again", `local function f() return 1 + f() end print(pcall(f)) print(pcall(f))`,
			"false\tt:1: stack overflow\nfalse\tt:1: stack overflow\n"},
		{"handler", `local function f() return 1 + f() end print(xpcall(f, function(m) return "H " .. m end))`,
			"false\tH t:1: stack overflow\n"},
		{"tostringloop", `local t = setmetatable({}, {__tostring = function(s) return tostring(s) end}) print(pcall(tostring, t))`,
			"false\tC stack overflow\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGoPanicBecomesError(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	st.SetGlobal("boom", NewGoFunction("boom", func(l *Thread, args []value.Value) ([]value.Value, error) {
		var m map[string]int
		m["x"] = 1 // nil map write: runtime panic
		return nil, nil
	}))
	fn, err := st.Load([]byte(`local ok, e = pcall(boom) print(ok, e:sub(1, 40)) boom()`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Main().Call(fn)
	if err == nil || !strings.Contains(err.Error(), "assignment to entry in nil map") {
		t.Fatalf("err = %v", err)
	}
	if want := "false\tgo panic: assignment to entry in nil map\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	// the state is still usable
	fn, _ = st.Load([]byte(`print("ok")`), "=t", "t", value.Nil)
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
}

func TestInstructionLimit(t *testing.T) {
	st := NewState(Options{MaxInstructions: 100000})
	st.SetGlobal("pcall", NewGoFunction("pcall", PCall))
	fn, err := st.Load([]byte(`while true do end`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Main().Call(fn)
	if !errors.Is(err, ErrInstructionLimit) {
		t.Fatalf("err = %v", err)
	}
	st = NewState(Options{MaxInstructions: 100000})
	st.SetGlobal("pcall", NewGoFunction("pcall", PCall))
	fn, _ = st.Load([]byte(`local function f() while true do end end while true do pcall(f) end`), "=t", "t", value.Nil)
	if _, err = st.Main().Call(fn); !errors.Is(err, ErrInstructionLimit) {
		t.Fatalf("pcall caught the quota error: %v", err)
	}
	// Loops whose backward jump is a comparison's or a generic for's.
	for _, src := range []string{
		`local x = 1 repeat until x ~= 1`,
		`local x = 1 repeat until x < 0`,
		`local x = 1 repeat until x > 5`,
		`local x, y = 1, 2 repeat until x == y`,
		`local x = true repeat until not x`,
		`local x repeat until x`,
		`local function it() return 1 end for _ in it do end`,
		`local f = function(s, c) return c end for x in f, nil, 1 do end`,
	} {
		st = NewState(Options{MaxInstructions: 100000})
		fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err = st.Main().Call(fn); !errors.Is(err, ErrInstructionLimit) {
			t.Errorf("%s: err = %v, want the instruction limit", src, err)
		}
	}
}

func TestCloseVariables(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"order", `do
  local a <close> = setmetatable({}, {__close = function(_, e) print("a", e) end})
  local b <close> = setmetatable({}, {__close = function(_, e) print("b", e) end})
end`, "b\tnil\na\tnil\n"},
		{"break", `for i = 1, 2 do local x <close> = setmetatable({}, {__close = function() print("close", i) end}) if i == 1 then break end end`, "close\t1\n"},
		{"return", `local function f() local x <close> = setmetatable({}, {__close = function() print("closed") end}) return "r" end print(f())`, "closed\nr\n"},
		{"error", `print(pcall(function() local x <close> = setmetatable({}, {__close = function(_, e) print("got", e) end}) error("E", 0) end))`, "got\tE\nfalse\tE\n"},
		{"errinclose", `print(pcall(function() local x <close> = setmetatable({}, {__close = function(_, e) error("C", 0) end}) error("E", 0) end))`, "false\tC\n"},
		{"nonclosable", `print(pcall(function() local x <close> = {} end))`, "false\tt:1: variable 'x' got a non-closable value\n"},
		{"nilok", `do local x <close> = nil local y <close> = false end print("ok")`, "ok\n"},
		{"genericfor", `local function it(s, i) if i < 3 then return i + 1 end end
for i in it, nil, 0, setmetatable({}, {__close = function() print("for closed") end}) do if i == 2 then break end end`, "for closed\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzVM runs arbitrary source under an instruction budget: the result is
// an error or values, never a panic or a hang.
func FuzzVM(f *testing.F) {
	for _, s := range []string{
		`return 1 + 2`, `local t = {} for i = 1, 10 do t[i] = i end return #t`,
		`local function f(n) if n == 0 then return 0 end return f(n - 1) end return f(100)`,
		`return ("x"):rep(3)`, `error("x")`, `local co = coroutine.wrap(function() coroutine.yield(1) end) return co()`,
		`local t = setmetatable({}, {__index = function(t, k) return k end}) return t.x`,
		`while true do end`, `return pcall(error, {})`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var out strings.Builder
		st := newTestState(&out)
		st.opts.MaxInstructions = 20000
		st.budget = 20000
		fn, err := st.Load([]byte(src), "=fuzz", "t", value.Nil)
		if err != nil {
			return
		}
		// the test state's helper functions are sloppy about arguments:
		// only panics from the vm itself count
		if _, err := st.Main().Call(fn); err != nil && strings.Contains(err.Error(), "go panic:") &&
			!strings.Contains(err.Error(), "vm_test.go") && !strings.Contains(err.Error(), "cotest_test.go") {
			t.Fatalf("internal error: %v", err)
		}
	})
}
