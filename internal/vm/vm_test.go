package vm

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// newTestState returns a State with a minimal print (writing to out) and
// the vm-owned base functions.
func newTestState(out *strings.Builder) *State {
	st := NewState(Options{})
	st.SetGlobal("print", NewGoFunction("print", func(l *Thread, args []value.Value) ([]value.Value, error) {
		for i, a := range args {
			if i > 0 {
				out.WriteByte('\t')
			}
			s, err := l.ToString(a)
			if err != nil {
				return nil, err
			}
			out.WriteString(s)
		}
		out.WriteByte('\n')
		return nil, nil
	}))
	st.SetGlobal("pcall", NewGoFunction("pcall", PCall))
	st.SetGlobal("xpcall", NewGoFunction("xpcall", XPCall))
	st.SetGlobal("error", NewGoFunction("error", Error))
	st.SetGlobal("setmetatable", NewGoFunction("setmetatable", func(l *Thread, args []value.Value) ([]value.Value, error) {
		l.SetMetatable(args[0], args[1].ToTable())
		return args[:1], nil
	}))
	st.SetGlobal("select", NewGoFunction("select", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if args[0].IsString() {
			return l.Ret1(value.Int(int64(len(args) - 1))), nil
		}
		n := int(args[0].AsInt())
		if n < 0 {
			n = len(args) + n
		}
		return args[n:], nil
	}))
	st.SetGlobal("tostring", NewGoFunction("tostring", func(l *Thread, args []value.Value) ([]value.Value, error) {
		s, err := l.ToString(args[0])
		if err != nil {
			return nil, err
		}
		return l.Ret1(value.String(s)), nil
	}))
	st.SetGlobal("next", NewGoFunction("next", func(l *Thread, args []value.Value) ([]value.Value, error) {
		k := value.Nil
		if len(args) > 1 {
			k = args[1]
		}
		nk, nv, ok := args[0].AsTable().Next(k)
		if !ok {
			return nil, errors.New("invalid key to 'next'")
		}
		if nk.IsNil() {
			return l.Ret1(value.Nil), nil
		}
		return l.Ret(nk, nv), nil
	}))
	st.SetGlobal("getmetatable", NewGoFunction("getmetatable", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if mt := l.Metatable(args[0]); mt != nil {
			return l.Ret1(value.TableValue(mt)), nil
		}
		return l.Ret1(value.Nil), nil
	}))
	strlib := value.NewTable(0, 4)
	strlib.SetStr("rep", NewGoFunction("string.rep", func(l *Thread, args []value.Value) ([]value.Value, error) {
		if len(args) < 1 || !args[0].IsString() && !args[0].IsNumber() {
			return nil, TypeError(args, 1, "string")
		}
		if len(args) < 2 || !args[1].IsNumber() {
			return nil, TypeError(args, 2, "number")
		}
		s, _ := value.ToStringCoerce(args[0])
		return l.Ret1(value.String(strings.Repeat(s, int(args[1].AsInt())))), nil
	}))
	strlib.SetStr("len", NewGoFunction("string.len", func(l *Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.Int(int64(args[0].StrLen()))), nil
	}))
	strlib.SetStr("sub", NewGoFunction("string.sub", func(l *Thread, args []value.Value) ([]value.Value, error) {
		s := args[0].AsString()
		i, j := int(args[1].AsInt()), int(args[2].AsInt())
		if j > len(s) {
			j = len(s)
		}
		return l.Ret1(value.String(s[i-1 : j])), nil
	}))
	st.SetGlobal("string", value.TableValue(strlib))
	smeta := value.NewTable(0, 1)
	smeta.SetStr("__index", value.TableValue(strlib))
	st.SetStringMeta(smeta)
	mathlib := value.NewTable(0, 4)
	mathlib.SetStr("huge", value.Float(math.Inf(1)))
	mathlib.SetStr("maxinteger", value.Int(math.MaxInt64))
	mathlib.SetStr("mininteger", value.Int(math.MinInt64))
	st.SetGlobal("math", value.TableValue(mathlib))
	dbg := value.NewTable(0, 1)
	dbg.SetStr("traceback", NewGoFunction("debug.traceback", func(l *Thread, args []value.Value) ([]value.Value, error) {
		msg := ""
		if len(args) > 0 {
			if !args[0].IsString() && !args[0].IsNil() {
				return args[:1], nil
			}
			if args[0].IsString() {
				msg = args[0].AsString()
			}
		}
		return l.Ret1(value.String(l.Traceback(msg, 1))), nil
	}))
	st.SetGlobal("debug", value.TableValue(dbg))
	openCoroutineForTest(st)
	return st
}

// run runs src and returns its printed output, or "ERR: msg".
func run(t testing.TB, src string) string {
	t.Helper()
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		return out.String() + "LOADERR: " + err.Error()
	}
	if _, err := st.Main().Call(fn); err != nil {
		return out.String() + "ERR: " + err.Error()
	}
	return out.String()
}

func TestBasic(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"print", `print(1, "a", nil, true, 1.5)`, "1\ta\tnil\ttrue\t1.5\n"},
		{"arith", `local a, b = 7, 2 print(a+b, a-b, a*b, a/b, a//b, a%b, a^b, -a, a&b, a|b, a~b, a<<b, a>>b, ~a)`,
			"9\t5\t14\t3.5\t3\t1\t49.0\t-7\t2\t7\t5\t28\t1\t-8\n"},
		{"floatarith", `local a, b = 7.5, 2 print(a+b, a//b, a%b, -a, 3 % -2, -3 % 2, 5.5 % -2)`, "9.5\t3.0\t1.5\t-7.5\t-1\t1\t-0.5\n"},
		{"coerce", `local s = "10" print(s + 1, s * "2", 10 .. 20, 1.5 .. "")`, "11\t20\t1020\t1.5\n"},
		{"numfor", `local s = 0 for i = 1, 10 do s = s + i end print(s)`, "55\n"},
		{"numfor2", `for i = 3, 1, -1 do print(i) end for i = 1, 2, 0.5 do print(i) end`, "3\n2\n1\n1.0\n1.5\n2.0\n"},
		{"formaxint", `for i = math_maxinteger or 9223372036854775805, 9223372036854775807 do print(i) end`, "9223372036854775805\n9223372036854775806\n9223372036854775807\n"},
		{"closure", `local function mk() local n = 0 return function() n = n + 1 return n end end local c = mk() c() c() print(c())`, "3\n"},
		{"sharedup", `local a = {} for i = 1, 3 do a[i] = function() return i end end print(a[1](), a[2](), a[3]())`, "1\t2\t3\n"},
		{"table", `local t = {1, 2, 3, x = 5, [10] = 7} print(#t, t.x, t[10], t[2])`, "3\t5\t7\t2\n"},
		{"varargs", `local function f(...) return select('#', ...), ... end print(f(1, nil, 3))`, "3\t1\tnil\t3\n"},
		{"varargs2", `local function f(a, ...) local t = {...} return a, #t end print(f(1, 2, 3))`, "1\t2\n"},
		{"multret", `local function f() return 1, 2, 3 end local t = {f(), f()} print(#t, f())`, "4\t1\t2\t3\n"},
		{"fib", `local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end print(fib(20))`, "6765\n"},
		{"tailcall", `local function loop(n) if n == 0 then return "done" end return loop(n - 1) end print(loop(1000000))`, "done\n"},
		{"concat", `local a = "x" print(a .. 1 .. 2.5 .. "y")`, "x12.5y\n"},
		{"compare", `print(1 < 2, 1 <= 1.0, "a" < "b", 2 > 1.5, 1 == 1.0, "1" == 1)`, "true\ttrue\ttrue\ttrue\ttrue\tfalse\n"},
		{"andor", `local x = nil print(x or 5, x and 1, 3 and 4, false or nil)`, "5\tnil\t4\tnil\n"},
		{"while", `local i = 0 while i < 5 do i = i + 1 end repeat i = i - 2 until i < 0 print(i)`, "-1\n"},
		{"genericfor", `local t = {10, 20, 30} local s = 0 for k, v in next, t do s = s + k * v end print(s)`, "140\n"},
		{"method", `local o = {n = 2} function o:get(x) return self.n * x end print(o:get(21))`, "42\n"},
		{"index", `local t = setmetatable({}, {__index = function(t, k) return k .. "!" end}) print(t.x, t[1])`, "x!\t1!\n"},
		{"indexchain", `local a = {x = 1} local b = setmetatable({}, {__index = a}) local c = setmetatable({}, {__index = b}) print(c.x)`, "1\n"},
		{"newindex", `local log = {} local t = setmetatable({}, {__newindex = function(t, k, v) rawlog = k end}) t.y = 1 print(rawlog)`, "y\n"},
		{"call", `local t = setmetatable({}, {__call = function(self, a, b) return a + b end}) print(t(1, 2))`, "3\n"},
		{"arithmm", `local mt = {__add = function(a, b) return "add" end, __unm = function() return "unm" end, __concat = function(a, b) return "cat" end, __len = function() return 42 end}
local t = setmetatable({}, mt) print(t + 1, 1 + t, -t, t .. "x", "x" .. t, #t)`, "add\tadd\tunm\tcat\tcat\t42\n"},
		{"eqlt", `local mt = {__eq = function() return true end, __lt = function() return true end, __le = function() return false end}
local a, b = setmetatable({}, mt), setmetatable({}, mt) print(a == b, a < b, a <= b, a ~= b)`, "true\ttrue\tfalse\tfalse\n"},
		{"tostring", `print(tostring(setmetatable({}, {__tostring = function() return "obj" end})))`, "obj\n"},
		{"goto", `local i = 1 ::top:: if i < 3 then i = i + 1 goto top end print(i)`, "3\n"},
		{"intdivzero", `print(pcall(function() local a, b = 1, 0 return a // b end))`, "false\tt:1: attempt to divide by zero\n"},
		{"modzero", `print(pcall(function() local a, b = 1, 0 return a % b end))`, "false\tt:1: attempt to perform 'n%0'\n"},
		{"floatdivzero", `local a, b = 1, 0 print(a / b, -a / b, a // 0.0)`, "inf\t-inf\tinf\n"},
		{"setlist", `local function f() return 4, 5, 6 end local t = {1, 2, 3, f()} print(#t, t[6])`, "6\t6\n"},
		{"bigtable", `local t = {` + strings.Repeat("1,", 120) + `} print(#t)`, "120\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTraceback(t *testing.T) {
	src, err := os.ReadFile("testdata/traceback.lua")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/traceback.out")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load(src, "@tb.lua", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
