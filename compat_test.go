package tide_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

// runCompat runs src in a fresh State of the given mode and returns what
// it printed, and the error text if it failed.
func runCompat(t *testing.T, mode tide.Compat, sandbox bool, src string) (string, string) {
	t.Helper()
	return runCompatNamed(t, mode, sandbox, src, "=snippet")
}

func runCompatNamed(t *testing.T, mode tide.Compat, sandbox bool, src, chunkname string) (string, string) {
	t.Helper()
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out, Stderr: &out, Compat: mode, Sandbox: sandbox, MaxInstructions: 1e8})
	defer s.Close()
	if err := s.DoString(context.Background(), src, chunkname); err != nil {
		return out.String(), err.Error()
	}
	return out.String(), ""
}

// luajitSnippets are LuaJIT-style programs whose output tide in the luajit
// mode must reproduce exactly; TestLuaJITDifferential runs them under the
// luajit program too. They avoid what the modes leave different (see
// docs/luajit-compat.md) and the names LuaJIT gives functions in
// messages ('?').
var luajitSnippets = []struct{ name, src string }{
	{"numbers", `print(10/2, 2^53, 1e15, -0.0, 1/0, -1/0, 0/0, 123456789012345, 1e14, 1e100, 0.1, 1/3, 2^63, -2^63, 3, -7, 100000000000000)`},
	{"tostring and concat", `print(tostring(10/2), 10/2 .. "", "x" .. 2^53, 1.5 .. "|" .. 7)`},
	{"string.format %s", `print(string.format("%s %s %s %d %.3f", 10/2, 2^60, 7, 3, 1/3))`},
	{"table.concat", `print(table.concat({1, 2.0, 3.5, 2^53, "x"}, ","))`},
	{"io.write", `io.write(10/2, " ", 2.5, " ", 1e20, " ", 7, "\n")`},
	{"integer results of math", `print(math.floor(3.7), math.ceil(3.2), math.max(1, 2.5), math.fmod(5.5, 2), math.huge, -math.huge, math.abs(-4))`},
	{"unpack", `print(unpack({1, 2, 3})) print(unpack({1, 2, 3}, 2)) print(unpack({1, 2, 3}, 2, 3))`},
	{"loadstring", `local f = loadstring("return 1 + ...") print(f(41))
		local g, err = loadstring("return +") print(g, (err:gsub("^.-:", "")))
		print(loadstring("return ...", "=name")(4))`},
	{"table.getn maxn", `print(table.getn({1, 2, 3}), table.maxn({1, 2, [10] = 3, [2.5] = 1, x = 2}), table.maxn({}), table.maxn({[1.5] = true}))`},
	{"table.foreach", `table.foreachi({"a", "b", "c"}, print)
		print(table.foreachi({5, 6, 7}, function(i, v) if v == 6 then return i * 10 end end))
		print(table.foreach({x = 1}, function(k, v) return k .. v end))`},
	{"math 5.1", `print(math.pow(2, 10), math.log10(1000), math.ldexp(1.5, 3), math.frexp(12))
		print(math.frexp(0)) print(math.frexp(-0.5)) print(math.atan2(1, 1), math.cosh(0), math.sinh(0), math.tanh(0))`},
	{"bit", `print(bit.tobit(0xffffffff), bit.tobit(2^32 + 5), bit.tobit(1.5), bit.tobit(2.5), bit.tobit(-1.5), bit.tobit(2^60 + 3), bit.tobit(1/0), bit.tobit(0/0), bit.tobit("12"), bit.tobit(" 0x10 "))
		print(bit.tohex(255), bit.tohex(255, 2), bit.tohex(255, -4), bit.tohex(-1, 0), bit.tohex(-1, 12), bit.tohex(-1, -12), bit.tohex(0x12345678, 3), bit.tohex(1, 2^31))
		print(bit.band(0xff, 0x0f, 0x3), bit.bor(1), bit.bxor(5, 3, 1), bit.bnot(0), bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(1, 33))
		print(bit.rshift(-1, 28), bit.arshift(-256, 4), bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678), bit.lshift(1, -1))
		print(bit.band(-1, 2^31), bit.bor(2^31, 1), bit.bxor(0x80000000, -1), bit.arshift(0x80000000, 31), bit.rol(1, 33), bit.ror(1, -1))
		print(require("bit") == bit, (pcall(bit.band)), (pcall(bit.band, "x")), (pcall(bit.tohex, 1, "x")))`},
	{"bit hash", `local h = 5381
		for c in ("hello world"):gmatch(".") do h = bit.band(bit.lshift(h, 5) + h + c:byte(), 0xffffffff) end
		print(h, bit.tohex(h))`},
	{"getfenv setfenv", `x = "global"
		local function f() return x end
		print(getfenv(f) == _G, getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G, getfenv(print) == _G)
		local env = {x = "env"}
		print(setfenv(f, env) == f, f(), getfenv(f) == env, x)
		local function g() return x end
		print(g())
		local function h() setfenv(1, {x = "level", print = print}) print(x) end
		h() print(x)
		print((pcall(setfenv, print, {})), (pcall(setfenv, 1)), (pcall(getfenv, 50)), (pcall(getfenv, -1)))
		print(select(2, pcall(setfenv, print, {})), getfenv(2) == _G, (pcall(getfenv, 3)), (pcall(getfenv, 4)))`},
	{"setfenv sandbox", `local code = loadstring("y = 1 return z")
		local env = {z = 42}
		setfenv(code, env)
		print(code(), env.y, y)`},
	{"module", `package.preload["m.sub"] = function(...)
			module(..., package.seeall)
			local hidden = 1
			function hello() return "hello from " .. _NAME .. " " .. tostring(_PACKAGE) end
			value = 10/2
		end
		local m = require("m.sub")
		print(m.hello(), m.value, m._M == m, m.sub, package.loaded["m.sub"] == m, hello, value, m == m.sub)
		print(type(package.loaders), #package.loaders > 0)
		local print, G = print, _G
		module("plain")
		x = 5
		print(G.plain.x, G.x, _NAME, _M == G.plain)`},
	{"module errors", `print((pcall(module))) print(pcall(module, "a.b.c")) print(type(a.b.c), package.loaded["a.b.c"] == a.b.c, a.b.c._NAME)
		c = 1 print(select(2, pcall(function() module("c.d") end)))`},
	{"newproxy", `local p = newproxy(true) print(type(p), type(getmetatable(p)))
		local q = newproxy(p) print(getmetatable(q) == getmetatable(p), getmetatable(newproxy()))`},
	{"table.new clear", `local new = require "table.new" local clear = require "table.clear"
		local t = new(10, 4) t[1] = 1 t.x = 2 print(#t, t.x)
		local mt = {} setmetatable(t, mt) clear(t) print(next(t), getmetatable(t) == mt)`},
	{"integer arguments truncate", `print(string.format("%d %d %x", 3.7, -3.7, 255.9), ("abcdef"):sub(1.5, 3.9), ("x"):rep(2.9), string.char(65.9), ("abc"):byte(1.9), select(1.5, "a", "b"))
		local t = {1, 2, 3} table.insert(t, 1.5, "x") print(table.concat(t, ","), table.concat({1, 2, 3}, ",", 1.5, 2.5), unpack({1, 2, 3}, 1.5, 2.5))
		local s = "hello" print(s:sub(1, #s / 2), string.format("%d", "3.7"), string.format("%5.1f|%d", 2.5, 7.9), (pcall(string.rep)))`},
	{"float string arguments", `print(string.len(10/2), string.rep(2.0, 2, 1.0), ("x"):gsub("x", 3.0), string.upper(1e15), string.format(5.0), table.concat({1, 2}, 0.0), ("5.0"):find(5.0))`},
	{"varargs", `local function f(...) return select("#", ...), ... end print(f(1, nil, 3))
		print(string.format("%5.1f|%-5d|%x", 3.14159, 42, 255), ("%q"):format("a\nb"))`},
	{"closures", `local t = {} for i = 1, 3 do t[i] = function() return i * 1.0 end end print(t[1](), t[2](), t[3]())`},
	{"coroutines", `local co = coroutine.wrap(function(a) local b = coroutine.yield(a / 2) return b * 2 end)
		print(co(10), co(2.5))`},
	{"string functions", `print(("hello"):rep(2, ","), ("%d items"):format(3), ("a,b,c"):gsub(",", ";"), ("x"):byte(), #"abc")
		print(string.find("hello world", "o w"), string.match("key=val", "(%w+)=(%w+)"))`},
	{"tostring integers", `print(7 / 2 * 2, 2^31, 3 % -2, 5.5 % 2, 1e300 * 1e10, -(0/0), 12345678901234.5, 123456789012355, -123456789012345, 1234567890123.25)`},
	{"pcall error values", `print(select(2, pcall(error, {code = 1})).code) print(select(2, pcall(error, "msg", 0)), select(2, pcall(error, 42)))`},
	{"sort and ipairs", `local t = {5, 2, 8, 1} table.sort(t) for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
		table.sort(t, function(a, b) return a > b end) print(table.concat(t, " "))`},
	{"number formatting sweep", `local out = {}
		for i = 1, 3000 do
			local x = (i * 7919 % 100003) / 7
			local e = i % 30
			for _ = 1, e do x = x * 10 end
			if i % 2 == 0 then for _ = 1, e do x = x / 100 end end
			out[#out + 1] = tostring(x)
			out[#out + 1] = tostring(i * 12345678901 + 0.5) .. "|" .. (i * 333333333333 + 5) .. "|" .. -(i * 1234567890123.25)
			out[#out + 1] = tostring(i / 1024 + 1e9) .. "|" .. (i * 1e-7) .. "|" .. (2^(i % 60) * 3)
		end
		print(table.concat(out, " "))`},
	{"arithmetic", `local n = 0 for i = 1, 10 do n = n + 0.5 end print(n, 7/2, math.floor(7/2), 2^10, 10 % 3, -7 % 3, 7 % -3, 5.5 % 2, 1e308 * 10, 1e16, 2^-1074, 100 / 3)
		print(math.sqrt(16), math.abs(-3), math.max(1, 2, 3.5), math.min(4, 2), math.huge > 1e308, 3 == 3.0, 0.1 + 0.2 == 0.3, 0.1 + 0.2)`},
	{"tonumber", `print(tonumber("0x10"), tonumber("10", 2), tonumber("  12  "), tonumber("1e2"), tonumber("abc"), tonumber("ff", 16), tonumber("z", 36), tonumber(""), tonumber("5."), tonumber(".5"), tonumber("1e"))`},
	{"string.format", `print(string.format("%5.2f|%g|%.14g|%5s|%-5s|%c|%o|%e|%i|%x|%X|%%", 3.14159, 1e20, 0.1, "a", "b", 65, 8, 12345.678, 42, 255, 255))
		print(string.format("%q", "a\0b\n\"c\""), string.format("%s %s %s", nil, true, {} ~= nil), string.format("%10.3s|", "abcdef"))`},
	{"strings", `print(("test"):upper(), ("TeSt"):lower(), #"héllo", ("abc"):reverse(), ("  trim  "):match("^%s*(.-)%s*$"), ("a,b,,c"):find(",,", 1, true))
		for w in ("one two three"):gmatch("%a+") do io.write(w, ";") end print()
		print(string.gsub("hello world", "(%w+)", "<%1>"), string.gsub("abc", "", "-"), ("x=1, y=2"):gsub("(%w+)=(%w+)", "%2=%1"))
		print(("%d%%"):format(50), ("abc"):byte(1, -1), string.char(72, 105), ("hello"):sub(-3), ("hello"):sub(2, -2), ("key: value"):match("(%w+):%s*(%w+)"))
		print(string.find("a.b", ".", 1, true), string.find("a+b", "+", 1, true), ("f(x)"):gsub("%((%w)%)", "[%1]"), ("CamelCase"):gsub("%u", function(c) return "_" .. c:lower() end))`},
	{"metatables", `local V = {} V.__index = V
		function V.new(x, y) return setmetatable({x = x, y = y}, V) end
		V.__add = function(a, b) return V.new(a.x + b.x, a.y + b.y) end
		V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
		V.__lt = function(a, b) return a.x < b.x end
		V.__le = function(a, b) return a.x <= b.x end
		V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
		V.__concat = function(a, b) return tostring(a) .. tostring(b) end
		V.__call = function(v, k) return v[k] end
		function V:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end
		local a, b = V.new(1, 2), V.new(3, 4.5)
		print(tostring(a + b), a == V.new(1, 2), a < b, a <= b, a .. b, a("x"), b:len(), V.new(3, 4):len())
		local log = {} local p = setmetatable({}, {__index = function(t, k) return k .. "!" end, __newindex = function(t, k, v) rawset(t, k, v * 2) end})
		p.x = 5 print(p.x, p.y, rawget(p, "y"), rawequal(p, p))`},
	{"closures and recursion", `local function counter() local n = 0 return function() n = n + 1 return n end end
		local c = counter() c() c() print(c())
		local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end print(fib(20), fib(20) / 2)
		local memo = setmetatable({}, {__mode = "k"}) print(type(memo))`},
	{"generators", `local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i / 2) end end) end
		for i, h in range(3) do io.write(i, ":", h, " ") end print()
		local co = coroutine.create(function() error("boom") end) print(coroutine.resume(co)) print(coroutine.status(co))
		print(coroutine.running(), type(gcinfo()), coroutine.wrap(function() return select("#", coroutine.running()), type(coroutine.running()) end)())`},
	{"errors", `print(pcall(error)) print(pcall(error, nil)) print(pcall(error, "x", 2))
		local ok, e = pcall(function() local t = nil return t.x end) print(ok, e:match("^errors?.-:(%d+):"))
		print(select("#", pcall(function() return 1, nil, 3 end)), select("#", nil, nil), next({}), type(nil), nil == false)`},
	{"table library", `local t = {5, 1, 4} table.insert(t, 2) table.insert(t, 1, 9) print(table.concat(t, " "), table.remove(t), table.remove(t, 1), table.concat(t, " "), #t)
		local words = {"pear", "Apple", "fig"} table.sort(words, function(a, b) return a:lower() < b:lower() end) print(table.concat(words, ","))
		print(select(-1, 1, 2, 3), select(2, "a", "b", "c"))
		local n = 0 for k, v in ipairs({1, 2, nil, 4}) do n = n + v end print(n)`},
	{"os and misc", `print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time({year = 2020, month = 1, day = 1, hour = 12}) ~= nil, type(os.clock()), tostring(nil), tostring(true))
		print(string.format("%s", 1e100), #tostring(12345.678), tostring(1/3 * 3))`},
}

// TestLuaJITMode checks the luajit mode on its own (no luajit needed):
// every snippet runs without error, and a few outputs are pinned.
func TestLuaJITMode(t *testing.T) {
	t.Parallel()
	for _, sn := range luajitSnippets {
		t.Run(sn.name, func(t *testing.T) {
			if out, err := runCompat(t, tide.CompatLuaJIT, false, sn.src); err != "" {
				t.Fatalf("error: %s\noutput: %s", err, out)
			}
		})
	}
	pinned := []struct{ name, src, want string }{
		{"print", `print(10/2, 2^53, 1e15, -0.0, 1/0, 0/0, 7, 3.5)`, "5\t9.007199254741e+15\t1e+15\t-0\tinf\tnan\t7\t3.5\n"},
		{"concat", `print(10/2 .. "", 2^63 .. "", 123456789012345 .. "", 123456789012344 .. "")`, "5\t9.2233720368548e+18\t1.2345678901235e+14\t1.2345678901234e+14\n"},
		{"format", `print(string.format("%s", 10/2))`, "5\n"},
		{"tostring", `print(tostring(1e15), tostring(-(0/0)))`, "1e+15\tnan\n"},
		{"table.concat", `print(table.concat({1.0, 2}, " "))`, "1 2\n"},
		{"globals", `print(unpack == table.unpack, type(loadstring), type(setfenv), type(getfenv), type(module), type(bit), type(table.getn), type(math.pow))`,
			"true\tfunction\tfunction\tfunction\tfunction\ttable\tfunction\tfunction\n"},
		{"setfenv per function", `local function a() return v end local function b() return v end
			setfenv(a, {v = 1}) print(a(), b())`, "1\tnil\n"},
	}
	for _, tc := range pinned {
		t.Run("pinned/"+tc.name, func(t *testing.T) {
			out, err := runCompat(t, tide.CompatLuaJIT, false, tc.src)
			if err != "" || out != tc.want {
				t.Errorf("got %q (error %q)\nwant %q", out, err, tc.want)
			}
		})
	}
}

// TestCompatLua54Unchanged checks that the default mode keeps lua5.4's
// behaviour: numbers print with ".0", no 5.1 globals, cjson and bit only
// through require.
func TestCompatLua54Unchanged(t *testing.T) {
	t.Parallel()
	src := `print(10/2, 10/2 .. "", string.format("%s", 2.0), table.concat({1.0}), unpack, loadstring, setfenv, module, bit, table.getn)
		print(require("cjson").encode({a = {}}), require("bit").band(3, 6), require("cjson.safe").decode("["))`
	want := "5.0\t5.0\t2.0\t1.0\tnil\tnil\tnil\tnil\tnil\tnil\n{\"a\":{}}\t2\tnil\tExpected value but found T_END at character 2\n"
	out, err := runCompat(t, tide.CompatLua54, false, src)
	if err != "" || out != want {
		t.Errorf("got %q (error %q)\nwant %q", out, err, want)
	}
}

// TestCompatSandbox checks that the luajit mode's functions are there in
// the sandbox, and that loadstring is the sandbox's text-only load.
func TestCompatSandbox(t *testing.T) {
	t.Parallel()
	src := `print(type(unpack), type(loadstring), type(setfenv), bit.band(6, 3), require("cjson").encode({1}), 10/2)
		print(loadstring(string.dump and "" or "\27Lua"))`
	out, err := runCompat(t, tide.CompatLuaJIT, true, src)
	if err != "" || !strings.HasPrefix(out, "function\tfunction\tfunction\t2\t[1]\t5\nnil\t") {
		t.Errorf("got %q (error %q)", out, err)
	}
}

func TestParseCompat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want tide.Compat
		ok   bool
	}{{"", tide.CompatLua54, true}, {"lua5.4", tide.CompatLua54, true}, {"5.4", tide.CompatLua54, true},
		{"luajit", tide.CompatLuaJIT, true}, {"5.1", tide.CompatLua54, false}, {"LuaJIT", tide.CompatLua54, false}} {
		got, err := tide.ParseCompat(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseCompat(%q) = %q, %v", tc.in, got, err)
		}
	}
	if tide.CompatLuaJIT.String() != "luajit" || tide.CompatLua54.String() != "lua5.4" {
		t.Error("Compat.String")
	}
	s := tide.NewState(tide.Options{Compat: tide.CompatLuaJIT})
	defer s.Close()
	if s.Compat() != tide.CompatLuaJIT {
		t.Error("State.Compat")
	}
}

// TestLuaJITDifferential runs luajitSnippets under the luajit program and
// under tide's luajit mode and compares the outputs. It is skipped when
// luajit is not installed (also under CI=true: .ci/run installs lua5.4
// only).
func TestLuaJITDifferential(t *testing.T) {
	luajit, err := exec.LookPath("luajit")
	if err != nil {
		t.Skip("luajit is not installed")
	}
	t.Parallel()
	dir := t.TempDir()
	for _, sn := range luajitSnippets {
		t.Run(sn.name, func(t *testing.T) {
			name := strings.ReplaceAll(sn.name, " ", "_") + ".lua"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(sn.src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(luajit, name)
			cmd.Dir = dir
			want, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("luajit: %v\n%s", err, want)
			}
			got, lerr := runCompatNamed(t, tide.CompatLuaJIT, false, sn.src, "@"+name)
			if lerr != "" {
				t.Fatalf("tide: %s\noutput: %s", lerr, got)
			}
			if got != string(want) {
				t.Errorf("tide:\n%s\nluajit:\n%s", got, want)
			}
		})
	}
}

// A State in the luajit language mode runs code written for OpenResty:
// numbers print as LuaJIT prints them, and the 5.1 globals, bit and
// cjson are there.
func ExampleCompat() {
	s := tide.NewState(tide.Options{Compat: tide.CompatLuaJIT})
	defer s.Close()
	err := s.DoString(context.Background(), `
		print(10/2, bit.band(6, 3), bit.tohex(255), unpack({1, 2}))
		local cjson = require "cjson"
		print(cjson.encode({list = cjson.empty_array}), cjson.encode("a/b"))
	`, "=example")
	if err != nil {
		panic(err)
	}
	// Output:
	// 5	2	000000ff	1	2
	// {"list":[]}	"a\/b"
}
