package base_test

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/testutil"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// result is what running a chunk produced.
type result struct {
	stdout, stderr string
	err            error         // error escaping the chunk
	rets           []value.Value // the chunk's return values
}

// runLua runs src as the chunk "=stdin" (the name lua5.4 gives a script
// read from standard input) in a fresh State with only the base library
// open.
func runLua(t *testing.T, src string, opts vm.Options) result {
	t.Helper()
	var out, errb bytes.Buffer
	opts.Stdout, opts.Stderr = &out, &errb
	st := vm.NewState(opts)
	base.Open(st)
	fn, err := st.Load([]byte(src), "=stdin", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	rets, err := st.Main().Call(fn)
	return result{stdout: out.String(), stderr: errb.String(), err: err, rets: rets}
}

// baseCases are snippets that use only the base library, with the
// standard output and error lua5.4 gives for them when run as "lua5.4 -"
// (TestBaseCasesReference checks these expectations against lua5.4).
var baseCases = []struct {
	name, src, stdout, stderr string
}{
	{"print values",
		`print(1, 2.5, "x", nil, true, false, 7//2, 7/2, 1e100, -0.0, 2^63, 1/0, -1/0, 1e15, 2^53, 0x10, -7 // 0.0)`,
		"1\t2.5\tx\tnil\ttrue\tfalse\t3\t3.5\t1e+100\t-0.0\t9.2233720368548e+18\tinf\t-inf\t1e+15\t9.007199254741e+15\t16\t-inf\n", ""},
	{"print empty",
		`print() print("") print("a\0b")`,
		"\n\na\x00b\n", ""},
	{"print __tostring",
		`local t = setmetatable({}, {__tostring = function(s) return "T!" end}) print(t, 1) print(tostring(t))`,
		"T!\t1\nT!\n", ""},
	{"print __tostring error",
		`local t = setmetatable({}, {__tostring = function() error("inner") end}) print(pcall(print, t))`,
		"false\tstdin:1: inner\n", ""},
	{"tostring bad __tostring",
		`local t = setmetatable({}, {__tostring = function() return {} end}) print(pcall(tostring, t))`,
		"false\t'__tostring' must return a string\n", ""},
	{"tostring number result",
		`local t = setmetatable({}, {__tostring = function() return 42 end}) print(tostring(t), type(tostring(t)))`,
		"42\tstring\n", ""},
	{"tostring scalars",
		`print(tostring(nil), tostring(true), tostring(false), tostring(-0.0), tostring(1e15), tostring(1e16), tostring(123456789012), tostring(-2^63), tostring("s"))`,
		"nil\ttrue\tfalse\t-0.0\t1e+15\t1e+16\t123456789012\t-9.2233720368548e+18\ts\n", ""},
	{"tostring none",
		`print(pcall(tostring))`,
		"false\tbad argument #1 to 'tostring' (value expected)\n", ""},
	{"tostring types",
		`print(type(tostring({})), type(tostring(print)), tostring(print) ~= tostring(type))`,
		"string\tstring\ttrue\n", ""},
	{"tonumber plain",
		`print(tonumber("10"), tonumber("  10  "), tonumber("1e1"), tonumber("0x1p4"), tonumber("0x10"), tonumber("1.0"), tonumber(".5"), tonumber("5."), tonumber(3), tonumber(3.5))`,
		"10\t10\t10.0\t16.0\t16\t1.0\t0.5\t5.0\t3\t3.5\n", ""},
	{"tonumber fail",
		`print(tonumber(""), tonumber(" "), tonumber("0x"), tonumber("1 2"), tonumber("inf"), tonumber("nan"), tonumber(true), tonumber(nil), tonumber({}), tonumber("1e"), tonumber("--1"))`,
		"nil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\n", ""},
	{"tonumber big",
		`print(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775808"), tonumber("0xffffffffffffffff"), tonumber("0x7fffffffffffffffff"))`,
		"9223372036854775807\t9.2233720368548e+18\t-9223372036854775808\t-1\t-1\n", ""},
	{"tonumber base",
		`print(tonumber("10", 16), tonumber("zz", 36), tonumber("ZZ", 36), tonumber("-10", 2), tonumber("  +11  ", 3), tonumber("777", 8), tonumber("ff", "16"), tonumber("10", 16.0), tonumber("10", nil))`,
		"16\t1295\t1295\t-2\t4\t511\t255\t16\t10\n", ""},
	{"tonumber base fail",
		`print(tonumber("2", 2), tonumber("1.5", 10), tonumber("", 10), tonumber(" ", 10), tonumber("1 1", 10), tonumber("0x10", 16), tonumber("-", 10), tonumber("g", 16))`,
		"nil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\n", ""},
	{"tonumber base wrap",
		`print(tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16), tonumber("8000000000000000", 16), tonumber("-8000000000000000", 16))`,
		"-1\t0\t-9223372036854775808\t-9223372036854775808\n", ""},
	{"tonumber errors",
		`print(pcall(tonumber)) print(pcall(tonumber, 10, 16)) print(pcall(tonumber, "10", 1)) print(pcall(tonumber, "10", 37)) print(pcall(tonumber, "10", 2.5)) print(pcall(tonumber, "10", "x")) print(pcall(tonumber, nil, 10))`,
		"false\tbad argument #1 to 'tonumber' (value expected)\nfalse\tbad argument #1 to 'tonumber' (string expected, got number)\nfalse\tbad argument #2 to 'tonumber' (base out of range)\nfalse\tbad argument #2 to 'tonumber' (base out of range)\nfalse\tbad argument #2 to 'tonumber' (number has no integer representation)\nfalse\tbad argument #2 to 'tonumber' (number expected, got string)\nfalse\tbad argument #1 to 'tonumber' (string expected, got nil)\n", ""},
	{"select count",
		`print(select("#"), select("#", nil, nil), select("#", 1, nil, 3, nil), select("#x", 1))`,
		"0\t2\t4\t1\n", ""},
	{"select index",
		`print(select(2, "a", "b", "c")) print(select(-1, "a", "b", "c")) print(select(-3, "a", "b", "c")) print(select(3, "a", "b", "c")) print(select(4, "a", "b", "c")) print(select(9, "a")) print(select("2", "a", "b")) print(select(2.0, "a", "b"))`,
		"b\tc\nc\na\tb\tc\nc\n\n\nb\nb\n", ""},
	{"select errors",
		`print(pcall(select, 0)) print(pcall(select, -2, 1)) print(pcall(select, "x")) print(pcall(select)) print(pcall(select, 1.5, 1)) print(pcall(select, {}))`,
		"false\tbad argument #1 to 'select' (index out of range)\nfalse\tbad argument #1 to 'select' (index out of range)\nfalse\tbad argument #1 to 'select' (number expected, got string)\nfalse\tbad argument #1 to 'select' (number expected, got no value)\nfalse\tbad argument #1 to 'select' (number has no integer representation)\nfalse\tbad argument #1 to 'select' (number expected, got table)\n", ""},
	{"rawget",
		`local t = setmetatable({1, x = "raw"}, {__index = function(_, k) return "meta " .. tostring(k) end}) print(t.y, rawget(t, "y"), rawget(t, "x"), rawget(t, 1), rawget(t, 1.0), rawget(t, 2))`,
		"meta y\tnil\traw\t1\t1\tnil\n", ""},
	{"rawget errors",
		`print(pcall(rawget, 1, 1)) print(pcall(rawget, {})) print(pcall(rawget)) print(pcall(rawget, "s", 1))`,
		"false\tbad argument #1 to 'rawget' (table expected, got number)\nfalse\tbad argument #2 to 'rawget' (value expected)\nfalse\tbad argument #1 to 'rawget' (table expected, got no value)\nfalse\tbad argument #1 to 'rawget' (table expected, got string)\n", ""},
	{"rawset",
		`local log = {} local t = setmetatable({}, {__newindex = function(t, k, v) log[#log+1] = k end}) t.a = 1 print(rawset(t, "b", 2) == t, t.a, t.b, #log, log[1]) rawset(t, 1.0, "one") print(rawget(t, 1)) rawset(t, "b", nil) print(t.b)`,
		"true\tnil\t2\t1\ta\none\nnil\n", ""},
	{"rawset errors",
		`print(pcall(rawset, {}, nil, 1)) print(pcall(rawset, {}, 0/0, 1)) print(pcall(rawset, {}, 1)) print(pcall(rawset, {})) print(pcall(rawset, 1, 1, 1)) print(pcall(rawset))`,
		"false\ttable index is nil\nfalse\ttable index is NaN\nfalse\tbad argument #3 to 'rawset' (value expected)\nfalse\tbad argument #2 to 'rawset' (value expected)\nfalse\tbad argument #1 to 'rawset' (table expected, got number)\nfalse\tbad argument #1 to 'rawset' (table expected, got no value)\n", ""},
	{"rawequal",
		`local mt = {__eq = function() return true end} local a, b = setmetatable({}, mt), setmetatable({}, mt) print(a == b, rawequal(a, b), rawequal(a, a), rawequal(1, 1.0), rawequal("a", "a"), rawequal(nil, false), rawequal(nil, nil), rawequal(0, -0))`,
		"true\tfalse\ttrue\ttrue\ttrue\tfalse\ttrue\ttrue\n", ""},
	{"rawequal errors",
		`print(pcall(rawequal)) print(pcall(rawequal, 1))`,
		"false\tbad argument #1 to 'rawequal' (value expected)\nfalse\tbad argument #2 to 'rawequal' (value expected)\n", ""},
	{"rawlen",
		`local t = setmetatable({1, 2, 3}, {__len = function() return 99 end}) print(#t, rawlen(t), rawlen("abcd"), rawlen(""), rawlen({}))`,
		"99\t3\t4\t0\t0\n", ""},
	{"rawlen errors",
		`print(pcall(rawlen, 5)) print(pcall(rawlen)) print(pcall(rawlen, nil)) print(pcall(rawlen, true))`,
		"false\tbad argument #1 to 'rawlen' (table or string expected, got number)\nfalse\tbad argument #1 to 'rawlen' (table or string expected, got no value)\nfalse\tbad argument #1 to 'rawlen' (table or string expected, got nil)\nfalse\tbad argument #1 to 'rawlen' (table or string expected, got boolean)\n", ""},
	{"setmetatable",
		`local t = {} local mt = {} print(setmetatable(t, mt) == t, getmetatable(t) == mt, setmetatable(t, nil) == t, getmetatable(t))`,
		"true\ttrue\ttrue\tnil\n", ""},
	{"setmetatable errors",
		`print(pcall(setmetatable, 1, {})) print(pcall(setmetatable, {}, 1)) print(pcall(setmetatable, {})) print(pcall(setmetatable)) print(pcall(setmetatable, {}, true))`,
		"false\tbad argument #1 to 'setmetatable' (table expected, got number)\nfalse\tbad argument #2 to 'setmetatable' (nil or table expected, got number)\nfalse\tbad argument #2 to 'setmetatable' (nil or table expected, got no value)\nfalse\tbad argument #1 to 'setmetatable' (table expected, got no value)\nfalse\tbad argument #2 to 'setmetatable' (nil or table expected, got boolean)\n", ""},
	{"__metatable",
		`local t = setmetatable({}, {__metatable = "locked"}) print(getmetatable(t)) print(pcall(setmetatable, t, {})) print(pcall(setmetatable, t, nil)) print(getmetatable(t))
local f = setmetatable({}, {__metatable = false}) print(getmetatable(f)) print(pcall(setmetatable, f, {}))`,
		"locked\nfalse\tcannot change a protected metatable\nfalse\tcannot change a protected metatable\nlocked\nfalse\nfalse\tcannot change a protected metatable\n", ""},
	{"getmetatable",
		`print(getmetatable({}), getmetatable(1), getmetatable(nil), getmetatable(true), getmetatable(print)) print(pcall(getmetatable))`,
		"nil\tnil\tnil\tnil\tnil\nfalse\tbad argument #1 to 'getmetatable' (value expected)\n", ""},
	{"assert",
		`print(assert(1, 2, 3)) print(assert(true)) print(select("#", assert(0, nil, nil)))`,
		"1\t2\t3\ntrue\n3\n", ""},
	{"assert errors",
		`print(pcall(assert, false)) print(pcall(assert, nil, "msg")) print(pcall(assert, false, 42)) print(pcall(assert)) print(select(2, pcall(assert, false, {})) ~= nil) print(pcall(function() assert(false) end)) print(pcall(function() assert(nil, "m2") end)) print(pcall(function() local x = assert(false, nil) end))`,
		"false\tassertion failed!\nfalse\tmsg\nfalse\t42\nfalse\tbad argument #1 to 'assert' (value expected)\ntrue\nfalse\tstdin:1: assertion failed!\nfalse\tstdin:1: m2\nfalse\tnil\n", ""},
	{"ipairs",
		`local t = {10, 20, nil, 40} for i, v in ipairs(t) do print(i, v) end for i, v in ipairs({}) do print("never") end`,
		"1\t10\n2\t20\n", ""},
	{"ipairs __index",
		`local p = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * i end end}) for i, v in ipairs(p) do print(i, v) end local q = setmetatable({1}, {__index = {nil, 2, 3}}) for i, v in ipairs(q) do print(i, v) end`,
		"1\t1\n2\t4\n3\t9\n1\t1\n2\t2\n3\t3\n", ""},
	{"ipairs returns",
		`local f, s, i = ipairs({}) print(type(f), type(s), i) print(f({5}, 0)) print(f({5}, 1)) print(pcall(f, {}, "x"))`,
		"function\ttable\t0\n1\t5\nnil\nfalse\tbad argument #2 to '?' (number expected, got string)\n", ""},
	{"ipairs errors",
		`print(pcall(ipairs)) print(pcall(function() for i, v in ipairs(nil) do end end)) print(pcall(function() for i, v in ipairs(5) do end end))`,
		"false\tbad argument #1 to 'ipairs' (value expected)\nfalse\tattempt to index a nil value\nfalse\tattempt to index a number value\n", ""},
	{"pairs",
		`local t = {1, 2, 3} local n = 0 for k, v in pairs(t) do n = n + k * v end print(n) local f, s, k = pairs(t) print(f == next, s == t, k)`,
		"14\ntrue\ttrue\tnil\n", ""},
	{"pairs __pairs",
		`local t = setmetatable({}, {__pairs = function(self) return function(_, k) if not k then return 1, "one" elseif k < 3 then return k + 1, "more" end end, self, nil end}) for k, v in pairs(t) do print(k, v) end
print(select("#", pairs(setmetatable({}, {__pairs = function() return 1, 2, 3, 4, 5 end}))))
print(pairs(setmetatable({}, {__pairs = function() return 1 end})))`,
		"1\tone\n2\tmore\n3\tmore\n3\n1\tnil\tnil\n", ""},
	{"pairs errors",
		`print(pcall(pairs)) print(pcall(function() for k in pairs(nil) do end end)) print(pcall(pairs, setmetatable({}, {__pairs = function() error("from __pairs") end})))`,
		"false\tbad argument #1 to 'pairs' (value expected)\nfalse\tstdin:1: bad argument #1 to 'for iterator' (table expected, got nil)\nfalse\tstdin:1: from __pairs\n", ""},
	{"next",
		`print(next({})) print(next({}, nil)) print(next({10})) print(next({10}, 1)) local t = {a = 1} print(next(t)) print(next(t, "a"))`,
		"nil\nnil\n1\t10\nnil\na\t1\nnil\n", ""},
	{"next errors",
		`print(pcall(next)) print(pcall(next, 1)) print(pcall(next, {}, "nokey")) print(pcall(next, {1}, 2))`,
		"false\tbad argument #1 to 'next' (table expected, got no value)\nfalse\tbad argument #1 to 'next' (table expected, got number)\nfalse\tinvalid key to 'next'\nfalse\tinvalid key to 'next'\n", ""},
	{"type",
		`print(type(nil), type(1), type("x"), type({}), type(print), type(true), type(2.5)) print(pcall(type))`,
		"nil\tnumber\tstring\ttable\tfunction\tboolean\tnumber\nfalse\tbad argument #1 to 'type' (value expected)\n", ""},
	{"collectgarbage options",
		`print(type(collectgarbage("count")), collectgarbage("count") > 0) print(collectgarbage("isrunning")) print(collectgarbage("incremental")) print(collectgarbage("incremental")) print(collectgarbage("generational")) print(collectgarbage("generational")) print(collectgarbage("incremental", 0, 0, 0))`,
		"number\ttrue\ntrue\ngenerational\nincremental\nincremental\ngenerational\ngenerational\n", ""},
	{"collectgarbage errors",
		`print(pcall(collectgarbage, "foo")) print(pcall(collectgarbage, "")) print(pcall(collectgarbage, {})) print(pcall(collectgarbage, "incremental", "x"))`,
		"false\tbad argument #1 to 'collectgarbage' (invalid option 'foo')\nfalse\tbad argument #1 to 'collectgarbage' (invalid option '')\nfalse\tbad argument #1 to 'collectgarbage' (string expected, got table)\nfalse\tbad argument #2 to 'collectgarbage' (number expected, got string)\n", ""},
	{"warn",
		`warn("not shown") warn("@on") warn("shown ", 1, " ", 2.5) warn("@unknown") warn("@on", "x") warn("a", "@off") warn("@off") warn("hidden") warn("@on") warn("back")`,
		"", "Lua warning: shown 1 2.5\nLua warning: @onx\nLua warning: a@off\nLua warning: back\n"},
	{"warn errors",
		`print(pcall(warn)) print(pcall(warn, {})) print(pcall(warn, "a", {})) print(pcall(warn, "a", nil)) print(pcall(warn, nil))`,
		"false\tbad argument #1 to 'warn' (string expected, got no value)\nfalse\tbad argument #1 to 'warn' (string expected, got table)\nfalse\tbad argument #2 to 'warn' (string expected, got table)\nfalse\tbad argument #2 to 'warn' (string expected, got nil)\nfalse\tbad argument #1 to 'warn' (string expected, got nil)\n", ""},
	{"version",
		`print(_VERSION, _G._G == _G, _G.print == print, _G._VERSION)`,
		"Lua 5.4\ttrue\ttrue\tLua 5.4\n", ""},
	{"error and pcall",
		`print(pcall(error, "m")) print(pcall(error, "m", 0)) print(pcall(function() error("lvl1") end)) print(pcall(function() error("lvl2", 2) end)) print(pcall(error)) print(type(select(2, pcall(error, {})))) print(select("#", pcall(error)))`,
		"false\tm\nfalse\tm\nfalse\tstdin:1: lvl1\nfalse\tlvl2\nfalse\tnil\ntable\n2\n", ""},
	{"xpcall",
		`print(xpcall(function(a, b) return a + b end, print, 1, 2)) print(xpcall(function() error("e") end, function(m) return "handled: " .. m end)) print(pcall(xpcall)) print(pcall(xpcall, print))`,
		"true\t3\nfalse\thandled: stdin:1: e\nfalse\tbad argument #2 to 'xpcall' (function expected, got no value)\nfalse\tbad argument #2 to 'xpcall' (function expected, got no value)\n", ""},
	{"load string",
		`print(load("return 1 + 1")()) local f, err = load("return +") print(f, err) print(load("x = ", "=mychunk")) print(load("syntax error here", "@file.lua")) print(load("return ...", "c")(7, 8))`,
		"2\nnil\t[string \"return +\"]:1: unexpected symbol near '+'\nnil\tmychunk:1: unexpected symbol near <eof>\nnil\tfile.lua:1: syntax error near 'error'\n7\t8\n", ""},
	{"load modes",
		`print(load("return 1", "c", "t")()) print(load("return 1", "c", "b")) print(load("return 1", "c", "bt")()) print(pcall(load, "return 1", "c", {}))`,
		"1\nnil\tattempt to load a text chunk (mode is 'b')\n1\nfalse\tbad argument #3 to 'load' (string expected, got table)\n", ""},
	{"load env",
		`local f = load("x = 5 return y", "c", "t", {y = "from env"}) print(f(), x) local g = load("return print", "c", "t", nil) print(pcall(g)) print(load("return 2", nil, nil, {})())`,
		"from env\tnil\nfalse\t[string \"c\"]:1: attempt to index a nil value (upvalue '_ENV')\n2\n", ""},
	{"load reader",
		`local parts = {"return ", "1 ", "+ 41"} local i = 0 print(load(function() i = i + 1 return parts[i] end)()) local j = 0 print(load(function() j = j + 1 if j == 1 then return "return 'ab'" end return "" end)())
print(pcall(load, function() return {} end)) print(pcall(load, function() error("reader failed") end)) print(type(load(function() return nil end))) local k = 0 print(load(function() k = k + 1 if k == 1 then return "return " elseif k == 2 then return 12 end end)())`,
		"42\nab\ntrue\tnil\treader function must return a string\ntrue\tnil\tstdin:2: reader failed\nfunction\n12\n", ""},
	{"load errors",
		`print(pcall(load)) print(pcall(load, 1)) print(pcall(load, {})) print(pcall(load, "return 1", {})) print(load(12)) print(type(load("return 1", 12))) print(type(load("error('x')", "=named"))) print(pcall(load("error('x')", "=named")))`,
		"false\tbad argument #1 to 'load' (function expected, got no value)\ntrue\tnil\t[string \"1\"]:1: unexpected symbol near '1'\nfalse\tbad argument #1 to 'load' (function expected, got table)\nfalse\tbad argument #2 to 'load' (string expected, got table)\nnil\t[string \"12\"]:1: unexpected symbol near '12'\nfunction\nfunction\nfalse\tnamed:1: x\n", ""},
	{"loadfile missing",
		`print(loadfile("/nonexistent/dir/file.lua")) print(pcall(dofile, "/nonexistent/dir/file.lua")) print(pcall(loadfile, {}))`,
		"nil\tcannot open /nonexistent/dir/file.lua: No such file or directory\nfalse\tcannot open /nonexistent/dir/file.lua: No such file or directory\nfalse\tbad argument #1 to 'loadfile' (string expected, got table)\n", ""},
}

func TestBaseLibrary(t *testing.T) {
	for _, tc := range baseCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runLua(t, tc.src, vm.Options{})
			if r.err != nil {
				t.Fatalf("unexpected error: %v\nstdout so far:\n%s", r.err, r.stdout)
			}
			testutil.EqualText(t, "stdout", r.stdout, tc.stdout)
			testutil.EqualText(t, "stderr", r.stderr, tc.stderr)
		})
	}
}

// TestBaseCasesReference runs the snippets of baseCases under lua5.4 and
// checks that their expectations are still its output.
func TestBaseCasesReference(t *testing.T) {
	lua := testutil.ReferenceForTest(t)
	for _, tc := range baseCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.CommandContext(context.Background(), lua, "-")
			cmd.Stdin = strings.NewReader(tc.src)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Fatalf("lua5.4: %v\n%s", err, errb.String())
			}
			got := out.String()
			if strings.Contains(got, ": 0x") {
				t.Fatalf("output shows an address, the case is not deterministic:\n%s", got)
			}
			testutil.EqualText(t, "lua5.4 stdout", got, tc.stdout)
			testutil.EqualText(t, "lua5.4 stderr", errb.String(), tc.stderr)
		})
	}
}
