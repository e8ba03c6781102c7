package tide_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

func TestNewFunction(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	s.SetFunction("add", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		var sum float64
		for i, a := range args {
			f, ok := a.ToFloat()
			if !ok {
				return nil, fmt.Errorf("bad argument #%d to 'add' (number expected, got %s)", i+1, a.Type())
			}
			sum += f
		}
		return []tide.Value{tide.Float(sum)}, nil
	})
	s.SetFunction("fail", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		return nil, errors.New("it failed")
	})
	s.SetFunction("boom", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		var m map[string]int
		m["x"] = 1 // a nil map write: a panic
		return nil, nil
	})
	s.SetFunction("apply", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		return s.Call(ctx, args[0], args[1:]...) // calls back into Lua
	})
	s.SetFunction("pair", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		return []tide.Value{tide.String("a"), tide.Int(2)}, nil
	})
	src := `
print(add(1, 2, 3.5))
print(pcall(add, 1, "x"))
print(pcall(fail))
print(select(2, pcall(function() fail() end)))
local ok, msg = pcall(boom)
print(ok, msg:match("boom: panic: ") ~= nil)
print(apply(function(a, b) return a * b, "r" end, 6, 7))
print(pcall(apply, function() error({code = 7}) end))
print(select(2, pcall(apply, function() error({code = 7}) end)).code)
print(pair())
local co = coroutine.wrap(function(x) return apply(function(y) return coroutine.isyieldable(), y end, x) end)
print(co(5))
`
	if err := s.DoString(ctx, src, "=t"); err != nil {
		t.Fatal(err)
	}
	want := "6.5\n" +
		"false\tbad argument #2 to 'add' (number expected, got string)\n" +
		"false\tit failed\n" +
		"t:5: it failed\n" +
		"false\ttrue\n" +
		"42\tr\n" +
		"false\ttable: \n" +
		"7\n" +
		"a\t2\n" +
		"false\t5\n"
	got := out.String()
	// the table's address varies
	if i := strings.Index(got, "table: 0x"); i >= 0 {
		j := strings.IndexByte(got[i:], '\n')
		got = got[:i+len("table: ")] + got[i+j:]
	}
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestFunctionCancel checks that cancelling a run stops Lua code called
// back from a host Function, and that the stop is not caught by pcall.
func TestFunctionCancel(t *testing.T) {
	s := tide.NewState(tide.Options{Stdout: io.Discard})
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	s.SetFunction("run", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		cancel()
		return s.Call(ctx, args[0])
	})
	err := s.DoString(ctx, `print(pcall(run, function() while true do end end)) while true do end`, "=t")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestFunctionNoAllocs(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	s.SetFunction("inc", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		i, _ := args[0].ToInt()
		args[0] = tide.Int(i + 1)
		return args[:1], nil
	})
	fn, err := s.Load([]byte(`local inc = inc local x = 0 for i = 1, 100 do x = inc(x) end return x`), "=t")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Call(ctx, fn); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(20, func() { s.Call(ctx, fn) })
	// the Call itself allocates a little; the 100 calls of inc must not
	if allocs > 5 {
		t.Errorf("%.0f allocations for 100 calls of a host Function on numbers", allocs)
	}
}

func BenchmarkLuaToGo(b *testing.B) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	s.SetFunction("inc", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		i, _ := args[0].ToInt()
		args[0] = tide.Int(i + 1)
		return args[:1], nil
	})
	fn, _ := s.Load([]byte(`local inc = inc local x = 0 for i = 1, 1000 do x = inc(x) end return x`), "=b")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s.Call(ctx, fn)
	}
}

func TestPreload(t *testing.T) {
	for _, sandbox := range []bool{false, true} {
		var out bytes.Buffer
		s := tide.NewState(tide.Options{Stdout: &out, Sandbox: sandbox})
		opened := 0
		s.Preload("greeter", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			opened++
			m, err := s.ToValue(map[string]any{"name": args[0], "hello": tide.Function(func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
				return []tide.Value{tide.String("hello")}, nil
			})})
			return []tide.Value{m}, err
		})
		if err := s.DoString(context.Background(), `local g = require("greeter") print(g.name, g.hello(), require("greeter") == g)`, "=t"); err != nil {
			t.Fatal(err)
		}
		if out.String() != "greeter\thello\ttrue\n" || opened != 1 {
			t.Errorf("sandbox=%v: %q, opened %d times", sandbox, out.String(), opened)
		}
		s.Close()
	}
}

// BenchmarkLuaToGoTable is BenchmarkLuaToGo with a table argument, whose
// handle the call must pin.
func BenchmarkLuaToGoTable(b *testing.B) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	s.SetFunction("get", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		return []tide.Value{s.GetField(args[0], "n")}, nil
	})
	fn, _ := s.Load([]byte(`local get, t = get, {n = 1} local x = 0 for i = 1, 1000 do x = x + get(t) end return x`), "=b")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s.Call(ctx, fn)
	}
}
