package vm

import "testing"

func TestCoroutines(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"basic", `local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))`, "start\t1\t2\ntrue\t3\nsuspended\ngot\t10\ntrue\t20\ntrue\t7\ndead\nfalse\tcannot resume dead coroutine\n"},
		{"generator", `local function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local s = 0 for v in gen(10) do s = s + v end print(s)`, "55\n"},
		{"yieldpcall", `local co = coroutine.create(function()
  local ok, v = pcall(function() local x = coroutine.yield(1) error("e" .. x) end)
  print("pcall", ok, v)
  local ok2, v2 = pcall(coroutine.yield, 2)
  print("pcall2", ok2, v2)
  return "end"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "X"))
print(coroutine.resume(co, "Y"))`, "true\t1\npcall\tfalse\tt:2: eX\ntrue\t2\npcall2\ttrue\tY\ntrue\tend\n"},
		{"error", `local co = coroutine.create(function() local x = nil; x() end) print(coroutine.resume(co))`,
			"false\tt:1: attempt to call a nil value (local 'x')\n"},
		{"wraperr", `local f = coroutine.wrap(function() error("boom") end) print(pcall(f))`, "false\tt:1: boom\n"},
		{"outside", `print(pcall(coroutine.yield, 1))`, "false\tattempt to yield from outside a coroutine\n"},
		{"isyieldable", `print(coroutine.isyieldable(), coroutine.resume(coroutine.create(function() return coroutine.isyieldable() end)))`, "false\ttrue\ttrue\n"},
		{"acrossmeta", `local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end})
local co = coroutine.wrap(function() return t.foo end) print(pcall(co))`, "true\tfoo\n"},
		{"tbcclose", `local co = coroutine.create(function() local x <close> = setmetatable({}, {__close=function(_, e) print("closing", e) end}) coroutine.yield(1) end)
print(coroutine.resume(co)) print(coroutine.close(co), coroutine.status(co))`, "true\t1\nclosing\tnil\ntrue\tdead\n"},
		{"iteratoryield", `local function iter(s, i) if i < 3 then coroutine.yield("it" .. i) return i + 1 end end
local co = coroutine.wrap(function() for i in iter, nil, 0 do print("body", i) end return "done" end)
print(co()) print(co()) print(co()) print(co())`, "it0\nbody\t1\nit1\nbody\t2\nit2\nbody\t3\ndone\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
