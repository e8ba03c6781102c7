package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/internal/testutil"
)

// exitCases are os.exit calls with what lua5.4 5.4.4 prints and the exit
// status it ends with.
var exitCases = []struct {
	name   string
	args   []string
	stdin  string
	stdout string
	status int
}{
	{name: "status", args: []string{"-e", "print('a') os.exit(3) print('b')"}, stdout: "a\n", status: 3},
	{name: "true", args: []string{"-e", "os.exit(true)"}, status: 0},
	{name: "false", args: []string{"-e", "os.exit(false)"}, status: 1},
	{name: "default", args: []string{"-e", "os.exit()"}, status: 0},
	{name: "wraps to a byte", args: []string{"-e", "os.exit(259)"}, status: 3},
	{name: "negative", args: []string{"-e", "os.exit(-1)"}, status: 255},
	{name: "pcall cannot catch", args: []string{"-e", "print(pcall(os.exit, 4)) print('after')"}, status: 4},
	{name: "inside coroutine", args: []string{"-e", "coroutine.wrap(function() os.exit(5) end)()"}, status: 5},
	{name: "later options do not run", args: []string{"-e", "os.exit(6)", "-e", "print('x')"}, status: 6},
	{name: "close runs finalizers",
		args:   []string{"-e", "setmetatable({}, {__gc = function() print('gc') end}) os.exit(0, true)"},
		stdout: "gc\n", status: 0},
	{name: "no close: no finalizers",
		args:   []string{"-e", "setmetatable({}, {__gc = function() print('gc') end}) os.exit(2)"},
		status: 2},
	{name: "close runs pending __close",
		args:   []string{"-e", "local x <close> = setmetatable({}, {__close = function() print('closed') end}) os.exit(7, true)"},
		stdout: "closed\n", status: 7},
	{name: "no close: __close skipped",
		args:   []string{"-e", "local x <close> = setmetatable({}, {__close = function() print('closed') end}) os.exit(7)"},
		status: 7},
	{name: "inside a finalizer",
		args:   []string{"-e", "setmetatable({}, {__gc = function() print('gc') os.exit(9) end}) collectgarbage() print('not reached')"},
		stdout: "gc\n", status: 9},
	{name: "script", args: []string{"-"}, stdin: "print(1)\nos.exit(8)\n", stdout: "1\n", status: 8},
	{name: "repl", args: []string{"-i"}, stdin: "print(1)\nos.exit(9)\nprint(2)\n",
		stdout: "tide 0.1 (Lua 5.4)\n> 1\n> ", status: 9},
}

// TestExitStatus runs the built binary: os.exit ends the process with the
// status, after flushing the output.
func TestExitStatus(t *testing.T) {
	if binary == "" {
		t.Fatal("the tide binary could not be built (see the TestMain output)")
	}
	for _, tc := range exitCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(binary, tc.args...)
			cmd.Dir = t.TempDir()
			cmd.Env = cleanEnv()
			cmd.Stdin = strings.NewReader(tc.stdin)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			testutil.EqualText(t, "stdout", stdout.String(), tc.stdout)
			testutil.EqualText(t, "stderr", stderr.String(), "")
			testutil.Equal(t, "exit status", status, tc.status)
		})
	}
}

// TestExitInProcess checks run's status for os.exit without a process
// (the byte wrapping is the operating system's, so the full code shows).
func TestExitInProcess(t *testing.T) {
	for _, tc := range exitCases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(tc.stdin), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, dir: t.TempDir()}
			code := run(context.Background(), append([]string{progname}, tc.args...), e)
			testutil.Equal(t, "exit status", code&0xff, tc.status)
			testutil.EqualText(t, "stdout", stdout.String(), tc.stdout)
			testutil.EqualText(t, "stderr", stderr.String(), "")
		})
	}
}

// TestExitError checks that a host sees os.exit as a *tide.ExitError.
func TestExitError(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	err := s.DoString(context.Background(), "pcall(os.exit, 12, true)", "=t")
	var ee *tide.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("DoString error %v (%T), want a *tide.ExitError", err, err)
	}
	testutil.Equal(t, "code", ee.Code, 12)
	testutil.Equal(t, "close", ee.Close, true)
	testutil.NoError(t, s.DoString(context.Background(), "x = 1", "=t"))
}
