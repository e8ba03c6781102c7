package tide_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

type address struct {
	City string `lua:"city"`
	Zip  string `lua:"zip,omitempty"`
}

type Base struct {
	ID int64 `lua:"id"`
}

type person struct {
	Base
	Name    string            `lua:"name"`
	Age     int               `lua:"age"`
	Score   float64           `lua:"score"`
	Admin   bool              `lua:"admin"`
	Tags    []string          `lua:"tags"`
	Home    *address          `lua:"home"`
	Extra   map[string]int    `lua:"extra"`
	Secret  string            `lua:"-"`
	Raw     []byte            `lua:"raw"`
	Any     any               `lua:"any"`
	private int               //nolint:unused // not converted
	Labels  map[string]string `lua:"labels,omitempty"`
}

func TestToValueFromValue(t *testing.T) {
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	in := person{Base: Base{ID: 7}, Name: "Ada", Age: 36, Score: 9.5, Admin: true, Tags: []string{"x", "y"},
		Home: &address{City: "London"}, Extra: map[string]int{"k": 1}, Secret: "hidden", Raw: []byte("bytes"),
		Any: []any{int64(1), "two"}}
	v, err := s.ToValue(in)
	if err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("p", v)
	src := `print(p.id, p.name, p.age, math.type(p.score), p.admin, #p.tags, p.tags[2], p.home.city, p.home.zip, p.extra.k, p.Secret, p.secret, p.raw, p.any[2], p.labels)
p.age = p.age + 1
p.tags[3] = "z"
p.home.zip = "N1"`
	if err := s.DoString(context.Background(), src, "=t"); err != nil {
		t.Fatal(err)
	}
	if want := "7\tAda\t36\tfloat\ttrue\t2\ty\tLondon\tnil\t1\tnil\tnil\tbytes\ttwo\tnil\n"; out.String() != want {
		t.Errorf("Lua sees %q, want %q", out.String(), want)
	}
	var back person
	if err := s.FromValue(s.Global("p"), &back); err != nil {
		t.Fatal(err)
	}
	want := in
	want.Age, want.Tags, want.Home, want.Secret = 37, []string{"x", "y", "z"}, &address{City: "London", Zip: "N1"}, ""
	if !reflect.DeepEqual(back, want) {
		t.Errorf("FromValue =\n%+v\nwant\n%+v", back, want)
	}
}

func TestFromValueNatural(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	fn, _ := s.Load([]byte(`return {1, "a", {x = 1.5, y = {true}}, {}, {[1] = 1, [3] = 3}}`), "=t")
	rs, err := s.Call(context.Background(), fn)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	if err := s.FromValue(rs[0], &x); err != nil {
		t.Fatal(err)
	}
	want := []any{int64(1), "a", map[string]any{"x": 1.5, "y": []any{true}}, map[string]any{}, map[any]any{int64(1): int64(1), int64(3): int64(3)}}
	if !reflect.DeepEqual(x, want) {
		t.Errorf("got %#v\nwant %#v", x, want)
	}
}

func TestConvertErrors(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	fn, _ := s.Load([]byte(`return {name = 3, tags = {"a", 2}, age = 1.5}`), "=t")
	rs, _ := s.Call(context.Background(), fn)
	var p person
	err := s.FromValue(rs[0], &p)
	if err == nil || !strings.Contains(err.Error(), "value.") {
		t.Errorf("FromValue of a bad table: %v", err)
	}
	var small int8
	if err := s.FromValue(tide.Int(300), &small); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("300 into int8: %v", err)
	}
	type node struct{ Next *node }
	n := &node{}
	n.Next = n
	if _, err := s.ToValue(n); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("a cycle: %v", err)
	}
	if _, err := s.ToValue(make(chan int)); err == nil {
		t.Error("a channel converted")
	}
	if err := s.FromValue(tide.Int(1), p); err == nil {
		t.Error("FromValue into a non-pointer")
	}
}

func TestNewFunc(t *testing.T) {
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	must := func(v tide.Value, err error) tide.Value {
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	s.SetGlobal("greet", must(s.NewFunc("greet", func(name string, times int) string {
		return strings.Repeat("hi "+name+" ", times)
	})))
	s.SetGlobal("sum", must(s.NewFunc("sum", func(xs ...float64) float64 {
		t := 0.0
		for _, x := range xs {
			t += x
		}
		return t
	})))
	s.SetGlobal("lookup", must(s.NewFunc("lookup", func(s *tide.State, key string) (*address, error) {
		if key == "" {
			return nil, errors.New("empty key")
		}
		return &address{City: key}, nil
	})))
	s.SetGlobal("count", must(s.NewFunc("count", func(p person) (int, []string) { return len(p.Tags), p.Tags })))
	src := `print(greet("bob", 2))
print(sum(), sum(1, 2.5, 3))
print(lookup("Paris").city, pcall(lookup, ""))
print(pcall(greet, "x", "y"))
print(pcall(greet, "x"))
print(pcall(sum, 1, "z"))
print(count({tags = {"a", "b"}}))
print(pcall(count, {tags = {"a", 2}}))`
	if err := s.DoString(context.Background(), src, "=t"); err != nil {
		t.Fatal(err)
	}
	want := "hi bob hi bob \n" +
		"0.0\t6.5\n" +
		"Paris\tfalse\tempty key\n" +
		"false\tbad argument #2 to 'greet' (integer expected, got string)\n" +
		"false\tbad argument #2 to 'greet' (int expected, got no value)\n" +
		"false\tbad argument #2 to 'sum' (number expected, got string)\n" +
		"2\ttable: \n" +
		"false\tbad argument #1 to 'count' (.tags[2]: string expected, got number)\n"
	got := out.String()
	if i := strings.Index(got, "table: 0x"); i >= 0 {
		j := strings.IndexByte(got[i:], '\n')
		got = got[:i+len("table: ")] + got[i+j:]
	}
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := s.NewFunc("x", 42); err == nil {
		t.Error("NewFunc accepted a non-function")
	}
}
