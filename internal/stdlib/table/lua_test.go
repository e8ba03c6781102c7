package table_test

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	mathlib "github.com/tidelua/tide/internal/stdlib/math"
	strlib "github.com/tidelua/tide/internal/stdlib/string"
	tablib "github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/testutil"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// runLua runs src as the chunk "=stdin" (lua5.4's name for a script read
// from standard input) with the base, string, math and table libraries
// open, and returns its standard output.
func runLua(t *testing.T, src string, opts vm.Options) (string, error) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout = &out
	st := vm.NewState(opts)
	base.Open(st)
	strlib.Open(st)
	mathlib.Open(st)
	tablib.Open(st)
	fn, err := st.Load([]byte(src), "=stdin", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), err
}

// tableCases exercise the table library from Lua, through plain tables and
// through proxies whose __index/__newindex/__len log every access. The
// expected output is lua5.4's for "lua5.4 -" (TestTableCasesReference
// checks that it still is).
var tableCases = []struct {
	name, src, stdout, stderr string
}{
	{"insert",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local t = {1, 2, 3} table.insert(t, 4) print(show(t)) table.insert(t, 1, 0) print(show(t)) table.insert(t, 6, 5) print(show(t)) table.insert(t, 3, "x") print(show(t)) local e = {} table.insert(e, "only") print(show(e)) print(select("#", table.insert(e, 1, "a")))`,
		"{1,2,3,4}\n{0,1,2,3,4}\n{0,1,2,3,4,5}\n{0,1,x,2,3,4,5}\n{only}\n0\n", ""},
	{"insert errors",
		`print(pcall(table.insert, {1}, 3, "x")) print(pcall(table.insert, {1}, 0, "x")) print(pcall(table.insert, {1}, -1, "x")) print(pcall(table.insert, {})) print(pcall(table.insert, {}, 1, 2, 3)) print(pcall(table.insert, nil, 1)) print(pcall(table.insert, {}, "a", 1)) print(pcall(table.insert, {}, 1.5, 1)) print(pcall(table.insert)) print(pcall(table.insert, 1, 2))`,
		"false\tbad argument #2 to 'table.insert' (position out of bounds)\nfalse\tbad argument #2 to 'table.insert' (position out of bounds)\nfalse\tbad argument #2 to 'table.insert' (position out of bounds)\nfalse\twrong number of arguments to 'insert'\nfalse\twrong number of arguments to 'insert'\nfalse\tbad argument #1 to 'table.insert' (table expected, got nil)\nfalse\tbad argument #2 to 'table.insert' (number expected, got string)\nfalse\tbad argument #2 to 'table.insert' (number has no integer representation)\nfalse\tbad argument #1 to 'table.insert' (table expected, got no value)\nfalse\tbad argument #1 to 'table.insert' (table expected, got number)\n", ""},
	{"insert proxy",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local inner, log = {10, 20}, {} local p = proxy(inner, log) table.insert(p, 1, 5) print(show(inner)) print(table.concat(log, " ")) log = {} table.insert(proxy(inner, log), 99) print(show(inner), table.concat(log, " "))`,
		"{5,10,20}\nget 2 set 3=20 get 1 set 2=10 set 1=5\n{5,10,20,99}\tset 4=99\n", ""},
	{"remove",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local t = {1, 2, 3, 4} print(table.remove(t), show(t)) print(table.remove(t, 1), show(t)) print(table.remove(t, 2), show(t)) print(table.remove(t, #t + 1), show(t)) print(table.remove({})) print(table.remove({}, 0)) print(table.remove({}, 1)) local z = {[0] = "zero"} print(table.remove(z, 0), z[0]) local h = {n = 1} print(table.remove(h, #h), h.n)`,
		"4\t{1,2,3}\n1\t{2,3}\n3\t{2}\nnil\t{2}\nnil\nnil\nnil\nzero\tnil\nnil\t1\n", ""},
	{"remove errors",
		`print(pcall(table.remove, {1, 2, 3}, 7)) print(pcall(table.remove, {1, 2, 3}, 0)) print(pcall(table.remove, {1, 2, 3}, -1)) print(pcall(table.remove, {}, 2)) print(pcall(table.remove, nil)) print(pcall(table.remove, {}, "x")) print(pcall(table.remove))`,
		"false\tbad argument #1 to 'table.remove' (position out of bounds)\nfalse\tbad argument #1 to 'table.remove' (position out of bounds)\nfalse\tbad argument #1 to 'table.remove' (position out of bounds)\nfalse\tbad argument #1 to 'table.remove' (position out of bounds)\nfalse\tbad argument #1 to 'table.remove' (table expected, got nil)\nfalse\tbad argument #2 to 'table.remove' (number expected, got string)\nfalse\tbad argument #1 to 'table.remove' (table expected, got no value)\n", ""},
	{"remove proxy",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local inner, log = {"a", "b", "c"}, {} print(table.remove(proxy(inner, log), 1), show(inner)) print(table.concat(log, " ")) log = {} print(table.remove(proxy(inner, log)), show(inner), table.concat(log, " "))`,
		"a\t{b,c}\nget 1 get 2 set 1=b get 3 set 2=c set 3=nil\nc\t{b}\tget 2 set 2=nil\n", ""},
	{"concat",
		`print(table.concat({})) print(table.concat({1, 2, 3})) print(table.concat({1, 2, 3}, ", ")) print(table.concat({"a", "b", "c"}, "-", 2)) print(table.concat({"a", "b", "c"}, "-", 2, 2)) print(table.concat({"a", "b", "c"}, "-", 3, 2)) print(table.concat({1, 2.5, "x"}, 0)) print(table.concat({"a", "b"}, nil, 1, 2)) print(table.concat({[-1] = "m", [0] = "z", "a"}, "", -1, 1))`,
		"\n123\n1, 2, 3\nb-c\nb\n\n102.50x\nab\nmza\n", ""},
	{"concat errors",
		`print(pcall(table.concat, {1, {}, 3})) print(pcall(table.concat, {1, 2}, ",", 1, 3)) print(pcall(table.concat, {true})) print(pcall(table.concat, {}, {})) print(pcall(table.concat, {}, "", "x")) print(pcall(table.concat, {}, "", 1, "y")) print(pcall(table.concat, 1)) print(pcall(table.concat))`,
		"false\tinvalid value (table) at index 2 in table for 'concat'\nfalse\tinvalid value (nil) at index 3 in table for 'concat'\nfalse\tinvalid value (boolean) at index 1 in table for 'concat'\nfalse\tbad argument #2 to 'table.concat' (string expected, got table)\nfalse\tbad argument #3 to 'table.concat' (number expected, got string)\nfalse\tbad argument #4 to 'table.concat' (number expected, got string)\nfalse\tbad argument #1 to 'table.concat' (table expected, got number)\nfalse\tbad argument #1 to 'table.concat' (table expected, got no value)\n", ""},
	{"concat proxy",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local log = {} print(table.concat(proxy({"x", "y", "z"}, log), "+")) print(table.concat(log, " "))`,
		"x+y+z\nget 1 get 2 get 3\n", ""},
	{"unpack",
		`print(table.unpack({1, 2, 3})) print(table.unpack({1, 2, 3}, 2)) print(table.unpack({1, 2, 3}, 2, 3)) print(table.unpack({1, 2, 3}, 3, 2)) print(select("#", table.unpack({}))) print(table.unpack({1, nil, 3}, 1, 3)) print(table.unpack({}, 1, 2)) print(table.unpack({[-1] = "a", [0] = "b"}, -1, 0)) print(select("#", table.unpack({}, 5, 4)))`,
		"1\t2\t3\n2\t3\n2\t3\n\n0\n1\tnil\t3\nnil\tnil\na\tb\n0\n", ""},
	{"unpack errors",
		`print(pcall(table.unpack, {}, 1, 1e7)) print(pcall(table.unpack, {}, math.mininteger, math.maxinteger)) print(pcall(table.unpack, {}, "x")) print(pcall(table.unpack, {}, 1, "y")) print(pcall(table.unpack, nil)) print(pcall(table.unpack)) print(pcall(table.unpack, 1, 1, 2)) print(pcall(table.unpack, {}, 1.5))`,
		"false\ttoo many results to unpack\nfalse\ttoo many results to unpack\nfalse\tbad argument #2 to 'table.unpack' (number expected, got string)\nfalse\tbad argument #3 to 'table.unpack' (number expected, got string)\nfalse\tattempt to get length of a nil value\nfalse\tattempt to get length of a nil value\nfalse\tattempt to index a number value\nfalse\tbad argument #2 to 'table.unpack' (number has no integer representation)\n", ""},
	{"unpack proxy",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local log = {} print(table.unpack(proxy({"a", "b"}, log))) print(table.concat(log, " ")) print(table.unpack(setmetatable({}, {__index = function(_, i) return i * 10 end}), 1, 3))`,
		"a\tb\nget 1 get 2\n10\t20\t30\n", ""},
	{"pack",
		`local t = table.pack() print(t.n, #t) t = table.pack(1, nil, 3) print(t.n, t[1], t[2], t[3]) t = table.pack(nil, nil) print(t.n, t[1]) t = table.pack("a", "b") print(t.n, t[1], t[2], next(t, nil) ~= nil)`,
		"0\t0\n3\t1\tnil\t3\n2\tnil\n2\ta\tb\ttrue\n", ""},
	{"move",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local a = {1, 2, 3, 4, 5} table.move(a, 1, 3, 3) print(show(a)) a = {1, 2, 3, 4, 5} table.move(a, 3, 5, 1) print(show(a)) a = {1, 2, 3} local b = table.move(a, 1, 3, 2, {}) print(show(b, 4)) print(table.move(a, 1, 0, 5) == a) print(show(a)) print(table.move({}, 1, 3, 1, a) == a, show(a)) a = {1, 2, 3} table.move(a, 2, 3, 2) print(show(a)) a = {1, 2, 3} table.move(a, 1, 2, 2, a) print(show(a))`,
		"{1,2,1,2,3}\n{3,4,5,4,5}\n{nil,1,2,3}\ntrue\n{1,2,3}\ntrue\t{}\n{1,2,3}\n{1,1,2}\n", ""},
	{"move errors",
		`print(pcall(table.move, {}, 1, math.maxinteger, 2)) print(pcall(table.move, {}, -1, math.maxinteger, 2)) print(pcall(table.move, {1}, 1, 2, math.maxinteger)) print(pcall(table.move, {}, 1, 2)) print(pcall(table.move, {}, "x", 2, 1)) print(pcall(table.move, 1, 1, 2, 1)) print(pcall(table.move, {}, 1, 2, 1, 5)) print(pcall(table.move)) print(pcall(table.move, {}, 1, 2.5, 1))`,
		"false\tbad argument #4 to 'table.move' (destination wrap around)\nfalse\tbad argument #3 to 'table.move' (too many elements to move)\nfalse\tbad argument #4 to 'table.move' (destination wrap around)\nfalse\tbad argument #4 to 'table.move' (number expected, got no value)\nfalse\tbad argument #2 to 'table.move' (number expected, got string)\nfalse\tbad argument #1 to 'table.move' (table expected, got number)\nfalse\tbad argument #5 to 'table.move' (table expected, got number)\nfalse\tbad argument #2 to 'table.move' (number expected, got no value)\nfalse\tbad argument #3 to 'table.move' (number has no integer representation)\n", ""},
	{"move proxy",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local src, dst, log = {"a", "b", "c"}, {}, {} table.move(proxy(src, log), 1, 3, 2, proxy(dst, log)) print(show(dst, 4)) print(table.concat(log, " ")) log = {} local same = proxy({1, 2, 3, 4}, log) table.move(same, 1, 2, 2) print(show(setmetatable({}, {__index = same}), 4)) print(table.concat(log, " "))`,
		"{nil,a,b,c}\nget 1 set 2=a get 2 set 3=b get 3 set 4=c\n{1,1,2,4}\nget 2 set 3=2 get 1 set 2=1 get 1 get 2 get 3 get 4\n", ""},
	{"move same via __eq",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local inner = {1, 2, 3, 4} local mt = {__index = inner, __newindex = inner, __eq = function() return true end} local p, q = setmetatable({}, mt), setmetatable({}, mt) table.move(p, 1, 3, 2, q) print(show(inner))`,
		"{1,1,2,3}\n", ""},
	{"sort",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local t = {5, 2, 8, 1, 9, 3} table.sort(t) print(show(t)) table.sort(t, function(a, b) return a > b end) print(show(t)) local s = {"banana", "apple", "cherry", "Apple"} table.sort(s) print(show(s)) local one = {1} table.sort(one) print(show(one)) local e = {} table.sort(e) print(#e) local two = {2, 1} table.sort(two) print(show(two)) local three = {3, 1, 2} table.sort(three) print(show(three)) local f = {2.5, 1, -1e300, 3, 0.5} table.sort(f) print(show(f)) local n = {3, 1, 2} table.sort(n, nil) print(show(n))`,
		"{1,2,3,5,8,9}\n{9,8,5,3,2,1}\n{Apple,apple,banana,cherry}\n{1}\n0\n{1,2}\n{1,2,3}\n{-1e+300,0.5,1,2.5,3}\n{1,2,3}\n", ""},
	{"sort large",
		`local t = {} for i = 1, 500 do t[i] = (i * 7919) % 1009 end table.sort(t) local ok = true for i = 2, #t do if t[i - 1] > t[i] then ok = false end end print(ok, t[1], t[500]) local d = {} for i = 1, 300 do d[i] = i end table.sort(d, function(a, b) return a > b end) print(d[1], d[150], d[300]) local same = {} for i = 1, 200 do same[i] = 7 end table.sort(same) print(same[1], same[200]) local sorted = {} for i = 1, 1000 do sorted[i] = i % 2 == 0 and i or 1000 - i end table.sort(sorted) print(sorted[1], sorted[1000])`,
		"true\t1\t1006\n300\t151\t1\n7\t7\n1\t1000\n", ""},
	{"sort __lt",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local mt = {__lt = function(a, b) return a.v < b.v end} local t = {} for i, v in ipairs({3, 1, 2}) do t[i] = setmetatable({v = v}, mt) end table.sort(t) print(t[1].v, t[2].v, t[3].v)`,
		"1\t2\t3\n", ""},
	{"sort proxy",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local inner = {4, 3, 2, 1} table.sort(proxy(inner)) print(show(inner))`,
		"{1,2,3,4}\n", ""},
	{"sort errors",
		`print(pcall(table.sort, {1, "x", 2})) print(pcall(table.sort, {1, 2, 3}, 1)) print(pcall(table.sort, 1)) print(pcall(table.sort)) print(pcall(table.sort, {{}, {}})) print(pcall(table.sort, {1, 2, 3, 4, 5}, function(a, b) return true end)) print(pcall(table.sort, {5, 4, 3, 2, 1, 0}, function(a, b) return true end)) print(pcall(table.sort, {3, 2, 1}, function(a, b) error("cmp") end))`,
		"false\tattempt to compare string with number\nfalse\tbad argument #2 to 'table.sort' (function expected, got number)\nfalse\tbad argument #1 to 'table.sort' (table expected, got number)\nfalse\tbad argument #1 to 'table.sort' (table expected, got no value)\nfalse\tattempt to compare two table values\nfalse\tinvalid order function for sorting\nfalse\tinvalid order function for sorting\nfalse\tstdin:1: cmp\n", ""},
	{"length errors",
		`local bad = setmetatable({}, {__len = function() return 2.5 end}) print(pcall(table.insert, bad, 1)) print(pcall(table.concat, setmetatable({}, {__len = function() return "x" end}))) print(pcall(table.unpack, setmetatable({}, {__len = function() return {} end}))) print(pcall(table.remove, setmetatable({}, {__len = function() error("len!") end}))) local s = setmetatable({}, {__len = function() return "2" end, __index = function(_, i) return i end}) print(table.concat(s, ",")) print(table.unpack(setmetatable({}, {__len = function() return 2.0 end, __index = function(_, i) return -i end})))`,
		"false\tobject length is not an integer\nfalse\tobject length is not an integer\nfalse\tobject length is not an integer\nfalse\tstdin:1: len!\n1,2\n-1\t-2\n", ""},
	{"non-table with metamethods",
		`print(pcall(table.concat, "abc")) print(pcall(table.insert, "abc", 1)) print(pcall(table.unpack, "ab")) print(pcall(table.sort, "ab"))`,
		"false\tbad argument #1 to 'table.concat' (table expected, got string)\nfalse\tbad argument #1 to 'table.insert' (table expected, got string)\ntrue\tnil\tnil\nfalse\tbad argument #1 to 'table.sort' (table expected, got string)\n", ""},
	{"access errors",
		`local function show(t, n) local parts = {} for i = 1, n or #t do parts[i] = tostring(t[i]) end return "{" .. table.concat(parts, ",") .. "}" end
local function proxy(inner, log) return setmetatable({}, {
  __index = function(_, k) if log then log[#log + 1] = "get " .. tostring(k) end return inner[k] end,
  __newindex = function(_, k, v) if log then log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) end inner[k] = v end,
  __len = function() return #inner end}) end
local ro = setmetatable({}, {__index = {1, 2, 3}, __len = function() return 3 end, __newindex = function() error("read-only", 0) end}) print(pcall(table.insert, ro, "x")) print(pcall(table.remove, ro, 1)) print(pcall(table.sort, ro)) print(pcall(table.move, {1}, 1, 1, 1, ro)) print(table.concat(ro, ","))
local wo = setmetatable({}, {__index = function(_, k) error("no read " .. k, 0) end, __len = function() return 2 end}) print(pcall(table.concat, wo)) print(pcall(table.unpack, wo)) print(pcall(table.remove, wo)) print(pcall(table.move, wo, 1, 2, 1, {})) print(pcall(table.sort, wo)) print(pcall(table.insert, wo, 1, 0))`,
		"false\tread-only\nfalse\tread-only\ntrue\nfalse\tread-only\n1,2,3\nfalse\tno read 1\nfalse\tno read 1\nfalse\tno read 2\nfalse\tno read 1\nfalse\tno read 1\nfalse\tno read 2\n", ""},
	{"sort failing access",
		`for _, mode in ipairs({"get", "set"}) do
  local res = {}
  for n = 1, 70 do
    local inner = {9, 3, 7, 1, 8, 2, 6, 4, 5, 0}
    local count = 0
    local p = setmetatable({}, {__len = function() return #inner end,
      __index = function(_, k) if mode == "get" then count = count + 1 if count == n then error("fail", 0) end end return inner[k] end,
      __newindex = function(_, k, v) if mode == "set" then count = count + 1 if count == n then error("fail", 0) end end inner[k] = v end})
    local ok, err = pcall(table.sort, p)
    res[#res + 1] = ok and "." or err == "fail" and "x" or err
  end
  print(mode, table.concat(res))
end`,
		"get\txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx......................\nset\txxxxxxxxxxxxxxxxxxxxxx................................................\n", ""},
	{"sort failing comparator",
		`local res = {}
for n = 1, 40 do
  local c = 0
  local ok, err = pcall(table.sort, {9, 3, 7, 1, 8, 2, 6, 4, 5, 0}, function(a, b) c = c + 1 if c == n then error("cmp", 0) end return a < b end)
  res[#res + 1] = ok and "." or err == "cmp" and "x" or err
end
print(table.concat(res))`,
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.......\n", ""},
	{"sort bad orders",
		`for _, case in ipairs({
  {{1, 1, 1, 1, 1}, function(a, b) return a <= b end},
  {{5, 1, 4, 2, 3}, function(a, b) return a <= b end},
  {{1, 2, 3, 4, 5, 6, 7}, function(a, b) return b == 4 end},
  {{1, 2, 3, 4, 5, 6, 7}, function(a, b) return a == 4 end},
  {{3, 1, 2}, function() return true end},
  {{1, 2, 3, 4}, function() return false end},
}) do
  local t = case[1]
  local ok, err = pcall(table.sort, t, case[2])
  print(ok, err, table.concat(t, ","))
end`,
		"false\tinvalid order function for sorting\t1,1,1,1,1\nfalse\tinvalid order function for sorting\t3,1,2,4,5\ntrue\tnil\t1,5,6,7,2,3,4\ntrue\tnil\t4,5,6,1,2,3,7\ntrue\tnil\t1,2,3\ntrue\tnil\t1,3,2,4\n", ""},
	{"failing writes",
		`local function failing(inner, what)
  return setmetatable({}, {__len = function() return #inner end, __index = inner,
    __newindex = function(_, k, v) if what(k, v) then error("no write " .. tostring(k) .. "=" .. tostring(v), 0) end rawset(inner, k, v) end})
end
print(pcall(table.remove, failing({1, 2, 3}, function(k, v) return v == nil end), 1))
print(pcall(table.remove, failing({1, 2, 3}, function(k, v) return k == 2 end), 1))
print(pcall(table.insert, failing({1, 2, 3}, function(k, v) return k == 3 end), 1, 0))
print(pcall(table.move, {1, 2, 3}, 1, 3, 2, failing({}, function(k) return k == 3 end)))
local inner = {1, 2, 3, 4}
print(pcall(table.move, failing(inner, function(k) return k == 4 end), 1, 3, 2))
print(pcall(table.move, setmetatable({}, {__index = function(_, k) if k == 2 then error("no read 2", 0) end return k end}), 1, 3, 2, {}))
local src = setmetatable({}, {__index = function(_, k) if k == 3 then error("no read 3", 0) end return k end, __newindex = rawset})
print(pcall(table.move, src, 1, 3, 2))`,
		"false\tno write 3=nil\nfalse\tno write 2=3\nfalse\tno write 3=2\nfalse\tno write 3=2\nfalse\tno write 4=3\nfalse\tno read 2\nfalse\tno read 3\n", ""},
}

func TestTableLibrary(t *testing.T) {
	for _, tc := range tableCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := runLua(t, tc.src, vm.Options{})
			if err != nil {
				t.Fatalf("unexpected error: %v\nstdout so far:\n%s", err, got)
			}
			testutil.EqualText(t, "stdout", got, tc.stdout)
		})
	}
}

// TestTableCasesReference checks tableCases' expectations against lua5.4.
func TestTableCasesReference(t *testing.T) {
	lua := testutil.ReferenceForTest(t)
	for _, tc := range tableCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.CommandContext(context.Background(), lua, "-")
			cmd.Stdin = strings.NewReader(tc.src)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Fatalf("lua5.4: %v\n%s", err, errb.String())
			}
			testutil.EqualText(t, "lua5.4 stdout", out.String(), tc.stdout)
			testutil.EqualText(t, "lua5.4 stderr", errb.String(), tc.stderr)
		})
	}
}
