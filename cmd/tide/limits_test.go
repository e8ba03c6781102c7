package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestLimits runs the command with the limit options, in process.
func TestLimits(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stdout string
		stderr string // the first line; a traceback may follow
		status int
	}{
		{"instructions", []string{"--max-instructions", "1e6", "-e", "while true do end"}, "",
			"tide: instruction limit exceeded (1000000 instructions)", 3},
		{"instructions with =", []string{"--max-instructions=1000000", "-e", "local function f() while true do end end print(pcall(f))"}, "",
			"tide: instruction limit exceeded (1000000 instructions)", 3},
		{"depth", []string{"--max-depth", "100", "-e", "local function f() return 1 + f() end print(pcall(f))"}, "",
			"tide: depth limit exceeded (100 calls)", 3},
		{"timeout", []string{"--timeout", "50ms", "-e", "while true do end"}, "",
			"tide: time limit exceeded (50ms)", 3},
		{"memory", []string{"--max-memory", "64MiB", "-e", "local t = {} for i = 1, 1e9 do t[i] = {i} end"}, "",
			"tide: memory limit exceeded (64 MiB)", 3},
		{"memory decimal", []string{"--max-memory=20MB", "-e", "local s = ('x'):rep(30e6)"}, "",
			"tide: memory limit exceeded (20 MB)", 3},
		{"memory before allocating", []string{"--max-memory", "1GiB", "-e", "print(pcall(string.rep, 'x', 2^31 - 1))"}, "",
			"tide: memory limit exceeded (1 GiB)", 3},
		{"memory before allocating, huge", []string{"--max-memory", "1GiB", "-e", "print(pcall(string.rep, 'x', 2^40))"}, "",
			"tide: memory limit exceeded (1 GiB)", 3},
		{"memory churn", []string{"--max-memory", "16MiB", "-e", "local n = 0 for i = 1, 2e5 do local t = {('x'):rep(1000) .. i} n = n + #t[1] end print(n)"},
			"201088895\n", "", 0},
		{"bad size", []string{"--max-memory", "64XB"}, "",
			"tide: bad value '64XB' for '--max-memory' (a size such as 64MiB, 500MB or 1048576 expected)", 1},
		{"within limits", []string{"--max-instructions", "1e6", "--max-depth", "100", "--timeout", "1m", "-e", "print(1 + 1)"}, "2\n", "", 0},
		{"sandbox", []string{"--sandbox", "-e", "print(io, os.getenv, string.dump, os.time ~= nil)"}, "nil\tnil\tnil\ttrue\n", "", 0},
		{"sandbox error", []string{"--sandbox", "-e", "io.write('x')"}, "",
			"tide: (command line):1: attempt to index a nil value (global 'io')", 1},
		{"bad count", []string{"--max-depth", "x"}, "",
			"tide: bad value 'x' for '--max-depth' (a positive count such as 1000 or 1e9 expected)", 1},
		{"bad duration", []string{"--timeout", "-1s"}, "",
			"tide: bad value '-1s' for '--timeout' (a duration such as 500ms or 2s expected)", 1},
		{"missing value", []string{"--timeout"}, "", "tide: '--timeout' needs argument", 1},
		{"unknown", []string{"--maxdepth", "3"}, "", "tide: unrecognized option '--maxdepth'", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, dir: t.TempDir()}
			code := run(context.Background(), append([]string{progname}, tc.args...), e)
			if code != tc.status {
				t.Errorf("status %d, want %d (stderr %q)", code, tc.status, stderr.String())
			}
			if stdout.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.stdout)
			}
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if first != tc.stderr {
				t.Errorf("stderr %q, want first line %q", stderr.String(), tc.stderr)
			}
		})
	}
}
