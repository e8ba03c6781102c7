package base

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func I(i int64) value.Value   { return value.Int(i) }
func F(f float64) value.Value { return value.Float(f) }
func S(s string) value.Value  { return value.String(s) }

var (
	N = value.Nil
	T = value.True
)

func tab() value.Value { return value.TableValue(value.NewTable(0, 0)) }

func render(res []value.Value, err error) string {
	if err != nil {
		var ae *vm.ArgErr
		if errors.As(err, &ae) {
			return "error: " + ae.Error()
		}
		var le *vm.LuaError
		if errors.As(err, &le) {
			return "raise: " + le.Error()
		}
		return "error: " + err.Error()
	}
	parts := make([]string, len(res))
	for i, v := range res {
		switch {
		case v.IsNil():
			parts[i] = "nil"
		case v.IsBool():
			parts[i] = map[bool]string{true: "true", false: "false"}[v.AsBool()]
		case v.IsTable():
			parts[i] = "table"
		case v.IsFunction():
			parts[i] = "function"
		case v.IsFloat():
			parts[i] = value.NumberToString(v) + "f"
		default:
			parts[i], _ = value.ToStringCoerce(v)
		}
	}
	return strings.Join(parts, "|")
}

// Expectations from lua5.4.
func TestBase(t *testing.T) {
	l := vm.NewState(vm.Options{}).Main()
	locked := value.NewTable(0, 0)
	lockedMeta := value.NewTable(0, 1)
	lockedMeta.SetStr("__metatable", S("locked"))
	locked.Meta = lockedMeta
	lv := value.TableValue(locked)
	tests := []struct {
		name string
		fn   vm.Fn
		args []value.Value
		want string
	}{
		{"type nil", baseType, []value.Value{N}, "nil"},
		{"type number", baseType, []value.Value{F(1)}, "number"},
		{"type table", baseType, []value.Value{tab()}, "table"},
		{"type none", baseType, nil, "error: bad argument #1 (value expected)"},
		{"tostring", baseToString, []value.Value{I(10)}, "10"},
		{"tostring bool", baseToString, []value.Value{value.False}, "false"},
		{"tostring none", baseToString, nil, "error: bad argument #1 (value expected)"},
		{"tonumber int", baseToNumber, []value.Value{S("10")}, "10"},
		{"tonumber float", baseToNumber, []value.Value{S("1e1")}, "10.0f"},
		{"tonumber hex", baseToNumber, []value.Value{S(" 0x10 ")}, "16"},
		{"tonumber bad", baseToNumber, []value.Value{S("1e")}, "nil"},
		{"tonumber empty", baseToNumber, []value.Value{S("")}, "nil"},
		{"tonumber table", baseToNumber, []value.Value{tab()}, "nil"},
		{"tonumber nil", baseToNumber, []value.Value{N}, "nil"},
		{"tonumber none", baseToNumber, nil, "error: bad argument #1 (value expected)"},
		{"tonumber base16", baseToNumber, []value.Value{S("  -ff "), I(16)}, "-255"},
		{"tonumber base36", baseToNumber, []value.Value{S("z"), I(36)}, "35"},
		{"tonumber base8 bad", baseToNumber, []value.Value{S("8"), I(8)}, "nil"},
		{"tonumber base2", baseToNumber, []value.Value{S("10"), I(2)}, "2"},
		{"tonumber 1z", baseToNumber, []value.Value{S("1z"), I(36)}, "71"},
		{"tonumber sign only", baseToNumber, []value.Value{S("-"), I(10)}, "nil"},
		{"tonumber plus", baseToNumber, []value.Value{S(" +7 "), I(8)}, "7"},
		{"tonumber float base", baseToNumber, []value.Value{S("1.5"), I(10)}, "nil"},
		{"tonumber base float", baseToNumber, []value.Value{S("10"), F(36)}, "36"},
		{"tonumber wrap", baseToNumber, []value.Value{S("ffffffffffffffff"), I(16)}, "-1"},
		{"tonumber max", baseToNumber, []value.Value{S("7fffffffffffffff"), I(16)}, "9223372036854775807"},
		{"tonumber over", baseToNumber, []value.Value{S("10000000000000000"), I(16)}, "0"},
		{"tonumber base range", baseToNumber, []value.Value{S("10"), I(99)}, "error: bad argument #2 (base out of range)"},
		{"tonumber number base", baseToNumber, []value.Value{I(10), I(16)}, "error: bad argument #1 (string expected, got number)"},
		{"tonumber base 1.5", baseToNumber, []value.Value{S("10"), F(1.5)}, "error: bad argument #2 (number has no integer representation)"},
		{"select #", baseSelect, []value.Value{S("#"), N, N}, "2"},
		{"select #x", baseSelect, []value.Value{S("#x"), I(1)}, "1"},
		{"select 2", baseSelect, []value.Value{I(2), S("a"), S("b"), S("c")}, "b|c"},
		{"select -1", baseSelect, []value.Value{I(-1), I(1), I(2), I(3)}, "3"},
		{"select big", baseSelect, []value.Value{I(10), I(1)}, ""},
		{"select 0", baseSelect, []value.Value{I(0), I(1)}, "error: bad argument #1 (index out of range)"},
		{"select -3", baseSelect, []value.Value{I(-3), I(1)}, "error: bad argument #1 (index out of range)"},
		{"select x", baseSelect, []value.Value{S("x")}, "error: bad argument #1 (number expected, got string)"},
		{"rawequal", baseRawEqual, []value.Value{I(1), F(1)}, "true"},
		{"rawequal str", baseRawEqual, []value.Value{S("a"), S("a")}, "true"},
		{"rawequal one", baseRawEqual, []value.Value{I(1)}, "error: bad argument #2 (value expected)"},
		{"rawlen str", baseRawLen, []value.Value{S("abc")}, "3"},
		{"rawlen num", baseRawLen, []value.Value{I(5)}, "error: bad argument #1 (table or string expected, got number)"},
		{"rawget num", baseRawGet, []value.Value{I(1)}, "error: bad argument #1 (table expected, got number)"},
		{"rawset nil key", baseRawSet, []value.Value{tab(), N, I(1)}, "raise: table index is nil"},
		{"rawset nan key", baseRawSet, []value.Value{tab(), F(zero() / zero()), I(1)}, "raise: table index is NaN"},
		{"setmetatable num", baseSetMetatable, []value.Value{I(1), tab()}, "error: bad argument #1 (table expected, got number)"},
		{"setmetatable bad mt", baseSetMetatable, []value.Value{tab(), I(1)}, "error: bad argument #2 (nil or table expected, got number)"},
		{"setmetatable none", baseSetMetatable, []value.Value{tab()}, "error: bad argument #2 (nil or table expected, got no value)"},
		{"setmetatable locked", baseSetMetatable, []value.Value{lv, tab()}, "error: cannot change a protected metatable"},
		{"getmetatable locked", baseGetMetatable, []value.Value{lv}, "locked"},
		{"getmetatable none", baseGetMetatable, nil, "error: bad argument #1 (value expected)"},
		{"getmetatable plain", baseGetMetatable, []value.Value{tab()}, "nil"},
		{"assert ok", baseAssert, []value.Value{I(1), S("x"), I(3)}, "1|x|3"},
		{"assert false", baseAssert, []value.Value{value.False}, "error: assertion failed!"},
		{"assert msg", baseAssert, []value.Value{N, S("m")}, "error: m"},
		{"assert table", baseAssert, []value.Value{N, tab()}, "raise: (error object is a table value)"},
		{"assert none", baseAssert, nil, "error: bad argument #1 (value expected)"},
		{"next empty", baseNext, []value.Value{tab()}, "nil"},
		{"next bad key", baseNext, []value.Value{tab(), S("x")}, "raise: invalid key to 'next'"},
		{"next none", baseNext, nil, "error: bad argument #1 (table expected, got no value)"},
		{"ipairs none", baseIpairs, nil, "error: bad argument #1 (value expected)"},
		{"pairs none", basePairs, nil, "error: bad argument #1 (value expected)"},
		{"pairs", basePairs, []value.Value{tab()}, "function|table|nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(tc.fn(l, append([]value.Value(nil), tc.args...))); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func zero() float64 { return 0 }

func TestSetGetMetatable(t *testing.T) {
	l := vm.NewState(vm.Options{}).Main()
	tv, mt := tab(), tab()
	if _, err := baseSetMetatable(l, []value.Value{tv, mt}); err != nil {
		t.Fatal(err)
	}
	r, _ := baseGetMetatable(l, []value.Value{tv})
	if !value.RawEqual(r[0], mt) {
		t.Fatal("getmetatable did not return the metatable")
	}
	if _, err := baseSetMetatable(l, []value.Value{tv, N}); err != nil || tv.AsTable().Meta != nil {
		t.Fatal("setmetatable(t, nil) did not clear")
	}
}

func TestIpairsNext(t *testing.T) {
	l := vm.NewState(vm.Options{}).Main()
	tb := value.NewTable(0, 0)
	for i := int64(1); i <= 3; i++ {
		tb.SetInt(i, I(i*10))
	}
	tb.SetStr("x", S("y"))
	tv := value.TableValue(tb)
	var got []string
	for i := int64(0); ; {
		r, err := ipairsIter(l, []value.Value{tv, I(i)})
		if err != nil {
			t.Fatal(err)
		}
		if r[0].IsNil() {
			break
		}
		got = append(got, render(r, nil))
		i = r[0].AsInt()
	}
	if s := strings.Join(got, " "); s != "1|10 2|20 3|30" {
		t.Errorf("ipairs: %s", s)
	}
	n := 0
	for k := N; ; n++ {
		r, err := baseNext(l, []value.Value{tv, k})
		if err != nil {
			t.Fatal(err)
		}
		if r[0].IsNil() {
			break
		}
		k = r[0]
	}
	if n != 4 {
		t.Errorf("next visited %d entries, want 4", n)
	}
}

func TestPrintWarn(t *testing.T) {
	var out, errb bytes.Buffer
	st := vm.NewState(vm.Options{Stdout: &out, Stderr: &errb})
	Open(st)
	l := st.Main()
	call := func(name string, args ...value.Value) {
		t.Helper()
		fn := st.Globals().GetStr(name)
		if _, err := (*vm.GoFunction)(fn.Object()).Fn(l, args); err != nil {
			t.Fatal(err)
		}
	}
	call("print", I(1), F(2.5), S("x"), N, T)
	call("print")
	if got, want := out.String(), "1\t2.5\tx\tnil\ttrue\n\n"; got != want {
		t.Errorf("print wrote %q, want %q", got, want)
	}
	call("warn", S("hidden"))
	call("warn", S("@on"))
	call("warn", S("a"), S("b"))
	call("warn", S("@off"))
	call("warn", S("c"))
	if got, want := errb.String(), "Lua warning: ab\n"; got != want {
		t.Errorf("warn wrote %q, want %q", got, want)
	}
	if v := st.Globals().GetStr("_VERSION"); v.AsString() != "Lua 5.4" {
		t.Errorf("_VERSION = %v", v)
	}
}

func TestCollectGarbage(t *testing.T) {
	l := vm.NewState(vm.Options{}).Main()
	g := newGC()
	tests := []struct {
		args []value.Value
		want string
	}{
		{[]value.Value{S("x")}, "error: bad argument #1 (invalid option 'x')"},
		{[]value.Value{S("step")}, "false"},
		{[]value.Value{S("isrunning")}, "true"},
		{[]value.Value{S("incremental")}, "generational"},
		{[]value.Value{S("generational")}, "incremental"},
		{[]value.Value{S("incremental")}, "generational"},
		{[]value.Value{S("step")}, "true"},
		{[]value.Value{S("stop")}, "0"},
		{[]value.Value{S("isrunning")}, "false"},
		{[]value.Value{S("restart")}, "0"},
		{nil, "0"},
		{[]value.Value{S("setpause"), I(100)}, "200"},
		{[]value.Value{S("setpause")}, "100"},
		{[]value.Value{S("setstepmul"), I(100)}, "100"},
		{[]value.Value{S("step"), S("x")}, "error: bad argument #2 (number expected, got string)"},
	}
	for _, tc := range tests {
		if got := render(g.collectgarbage(l, tc.args)); got != tc.want {
			t.Errorf("collectgarbage(%v) = %q, want %q", tc.args, got, tc.want)
		}
	}
	r, err := g.collectgarbage(l, []value.Value{S("count")})
	if err != nil || !r[0].IsFloat() || r[0].AsFloat() <= 0 {
		t.Errorf("count = %v, %v", r, err)
	}
}
