package vm

// Code generated from lua5.4 5.4.4 outputs; expectations are the reference's.

import "testing"

var errorCases = []struct{ src, want string }{
	{`local t = nil; print(pcall(function() return t.x end))`, "false\tt:1: attempt to index a nil value (upvalue 't')\n"},
	{`print(pcall(function() return undefinedglobal.x end))`, "false\tt:1: attempt to index a nil value (global 'undefinedglobal')\n"},
	{`print(pcall(function() local a = {} return a.b.c end))`, "false\tt:1: attempt to index a nil value (field 'b')\n"},
	{`print(pcall(function() local a = {} a.b.c = 1 end))`, "false\tt:1: attempt to index a nil value (field 'b')\n"},
	{`print(pcall(function() undefinedf() end))`, "false\tt:1: attempt to call a nil value (global 'undefinedf')\n"},
	{`print(pcall(function() local a = {} a.m() end))`, "false\tt:1: attempt to call a nil value (field 'm')\n"},
	{`print(pcall(function() local a = {} a:m() end))`, "false\tt:1: attempt to call a nil value (method 'm')\n"},
	{`print(pcall(function() local x; x() end))`, "false\tt:1: attempt to call a nil value (local 'x')\n"},
	{`print(pcall(function() ("abc")() end))`, "false\tt:1: attempt to call a string value (constant 'abc')\n"},
	{`local up; print(pcall(function() return up.x end))`, "false\tt:1: attempt to index a nil value (upvalue 'up')\n"},
	{`local up; print(pcall(function() up() end))`, "false\tt:1: attempt to call a nil value (upvalue 'up')\n"},
	{`print(pcall(function() local a; return a + 1 end))`, "false\tt:1: attempt to perform arithmetic on a nil value (local 'a')\n"},
	{`print(pcall(function() local a = {} return a.x + 1 end))`, "false\tt:1: attempt to perform arithmetic on a nil value (field 'x')\n"},
	{`print(pcall(function() local a = "abc" return a + 1 end))`, "false\tt:1: attempt to add a 'string' with a 'number'\n"},
	{`print(pcall(function() local a = {} return 1 - a end))`, "false\tt:1: attempt to perform arithmetic on a table value (local 'a')\n"},
	{`print(pcall(function() local a = 1.5 return a | 1 end))`, "false\tt:1: number (local 'a') has no integer representation\n"},
	{`print(pcall(function() local a = {} return a & 1 end))`, "false\tt:1: attempt to perform bitwise operation on a table value (local 'a')\n"},
	{`print(pcall(function() local a; return 1 < a end))`, "false\tt:1: attempt to compare number with nil\n"},
	{`print(pcall(function() return {} < {} end))`, "false\tt:1: attempt to compare two table values\n"},
	{`print(pcall(function() return {} <= 1 end))`, "false\tt:1: attempt to compare table with number\n"},
	{`print(pcall(function() local a; return a .. "x" end))`, "false\tt:1: attempt to concatenate a nil value (local 'a')\n"},
	{`print(pcall(function() local a = {}; return "x" .. a end))`, "false\tt:1: attempt to concatenate a table value (local 'a')\n"},
	{`print(pcall(function() local a; return #a end))`, "false\tt:1: attempt to get length of a nil value (local 'a')\n"},
	{`print(pcall(function() local a; return -a end))`, "false\tt:1: attempt to perform arithmetic on a nil value (local 'a')\n"},
	{`print(pcall(function() local a = {}; return ~a end))`, "false\tt:1: attempt to perform bitwise operation on a table value (local 'a')\n"},
	{`print(pcall(function() for i = 1, "x" do end end))`, "false\tt:1: bad 'for' limit (number expected, got string)\n"},
	{`print(pcall(function() for i = "a", 2 do end end))`, "false\tt:1: bad 'for' initial value (number expected, got string)\n"},
	{`print(pcall(function() for i = 1, 2, {} do end end))`, "false\tt:1: bad 'for' step (number expected, got table)\n"},
	{`print(pcall(function() for i = 1, 10, 0 do end end))`, "false\tt:1: 'for' step is zero\n"},
	{`print(pcall(function() local x <close> = 1 end))`, "false\tt:1: variable 'x' got a non-closable value\n"},
	{`print(pcall(function() local t = {} t[nil] = 1 end))`, "false\tt:1: table index is nil\n"},
	{`print(pcall(function() local t = {} t[0/0] = 1 end))`, "false\tt:1: table index is NaN\n"},
	{`print(pcall(error, "msg", 0))`, "false\tmsg\n"},
	{`print(pcall(error, "msg"))`, "false\tmsg\n"},
	{`print(pcall(function() error("msg") end))`, "false\tt:1: msg\n"},
	{`print(pcall(function() error("msg", 2) end))`, "false\tmsg\n"},
	{`print(pcall(function() error() end))`, "false\tnil\n"},
	{`print(pcall(function() error(nil) end))`, "false\tnil\n"},
	{`print(pcall(function() error(42) end))`, "false\t42\n"},
	{`print(pcall(function() error(setmetatable({}, {__tostring = function() return "obj" end})) end))`, "false\tobj\n"},
	{`print(select(2, pcall(function() error({code = 1}) end)).code)`, "1\n"},
	{`print(pcall(function() local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x end))`, "false\tt:1: C stack overflow\n"},
	{`print(pcall(function() local t = setmetatable({}, {}) ; getmetatable(t).__index = t; return t.x end))`, "false\tt:1: '__index' chain too long; possible loop\n"},
	{`print(pcall(function() local function f() return 1 + f() end return f() end))`, "false\tt:1: stack overflow\n"},
	{`print(pcall(nil))`, "false\tattempt to call a nil value\n"},
	{`print(pcall(pcall))`, "false\tbad argument #1 to 'pcall' (value expected)\n"},
	{`print(xpcall(function() error("x") end, function(m) return "H:" .. m end))`, "false\tH:t:1: x\n"},
	{`print(xpcall(function() error("x") end, function(m) error("y") end))`, "false\terror in error handling\n"},
	{`print(xpcall(function(a, b) return a + b end, print, 3, 4))`, "true\t7\n"},
	{`print(pcall(string.rep))`, "false\tbad argument #1 to 'string.rep' (string expected, got no value)\n"},
	{`print(pcall(function() string.rep() end))`, "false\tt:1: bad argument #1 to 'rep' (string expected, got no value)\n"},
	{`print(pcall(function() ("x"):rep() end))`, "false\tt:1: bad argument #1 to 'rep' (number expected, got no value)\n"},
	{`print(pcall(function() ("x").rep() end))`, "false\tt:1: bad argument #1 to 'rep' (string expected, got no value)\n"},
	{`print(pcall(function() local s = string.rep; s() end))`, "false\tt:1: bad argument #1 to 's' (string expected, got no value)\n"},
	{`print(pcall(function() local t = setmetatable({}, {__newindex = "oops"}) t.x = 1 end))`, "false\tt:1: attempt to index a string value\n"},
	{`print(pcall(function() return math.huge // 0, 5 // 0.0, -5 % math.huge end))`, "true\tinf\tinf\tinf\n"},
	{`print(pcall(function() local a = "10" return a + 0, "0x10" + 0, "1e2" * 1, " 5 " - 1 end))`, "true\t10\t16\t100.0\t4\n"},
	{`print(pcall(function() local a = "x" return -a end))`, "false\tt:1: attempt to unm a 'string' with a 'string'\n"},
	{`print(pcall(function() return 2^63 | 0 end))`, "false\tt:1: number has no integer representation\n"},
	{`print(pcall(function() return math.maxinteger + 1 == math.mininteger, math.mininteger // -1, math.mininteger % -1 end))`, "true\ttrue\t-9223372036854775808\t0\n"},
	{`print(pcall(function() return 1 < 1.5, 1 <= 0.5, -0.0 == 0, 3 == 3.0000001, math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63 end))`, "true\ttrue\tfalse\ttrue\tfalse\ttrue\ttrue\n"},
	{`print(pcall(function() return 7 // 2, -7 // 2, 7 // -2, 7 % -3, -7 % 3, 7.5 // 2, -7.5 % 2 end))`, "true\t3\t-4\t-4\t-2\t2\t3.0\t0.5\n"},
	{`print(pcall(function() return 1 >> 63, 1 << 64, -1 >> 1, 3 ~ 5, ~0 end))`, "true\t0\t0\t9223372036854775807\t6\t-1\n"},
	{`print(pcall(function() return 10 / 2, 3 ^ 2, 2 ^ 0.5 end))`, "true\t5.0\t9.0\t1.4142135623731\n"},
	{`print(pcall(function() local t = setmetatable({}, {__call = 1}) t() end))`, "false\tt:1: attempt to call a number value (local 't')\n"},
	{`print(pcall(function() local a <const> = nil; return a.x end))`, "false\tt:1: attempt to index a nil value\n"},
	{`print(pcall(function() for k, v in nil do end end))`, "false\tt:1: attempt to call a nil value (for iterator 'for iterator')\n"},
	{`print(pcall(function() local t = {}; t.x.y.z = 1 end))`, "false\tt:1: attempt to index a nil value (field 'x')\n"},
	{`print(pcall(function() return #5 end))`, "false\tt:1: attempt to get length of a number value\n"},
	{`print(pcall(function() return ("x") < 1 end))`, "false\tt:1: attempt to compare string with number\n"},
	{`print(pcall(next, {}, "nokey"))`, "false\tinvalid key to 'next'\n"},
	{`print(pcall(function() local a = {} ; a = a .. a end))`, "false\tt:1: attempt to concatenate a table value (local 'a')\n"},
	{`print(pcall(function() return tostring(setmetatable({}, {__tostring = function() return {} end})) end))`, "false\tt:1: '__tostring' must return a string\n"},
	{`print(pcall(function() return tostring(setmetatable({}, {__name = "My"})):sub(1, 4) end))`, "true\tMy: \n"},
}

func TestErrorMessages(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.src, func(t *testing.T) {
			if got := run(t, tc.src); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
