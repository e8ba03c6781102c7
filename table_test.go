package tide_test

import (
	"context"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

func TestTables(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	ctx := context.Background()
	tab := s.NewTable()
	for _, kv := range []struct {
		k, v tide.Value
	}{
		{tide.Int(1), tide.String("one")},
		{tide.Int(2), tide.String("two")},
		{tide.String("name"), tide.String("tide")},
		{tide.Float(2.5), tide.Bool(true)},
	} {
		if err := s.Set(tab, kv.k, kv.v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetField(tab, "n", tide.Int(42)); err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("t", tab)
	// Lua sees what Go set, and Go sees what Lua sets, raw
	rs, err := s.Call(ctx, mustLoad(t, s, `
		t.fromLua = {x = 1}
		setmetatable(t, {__index = function() return "meta" end})
		return #t, t[1], t.name, t[2.5], t.n`))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := rs[0].ToInt(); n != 2 {
		t.Errorf("#t = %v", rs[0])
	}
	if str, ok := s.GetField(tab, "name").AsString(); !ok || str != "tide" {
		t.Errorf("GetField(name) = %q, %v", str, ok)
	}
	if v := s.GetField(tab, "missing"); !v.IsNil() {
		t.Errorf("raw get of a missing key = %v, want nil (no __index)", v.Type())
	}
	inner := s.GetField(tab, "fromLua")
	if x, _ := s.GetField(inner, "x").ToInt(); x != 1 {
		t.Errorf("fromLua.x = %d", x)
	}
	if s.Len(tab) != 2 {
		t.Errorf("Len = %d", s.Len(tab))
	}
	var keys []string
	for k := range s.All(tab) {
		str, err := s.ToString(k)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, str)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "1,2,2.5,fromLua,n,name" {
		t.Errorf("keys = %s", got)
	}
	// errors
	if err := s.Set(tide.Int(1), tide.Int(1), tide.Int(1)); err == nil {
		t.Error("Set on a number: no error")
	}
	if err := s.Set(tab, tide.Value{}, tide.Int(1)); err == nil {
		t.Error("Set with a nil key: no error")
	}
	if err := s.Set(tab, tide.Float(math.NaN()), tide.Int(1)); err == nil {
		t.Error("Set with a NaN key: no error")
	}
	if v := s.Get(tide.String("x"), tide.Int(1)); !v.IsNil() {
		t.Error("Get on a string is not nil")
	}
	if _, ok := tide.Int(3).AsString(); ok {
		t.Error("AsString on a number: ok")
	}
}

func mustLoad(t *testing.T, s *tide.State, src string) tide.Value {
	t.Helper()
	fn, err := s.Load([]byte(src), "=test")
	if err != nil {
		t.Fatal(err)
	}
	return fn
}

func TestMetatableAndSubtypes(t *testing.T) {
	var out strings.Builder
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	obj, mt := s.NewTable(), s.NewTable()
	fn, err := s.Load([]byte(`return function(t, k) return "default " .. k end`), "=idx")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.Call(context.Background(), fn)
	if err != nil {
		t.Fatal(err)
	}
	s.SetField(mt, "__index", rs[0])
	if err := s.SetMetatable(obj, mt); err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("obj", obj)
	if err := s.DoString(context.Background(), `print(obj.color, getmetatable(obj) ~= nil)`, "=m"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "default color\ttrue\n" {
		t.Errorf("output %q", out.String())
	}
	if got := s.Metatable(obj); got.Type() != "table" {
		t.Errorf("Metatable = %s", got.Type())
	}
	if err := s.SetMetatable(obj, tide.Value{}); err != nil || !s.Metatable(obj).IsNil() {
		t.Errorf("removing the metatable: %v", err)
	}
	if err := s.SetMetatable(tide.Int(1), mt); err == nil {
		t.Error("SetMetatable of a number: no error")
	}
	if err := s.SetMetatable(obj, tide.String("x")); err == nil {
		t.Error("SetMetatable with a string metatable: no error")
	}
	if !tide.Int(2).IsInteger() || tide.Int(2).IsFloat() || !tide.Float(2).IsFloat() || tide.Float(2).IsInteger() || tide.String("2").IsInteger() {
		t.Error("subtypes")
	}
}
