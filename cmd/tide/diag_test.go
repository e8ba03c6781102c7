package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// diagScript leaks a coroutine in a global queue, keeps a large table
// and fails with an error.
const diagScript = `queue = {}
local function job(n)
  local state = n * 2
  coroutine.yield(state)
end
local co = coroutine.create(job)
coroutine.resume(co, 21)
queue[1] = co
big = {}
for i = 1, 20000 do big[i] = i end
local label = "done"
print(label)
`

// TestDiagOptions runs the command with the diagnostic options, in
// process.
func TestDiagOptions(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stdout string
		status int
		has    []string // in stderr, in order
		hasNot []string
	}{
		{"mem-report", []string{"--mem-report", "s.lua"}, "done\n", 0,
			[]string{"memory report\n", "Lua heap (live objects", "tables", "largest tables:", "s.lua:9",
				"Go runtime", "heap in use", "heap idle", "released to the OS", "goroutine stacks", "process RSS",
				"Lua live / heap in use", "where the memory goes:", "=> mostly", "GC statistics:", "Go cycles", "GC pauses", "heap goal", "tide collections"},
			[]string{"coroutines:"}},
		{"mem-report after an error", []string{"--mem-report", "-e", "t = {} for i = 1, 100 do t[i] = i end error('x')"}, "", 1,
			[]string{"tide: (command line):1: x\n", "stack traceback:", "memory report\n", "(command line):1"}, nil},
		{"coroutines", []string{"--coroutines", "s.lua"}, "done\n", 0,
			[]string{"coroutines: 1 live\n#1 suspended, created at s.lua:6, age ", ", at s.lua:4\n\t[C]: in function 'coroutine.yield'\n\ts.lua:4: in function <s.lua:2>\n"},
			[]string{"memory report"}},
		{"no coroutines", []string{"--coroutines", "-e", "coroutine.wrap(print)()"}, "\n", 0,
			[]string{"coroutines: 0 live\n"}, nil},
		{"traceback-locals", []string{"--traceback-locals", "-e", "local x, s = 1, 'two' local function f(a) error('boom') end f(x)"}, "", 1,
			[]string{"tide: (command line):1: boom\nstack traceback:\n\t[C]: in function 'error'\n\t(command line):1: in local 'f'\n\t\ta = 1\n\t(command line):1: in main chunk\n\t\tx = 1\n\t\ts = \"two\"\n\t\tf = function: 0x"},
			nil},
		{"traceback without locals", []string{"-e", "local x = 1 error('boom')"}, "", 1,
			[]string{"tide: (command line):1: boom\nstack traceback:\n\t[C]: in function 'error'\n\t(command line):1: in main chunk\n\t[C]: in ?\n"},
			[]string{"x = 1"}},
		{"all three", []string{"--coroutines", "--traceback-locals", "--mem-report", "s.lua"}, "done\n", 0,
			[]string{"coroutines: 1 live", "memory report"}, nil},
		{"value refused", []string{"--mem-report=yes", "s.lua"}, "", 1,
			[]string{"tide: option '--mem-report' takes no value\nusage:"}, nil},
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.lua"), []byte(diagScript), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, dir: dir}
			code := run(context.Background(), append([]string{progname}, tc.args...), e)
			if code != tc.status {
				t.Errorf("status %d, want %d (stderr %q)", code, tc.status, stderr.String())
			}
			if stdout.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.stdout)
			}
			rest := stderr.String()
			for _, h := range tc.has {
				i := strings.Index(rest, h)
				if i < 0 {
					t.Errorf("stderr lacks %q (in order):\n%s", h, stderr.String())
					break
				}
				rest = rest[i+len(h):]
			}
			for _, h := range tc.hasNot {
				if strings.Contains(stderr.String(), h) {
					t.Errorf("stderr has %q:\n%s", h, stderr.String())
				}
			}
		})
	}
}

// TestDiagBinary checks that the built command prints the reports to
// stderr at exit.
func TestDiagBinary(t *testing.T) {
	if binary == "" {
		t.Skip("tide not built")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.lua"), []byte(diagScript), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "--mem-report", "--coroutines", "s.lua")
	cmd.Dir = dir
	cmd.Env = cleanEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	if stdout.String() != "done\n" {
		t.Errorf("stdout %q", stdout.String())
	}
	for _, h := range []string{"coroutines: 1 live", "memory report", "process RSS", "GC statistics:"} {
		if !strings.Contains(stderr.String(), h) {
			t.Errorf("stderr lacks %q:\n%s", h, stderr.String())
		}
	}
}

func TestDiagParse(t *testing.T) {
	for _, a := range []string{"--mem-report", "--coroutines", "--traceback-locals"} {
		o := parseArgs([]string{progname, a, "x.lua"})
		if o.bad != "" || o.script != 2 {
			t.Errorf("%s: %+v", a, o)
		}
		if diagTakesValue(a) || longTakesValue(a) {
			t.Errorf("%s takes a value", a)
		}
	}
	o := parseArgs([]string{progname, "--mem-reports", "x.lua"})
	if o.bad != "--mem-reports" || o.badMsg != "" {
		t.Errorf("unknown option: %+v", o)
	}
}
