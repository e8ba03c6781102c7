package tide_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/tidelua/tide"
)

// TestLibs checks that Options.Libs opens exactly the libraries chosen.
func TestLibs(t *testing.T) {
	const probe = `print(type(print), type(require), type(coroutine), type(table), type(io),
		type(os), type(string), type(math), type(utf8), type(debug),
		package and package.preload.json and "json" or "no json", ("x"):rep(2))`
	cases := []struct {
		name string
		opts tide.Options
		want string
	}{
		{"default", tide.Options{},
			"function\tfunction\ttable\ttable\ttable\ttable\ttable\ttable\ttable\ttable\tjson\txx\n"},
		{"base and string", tide.Options{Libs: tide.LibBase | tide.LibString},
			"function\tnil\tnil\tnil\tnil\tnil\ttable\tnil\tnil\tnil\tno json\txx\n"},
		{"json needs package", tide.Options{Libs: tide.LibBase | tide.LibString | tide.LibPackage | tide.LibJSON},
			"function\tfunction\tnil\tnil\tnil\tnil\ttable\tnil\tnil\tnil\tjson\txx\n"},
		{"sandbox trims the choice", tide.Options{Sandbox: true, Libs: tide.LibBase | tide.LibString | tide.LibOS | tide.LibIO},
			"function\tnil\tnil\tnil\tnil\ttable\ttable\tnil\tnil\tnil\tno json\txx\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			tc.opts.Stdout = &out
			s := tide.NewState(tc.opts)
			defer s.Close()
			if err := s.DoString(context.Background(), probe, "=probe"); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got  %q\nwant %q", out.String(), tc.want)
			}
		})
	}
	// without the string library, strings have no methods
	s := tide.NewState(tide.Options{Libs: tide.LibBase})
	defer s.Close()
	if err := s.DoString(context.Background(), `return ("x"):rep(2)`, "=m"); err == nil {
		t.Error("string methods without the string library: no error")
	}
}
