package compat51_test

import (
	"bytes"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/compat51"
	"github.com/tidelua/tide/internal/stdlib/coroutine"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/stdlib/math"
	lstring "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func run(t *testing.T, src string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	st := vm.NewState(vm.Options{Stdout: &out, LuaJIT: true, MaxInstructions: 1e7})
	base.Open(st)
	loadlib.Open(st)
	table.Open(st)
	lstring.Open(st)
	math.Open(st)
	coroutine.Open(st)
	compat51.Open(st)
	fn, err := st.Load([]byte(src), "=test", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), err
}

// The expected outputs are LuaJIT 2.1's. Functions called through pcall
// are named '?' in messages here, as in LuaJIT, because this State has no
// package.loaded entries for the libraries, where tide looks names up.
func TestCompat51(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, src, want string }{
		{"unpack", `print(unpack({1, 2, 3}, 2), unpack == table.unpack)`, "2\ttrue\n"},
		{"loadstring", `print(loadstring("return 1 + ...")(41), loadstring("return +"), loadstring("return ...", "=n")(4))`,
			"42\tnil\t4\n"},
		{"loadstring error", `print(select(2, loadstring("return +", "=chunk")))`, "chunk:1: unexpected symbol near '+'\n"},
		{"getn maxn", `print(table.getn({1, 2, 3}), table.maxn({1, 2, [10] = 3, [2.5] = 1, x = 2}), table.maxn({}), table.maxn({[1.5] = true}), pcall(table.getn))`,
			"3\t10\t0\t1.5\tfalse\tbad argument #1 to '?' (table expected, got no value)\n"},
		{"foreach", `table.foreachi({"a", "b"}, print) print(table.foreach({x = 1}, function(k, v) return k .. v end), pcall(table.foreach, {}))`,
			"1\ta\n2\tb\nx1\tfalse\tbad argument #2 to '?' (function expected, got no value)\n"},
		{"getfenv", `local function f() return x end print(getfenv(f) == _G, getfenv() == _G, getfenv(0) == _G, getfenv(print) == _G, pcall(getfenv, 50))`,
			"true\ttrue\ttrue\ttrue\tfalse\tbad argument #1 to '?' (invalid level)\n"},
		{"setfenv function", `x = "g" local function f() return x end local function g() return x end
			local e = {x = "e"} print(setfenv(f, e) == f, f(), g(), getfenv(f) == e)`, "true\te\tg\ttrue\n"},
		{"setfenv level", `local function h() setfenv(1, {x = "level", print = print}) print(x) end h() print(x)`, "level\nnil\n"},
		{"setfenv errors", `print(pcall(setfenv, print, {})) print(pcall(setfenv, 1)) print(pcall(setfenv, 0, {})) print(pcall(setfenv, 0, _G))`,
			"false\t'setfenv' cannot change environment of given object\nfalse\tbad argument #2 to '?' (table expected, got no value)\n" +
				"false\t'setfenv' cannot change the thread's environment (level 0) in tide\ntrue\n"},
		{"setfenv function without globals", `local function k() return 1 end print(setfenv(k, {}) == k, getfenv(k) == _G, k())`, "true\ttrue\t1\n"},
		{"module", `package.preload["m.sub"] = function(...) module(..., package.seeall) function hi() return _NAME .. "|" .. _PACKAGE end end
			local m = require "m.sub" print(m.hi(), m._M == m, m == m.sub, hi, package.loaded["m.sub"] == m)`,
			"m.sub|m.\ttrue\tfalse\tnil\ttrue\n"},
		{"module errors", `print(pcall(module)) print(pcall(module, "a.b")) c = 1 print(pcall(function() module("c.d") end))`,
			"false\tbad argument #1 to '?' (string expected, got no value)\nfalse\t'module' not called from a Lua function\nfalse\ttest:1: name conflict for module 'c.d'\n"},
		{"newproxy", `local p = newproxy(true) print(type(p), type(getmetatable(p)), getmetatable(newproxy(p)) == getmetatable(p), getmetatable(newproxy()), pcall(newproxy, 1))`,
			"userdata\ttable\ttrue\tnil\tfalse\tbad argument #1 to '?' (boolean or proxy expected)\n"},
		{"table.new clear", `local t = require("table.new")(4, 4) t[1] = 1 t.x = 1 require("table.clear")(t) print(next(t), require("table.new")(-1, 1e12) ~= nil)`,
			"nil\ttrue\n"},
		{"float string arguments", `print(string.len(10/2), string.rep(2.0, 2, 1.0), ("x"):gsub("x", 3.0), string.upper(1e15), string.format(5.0), table.concat({1, 2}, 0.0), ("5.0"):find(5.0))`,
			"1\t212\t3\t1E+15\t5\t102\t1\t1\n"},
		{"gcinfo and running", `print(math.type(gcinfo()), gcinfo() > 0, coroutine.running(), coroutine.wrap(function() return select("#", coroutine.running()), type(coroutine.running()) end)())`,
			"integer\ttrue\tnil\t1\tthread\n"},
		{"loaders", `print(package.loaders == package.searchers)`, "true\n"},
		{"truncated integer arguments", `print(("abcdef"):sub(1.5, 3.9), ("x"):rep(2.9), string.format("%d|%x", -3.7, 255.9), (select(1.5, "a", "b")), pcall(string.rep, "x", 1e300))`,
			"abc\txx\t-3|ff\ta\tfalse\tbad argument #2 to '?' (number has no integer representation)\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, tc.src)
			if err != nil {
				t.Fatalf("error: %v\noutput: %s", err, got)
			}
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
