package loadlib

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// newState returns a State with base and package open, reading files from
// the given map and the environment from env.
func newState(t *testing.T, files map[string]string, env map[string]string) (*vm.State, *strings.Builder) {
	t.Helper()
	var out strings.Builder
	st := vm.NewState(vm.Options{
		Stdout: &out,
		Stderr: &out,
		ReadFile: func(name string) ([]byte, error) {
			if src, ok := files[name]; ok {
				return []byte(src), nil
			}
			return nil, fs.ErrNotExist
		},
		Getenv: func(key string) string { return env[key] },
	})
	base.Open(st)
	Open(st)
	return st, &out
}

func run(t *testing.T, st *vm.State, src string) error {
	t.Helper()
	fn, err := st.Load([]byte(src), "=test", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Main().Call(fn)
	return err
}

func TestEnvPath(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{nil, defaultPath},
		{map[string]string{"LUA_PATH": "a/?.lua"}, "a/?.lua"},
		{map[string]string{"LUA_PATH": "a/?.lua", "LUA_PATH_5_4": "b/?.lua"}, "b/?.lua"},
		{map[string]string{"LUA_PATH": ";;"}, defaultPath},
		{map[string]string{"LUA_PATH": "x;;"}, "x;" + defaultPath},
		{map[string]string{"LUA_PATH": ";;y"}, defaultPath + ";y"},
		{map[string]string{"LUA_PATH": "x;;y"}, "x;" + defaultPath + ";y"},
	}
	for _, tc := range cases {
		st, _ := newState(t, nil, tc.env)
		if got := envPath(st, "LUA_PATH", defaultPath); got != tc.want {
			t.Errorf("env %v: got %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestRequire(t *testing.T) {
	files := map[string]string{
		"./m.lua":          "local name, file = ... return {name = name, file = file}",
		"./pkg/init.lua":   "return 'init of ' .. ...",
		"./bad.lua":        "x = = 1",
		"./cmod.so":        "not really a library",
		"./shebang.lua":    "#!/usr/bin/env lua\nreturn debug_line_two_is_line_two",
		"lib/deep/mod.lua": "return 'deep'",
	}
	st, out := newState(t, files, map[string]string{"LUA_PATH": "./?.lua;./?/init.lua;lib/?.lua", "LUA_CPATH": "./?.so"})
	err := run(t, st, `
		local m = require("m")
		print(m.name, m.file, require("m") == m)
		print(require("pkg"))
		print(require("deep.mod"))
		print(pcall(require, "bad"))
		print(pcall(require, "cmod"))
		print(select(2, pcall(require, "nothere")))
		print(require("shebang"))
		package.preload.p = function(...) return select("#", ...), ... end
		print(require("p"))
		print(package.loadlib("x.so", "f"))
		package.path = 42
		print(pcall(require, "zzz"))
	`)
	if err != nil {
		t.Fatal(err)
	}
	want := `m	./m.lua	true
init of pkg	./pkg/init.lua
deep	lib/deep/mod.lua
false	error loading module 'bad' from file './bad.lua':
	./bad.lua:1: unexpected symbol near '='
false	error loading module 'cmod' from file './cmod.so':
	` + noCModules + `
module 'nothere' not found:
	no field package.preload['nothere']
	no file './nothere.lua'
	no file './nothere/init.lua'
	no file 'lib/nothere.lua'
	no file './nothere.so'
true	./shebang.lua
2	:preload:
nil	` + noCModules + `	absent
false	'package.path' must be a string
`
	if got := out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestRequireErrorPropagates(t *testing.T) {
	st, _ := newState(t, map[string]string{"./boom.lua": "error({code = 7})"}, map[string]string{"LUA_PATH": "./?.lua"})
	err := run(t, st, `require("boom")`)
	var le *vm.LuaError
	if !errors.As(err, &le) || !le.Value.IsTable() {
		t.Fatalf("got %v, want the module's error table", err)
	}
}
