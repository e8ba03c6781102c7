package tide_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/tidelua/tide"
)

type counter struct{ n int64 }

func TestUserdata(t *testing.T) {
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	self := func(args []tide.Value) (*counter, error) {
		if len(args) > 0 {
			if d, ok := args[0].Userdata(); ok {
				if c, ok := d.(*counter); ok {
					return c, nil
				}
			}
		}
		return nil, errors.New("bad self (counter expected)")
	}
	methods, err := s.ToValue(map[string]tide.Function{
		"add": func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			c, err := self(args)
			if err != nil {
				return nil, err
			}
			n, _ := args[1].ToInt()
			c.n += n
			return args[:1], nil
		},
		"get": func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			c, err := self(args)
			if err != nil {
				return nil, err
			}
			return []tide.Value{tide.Int(c.n)}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	mt, err := s.ToValue(map[string]any{"__index": methods, "__name": "counter"})
	if err != nil {
		t.Fatal(err)
	}
	c := &counter{}
	s.SetGlobal("c", s.NewUserdata(c, mt))
	src := `c:add(2):add(40) print(c:get(), type(c), tostring(c):match("^counter: ") ~= nil)
print(pcall(c.get, 1))
print(pcall(function() return c + 1 end))`
	if err := s.DoString(context.Background(), src, "=t"); err != nil {
		t.Fatal(err)
	}
	want := "42\tuserdata\ttrue\nfalse\tbad self (counter expected)\nfalse\tt:3: attempt to perform arithmetic on a counter value (global 'c')\n"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
	if c.n != 42 {
		t.Errorf("Go sees %d", c.n)
	}
	if _, ok := tide.Int(1).Userdata(); ok {
		t.Error("an integer is not a userdata")
	}
}
