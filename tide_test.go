package tide_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/internal/testutil"
)

// newState returns a State printing into the returned buffer.
func newState(t *testing.T, opts tide.Options) (*tide.State, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout = &out
	if opts.Stderr == nil {
		opts.Stderr = &out
	}
	s := tide.NewState(opts)
	t.Cleanup(func() { s.Close() })
	return s, &out
}

func TestDoString(t *testing.T) {
	tests := []struct {
		name, src, stdout string
	}{
		{"print", `print("hi", 1, 2.5, nil, true)`, "hi\t1\t2.5\tnil\ttrue\n"},
		{"arithmetic", `print(7 // 2, 7 / 2, 2^10, 10 % 3)`, "3\t3.5\t1024.0\t1\n"},
		{"closures", `local function counter() local n = 0 return function() n = n + 1 return n end end
			local c = counter() c() c() print(c())`, "3\n"},
		{"pcall", `print(pcall(error, "x", 0))`, "false\tx\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, out := newState(t, tide.Options{})
			testutil.NoError(t, s.DoString(context.Background(), tc.src, "=test"))
			testutil.EqualText(t, "output", out.String(), tc.stdout)
		})
	}
}

func TestSyntaxError(t *testing.T) {
	tests := []struct {
		src, chunk, msg, id string
		line                int
	}{
		{"x = = 1", "=t", "t:1: unexpected symbol near '='", "t", 1},
		{"\n\nfor", "@f.lua", "f.lua:3: <name> expected near <eof>", "f.lua", 3},
		{"x = = 1", "x = = 1", `[string "x = = 1"]:1: unexpected symbol near '='`, `[string "x = = 1"]`, 1},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			s, _ := newState(t, tide.Options{})
			err := s.DoString(context.Background(), tc.src, tc.chunk)
			var se *tide.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %T %v, want *tide.SyntaxError", err, err)
			}
			testutil.Equal(t, "Message", se.Message, tc.msg)
			testutil.Equal(t, "Chunk", se.Chunk, tc.id)
			testutil.Equal(t, "Line", se.Line, tc.line)
		})
	}
}

func TestRuntimeError(t *testing.T) {
	tests := []struct {
		name, src, msg, value string
		traceback             bool
	}{
		{"string", `local x = nil; return x.y`, "t:1: attempt to index a nil value (local 'x')", "t:1: attempt to index a nil value (local 'x')", true},
		{"number", `error(42)`, "42", "42", true},
		{"table", `error({})`, "(error object is a table value)", "table: ", true},
		{"nil", `error()`, "(error object is a nil value)", "nil", true},
		{"tostring", `error(setmetatable({}, {__tostring = function() return "custom" end}))`, "custom", "custom", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newState(t, tide.Options{})
			err := s.DoString(context.Background(), tc.src, "=t")
			var e *tide.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %T %v, want *tide.Error", err, err)
			}
			testutil.Equal(t, "Message", e.Message, tc.msg)
			if !strings.HasPrefix(e.Value, tc.value) {
				t.Errorf("Value = %q, want prefix %q", e.Value, tc.value)
			}
			if tc.traceback && !strings.HasPrefix(e.Traceback, "stack traceback:\n") {
				t.Errorf("Traceback = %q, want a stack traceback", e.Traceback)
			}
			if !tc.traceback && e.Traceback != "" {
				t.Errorf("Traceback = %q, want none", e.Traceback)
			}
		})
	}
}

func TestDoFile(t *testing.T) {
	dir := t.TempDir()
	testutil.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	files := map[string]string{
		"main.lua":    "#!/usr/bin/env tide\nprint(...)\nprint(dofile('sub/lib.lua'))\nprint(loadfile('nofile.lua'))\nerror('at line 5')\n",
		"sub/lib.lua": "return 'lib loaded'\n",
	}
	for name, text := range files {
		testutil.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	s, out := newState(t, tide.Options{Dir: dir})
	err := s.DoFile(context.Background(), "main.lua", "a", "b")
	testutil.EqualText(t, "output", out.String(),
		"a\tb\nlib loaded\nnil\tcannot open nofile.lua: No such file or directory\n")
	var e *tide.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want *tide.Error", err, err)
	}
	testutil.Equal(t, "Message", e.Message, "main.lua:5: at line 5")
}

func TestDoFileErrors(t *testing.T) {
	dir := t.TempDir()
	s, _ := newState(t, tide.Options{Dir: dir})
	err := s.DoFile(context.Background(), "nofile.lua")
	testutil.ErrorContains(t, err, "cannot open nofile.lua: No such file or directory")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	err = s.DoFile(context.Background(), ".")
	testutil.ErrorContains(t, err, "cannot read .: Is a directory")
}

func TestStdin(t *testing.T) {
	s, out := newState(t, tide.Options{Stdin: strings.NewReader("print(...)")})
	testutil.NoError(t, s.DoFile(context.Background(), "", "x"))
	testutil.EqualText(t, "output", out.String(), "x\n")
}

func TestArgs(t *testing.T) {
	s, out := newState(t, tide.Options{Args: []string{"tide", "-e", "s", "script.lua", "a"}, ScriptIndex: 3})
	testutil.NoError(t, s.DoString(context.Background(), "print(arg[-3], arg[-2], arg[-1], arg[0], arg[1], #arg)", "=t"))
	testutil.EqualText(t, "output", out.String(), "tide\t-e\ts\tscript.lua\ta\t1\n")
}

func TestCallAndGlobals(t *testing.T) {
	s, _ := newState(t, tide.Options{})
	ctx := context.Background()
	fn, err := s.Load([]byte("local a, b = ... return a .. b, #a"), "=t")
	testutil.NoError(t, err)
	rs, err := s.Call(ctx, fn, tide.String("ab"), tide.Int(3))
	testutil.NoError(t, err)
	testutil.Equal(t, "results", len(rs), 2)
	for i, want := range []string{"ab3", "2"} {
		got, err := s.ToString(rs[i])
		testutil.NoError(t, err)
		testutil.Equal(t, "result", got, want)
	}
	s.SetGlobal("g", tide.Float(1.5))
	v := s.Global("g")
	testutil.Equal(t, "type", v.Type(), "number")
	testutil.Equal(t, "unset global is nil", s.Global("nope").IsNil(), true)
}

func TestClosed(t *testing.T) {
	s := tide.NewState(tide.Options{})
	testutil.NoError(t, s.Close())
	testutil.NoError(t, s.Close())
	if err := s.DoString(context.Background(), "x = 1", "=t"); err == nil {
		t.Error("DoString on a closed State succeeded")
	}
}

func TestCanceledContext(t *testing.T) {
	s, _ := newState(t, tide.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.DoString(ctx, "x = 1", "=t")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
