package vm

import (
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// newDebugState is newTestState plus Go functions over the debug API:
// locals(level) prints "name=value" of every local of that level (as seen
// from the caller), info(level, what) returns a few getinfo fields, and
// setlocal(level, n, v).
func newDebugState(out *strings.Builder) *State {
	st := newTestState(out)
	st.SetGlobal("locals", NewGoFunction("locals", func(l *Thread, args []value.Value) ([]value.Value, error) {
		fr, ok := l.Level(int(args[0].AsInt()))
		if !ok {
			return l.Ret1(value.String("out of range")), nil
		}
		var parts []string
		for n := -3; n <= 20; n++ {
			if n == 0 {
				continue
			}
			name, v := l.GetLocal(fr, n)
			if name == "" {
				continue
			}
			s, _ := value.ToStringCoerce(v)
			if !v.IsNumber() && !v.IsString() {
				s = v.TypeName()
			}
			parts = append(parts, name+"="+s)
		}
		return l.Ret1(value.String(strings.Join(parts, " "))), nil
	}))
	st.SetGlobal("info", NewGoFunction("info", func(l *Thread, args []value.Value) ([]value.Value, error) {
		var d DebugInfo
		var ok bool
		what := args[1].AsString()
		if args[0].IsFunction() {
			d, ok = FuncInfo(args[0], what)
		} else {
			fr, in := l.Level(int(args[0].AsInt()))
			if !in {
				return l.Ret1(value.String("out of range")), nil
			}
			d, ok = l.FrameInfo(fr, what)
		}
		if !ok {
			return l.Ret1(value.String("invalid option")), nil
		}
		return l.Ret1(value.String(strings.Join([]string{
			d.What, d.ShortSrc, dbgItoa(d.CurrentLine), dbgItoa(d.LineDefined), dbgItoa(d.LastLineDefined),
			d.NameWhat, d.Name, dbgItoa(d.NParams), dbgItoa(d.NUps),
		}, ","))), nil
	}))
	st.SetGlobal("setlocal", NewGoFunction("setlocal", func(l *Thread, args []value.Value) ([]value.Value, error) {
		fr, _ := l.Level(int(args[0].AsInt()))
		return l.Ret1(value.String(l.SetLocal(fr, int(args[1].AsInt()), args[2]))), nil
	}))
	return st
}

func dbgItoa(i int) string {
	s, _ := value.ToStringCoerce(value.Int(int64(i)))
	return s
}

func runDebug(t *testing.T, src string) string {
	t.Helper()
	var out strings.Builder
	st := newDebugState(&out)
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		return out.String() + "ERR: " + err.Error()
	}
	return out.String()
}

func TestDebugAPI(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"locals", "local function f(a, b) local c = a + b print(locals(1)) end f(1, 2)",
			"a=1 b=2 c=3 (temporary)=function\n"},
		{"varargs", "local function f(a, ...) local x = 1 print(locals(1)) end f(1, 'p', 'q')",
			"(vararg)=q (vararg)=p a=1 x=1 (temporary)=function\n"},
		{"temporaries of a Go frame", "print(locals(0))",
			"(C temporary)=0\n"},
		{"setlocal", "local function f() local v = 1 print(setlocal(1, 1, 42)) print(v) end f()",
			"v\n42\n"},
		{"setlocal out of range", "local function f() print(setlocal(1, 9, 42)) end f()",
			"\n"},
		{"level info", "local function f() print(info(1, 'Slnu')) end f()",
			"Lua,t,1,1,1,local,f,0,1\n"},
		{"main chunk", "print(info(1, 'Sl'))",
			"main,t,1,0,0,,,0,0\n"},
		{"go function", "print(info(print, 'Su'))",
			"C,[C],-1,-1,-1,,,0,0\n"},
		{"function", "local u = 1\nlocal function g(x, y)\n return u\nend\nprint(info(g, 'Slu'))",
			"Lua,t,-1,2,4,,,2,1\n"},
		{"invalid option", "print(info(1, 'Sz'))", "invalid option\n"},
		{"out of range", "print(info(50, 'S'))", "out of range\n"},
		{"host level of the main thread", "print(info(2, 'S'))", "C,[C],0,-1,-1,,,0,0\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := runDebug(t, tc.src); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestUpvalueAPI(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	fn, err := st.Load([]byte("local a, b = 1, 2 return function() return a end, function() return a + b end"), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Main().Call(fn)
	if err != nil {
		t.Fatal(err)
	}
	f, g := r[0], r[1]
	if name, v, ok := GetUpvalue(f, 1); !ok || name != "a" || v.AsInt() != 1 {
		t.Errorf("GetUpvalue(f, 1) = %q, %v, %v", name, v, ok)
	}
	if _, _, ok := GetUpvalue(f, 2); ok {
		t.Error("GetUpvalue(f, 2) found an upvalue")
	}
	id1, _ := UpvalueID(f, 1)
	id2, _ := UpvalueID(g, 1)
	id3, _ := UpvalueID(g, 2)
	if !value.RawEqual(id1, id2) || value.RawEqual(id1, id3) {
		t.Error("upvalue ids do not follow sharing")
	}
	if name, ok := SetUpvalue(g, 2, value.Int(10)); !ok || name != "b" {
		t.Errorf("SetUpvalue = %q, %v", name, ok)
	}
	UpvalueJoin(f, 1, g, 2)
	if _, v, _ := GetUpvalue(f, 1); v.AsInt() != 10 {
		t.Errorf("after join f's upvalue is %v", v)
	}
	if _, _, ok := GetUpvalue(NewGoFunction("x", nil), 1); ok {
		t.Error("a Go function without Refs has an upvalue")
	}
}

func TestTypeMetatable(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	mt := value.NewTable(0, 1)
	idx := value.NewTable(0, 1)
	idx.SetStr("twice", value.String("yes"))
	mt.SetStr("__index", value.TableValue(idx))
	st.SetTypeMetatable(value.Int(1), mt)
	fn, err := st.Load([]byte("print((1).twice, (2.5).twice)"), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "yes\tyes\n" {
		t.Errorf("got %q", got)
	}
	if st.Main().Metatable(value.Float(1)) != mt || st.Main().Metatable(value.True) != nil {
		t.Error("wrong per-type metatables")
	}
	st.SetTypeMetatable(value.Int(1), nil)
	if st.Main().Metatable(value.Int(3)) != nil {
		t.Error("number metatable not removed")
	}
}
