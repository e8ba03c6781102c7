package coroutine_test

import (
	"bytes"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/coroutine"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func run(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	st := vm.NewState(vm.Options{Stdout: &out})
	base.Open(st)
	coroutine.Open(st)
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		return out.String() + "ERR: " + err.Error()
	}
	return out.String()
}

// Expected outputs are lua5.4's.
func TestCoroutineLibrary(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"resume", `local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
print(coroutine.resume(co, 1)) print(coroutine.status(co)) print(coroutine.resume(co, 5)) print(coroutine.status(co)) print(coroutine.resume(co))`,
			"true\t2\nsuspended\ntrue\t10\ndead\nfalse\tcannot resume dead coroutine\n"},
		{"running", `local co = coroutine.running() print(type(co), select(2, coroutine.running()))
print(coroutine.resume(coroutine.create(function() return select(2, coroutine.running()), coroutine.status(coroutine.running()) end)))`,
			"thread\ttrue\ntrue\tfalse\trunning\n"},
		{"nonsuspended", `print(coroutine.resume(coroutine.running()))`, "false\tcannot resume non-suspended coroutine\n"},
		{"wrap", `local g = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) print(g(), g(), g())`, "1\t2\t3\n"},
		{"wraperror", `local f = coroutine.wrap(function() error("x") end) print(pcall(f))
local f2 = coroutine.wrap(function() error({}) end) print(type(select(2, pcall(f2))))`, "false\tt:1: x\ntable\n"},
		{"close", `local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = function(_, e) print("closing", e) end}) coroutine.yield(1) end)
print(coroutine.resume(co)) print(coroutine.close(co), coroutine.status(co))
local co2 = coroutine.create(function() error("boom") end) print(coroutine.resume(co2)) print(coroutine.close(co2))`,
			"true\t1\nclosing\tnil\ntrue\tdead\nfalse\tt:3: boom\nfalse\tt:3: boom\n"},
		{"closerunning", `print(pcall(coroutine.close, coroutine.running()))`, "false\tcannot close a running coroutine\n"},
		{"isyieldable", `print(coroutine.isyieldable(), coroutine.resume(coroutine.create(function() return coroutine.isyieldable() end)))`, "false\ttrue\ttrue\n"},
		{"outside", `print(pcall(coroutine.yield, 1))`, "false\tattempt to yield from outside a coroutine\n"},
		{"badarg", `print(pcall(coroutine.resume, 1))`, "false\tbad argument #1 to 'coroutine.resume' (thread expected, got number)\n"},
		{"normal", `local co1 co1 = coroutine.create(function() local co2 = coroutine.create(function() return coroutine.status(co1) end) return coroutine.resume(co2) end) print(coroutine.resume(co1))`,
			"true\ttrue\tnormal\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
