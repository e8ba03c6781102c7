package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// profFiles are the scripts of the tide prof tests.
var profFiles = map[string]string{
	// hot() takes most of the time, for about 0.2 s of CPU time
	"hot.lua": `local function hot(n)
  local s = 0
  for i = 1, n do s = s + i % 7 end
  return s
end
local function cold(n) local t = {} for i = 1, n do t[i] = {i} end return t end
local t0, rounds = os.clock(), 0
repeat hot(20000) cold(500) rounds = rounds + 1 until os.clock() - t0 > 0.2 and rounds >= 3
print("args", arg[0], ...)
`,
	"fail.lua": "local function f() error('boom') end\nf()\n",
	"exit.lua": "os.exit(3)\n",
}

// TestProfCommand runs tide prof in process.
func TestProfCommand(t *testing.T) {
	dir := t.TempDir()
	for name, text := range profFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	topLine := regexp.MustCompile(`(?m)^ +\d+ +\d+\.\d\d% +\d+\.\d\d% +\d+ +\d+\.\d\d%  hot \(hot\.lua:1\)$`)
	cases := []struct {
		name   string
		args   []string
		stdout string
		status int
		stderr []string // regexps, in order
		files  []string // written, in dir
		check  func(t *testing.T, stderr string)
	}{
		{name: "top table", args: []string{"hot.lua", "x", "y"}, stdout: "args\thot.lua\tx\ty\n",
			stderr: []string{`^\d+ samples at 1000 Hz over \d+\.\d\ds\n`, `flat +flat% +sum% +cum +cum% +function\n`, `hot \(hot\.lua:1\)\n`, `main chunk \(hot\.lua\)\n`},
			check: func(t *testing.T, stderr string) {
				lines := strings.Split(stderr, "\n")
				if len(lines) < 3 || !topLine.MatchString(lines[2]) {
					t.Errorf("hot is not the top entry:\n%s", stderr)
				}
			}},
		{name: "all outputs", args: []string{"--hz", "500", "--out", "cpu.pb.gz", "--folded", "stacks.txt", "--svg", "flame.svg", "--alloc", "alloc.pb.gz", "hot.lua"},
			stdout: "args\thot.lua\n", files: []string{"cpu.pb.gz", "stacks.txt", "flame.svg", "alloc.pb.gz"},
			check: func(t *testing.T, stderr string) {
				if stderr != "" {
					t.Errorf("stderr %q", stderr)
				}
			}},
		{name: "equals form", args: []string{"--hz=2000", "--folded=eq.txt", "hot.lua"}, stdout: "args\thot.lua\n", files: []string{"eq.txt"}},
		{name: "script error", args: []string{"fail.lua"}, status: 1,
			stderr: []string{`^tide: fail\.lua:1: boom\nstack traceback:\n\t\[C\]: in function 'error'\n\tfail\.lua:1: in local 'f'\n\tfail\.lua:2: in main chunk\n\t\[C\]: in \?\n`}},
		{name: "os.exit", args: []string{"exit.lua"}, status: 3},
		{name: "missing script", args: []string{"nothere.lua"}, status: 1, stderr: []string{`^tide: cannot open nothere\.lua`}},
		{name: "unknown flag", args: []string{"--bogus", "hot.lua"}, status: 1, stderr: []string{`^tide prof: unrecognized option '--bogus'\nusage: tide prof`}},
		{name: "bad rate", args: []string{"--hz", "0", "hot.lua"}, status: 1, stderr: []string{`^tide prof: bad value '0' for '--hz' \(a rate from 1 to 100000 expected\)\nusage: tide prof`}},
		{name: "rate not a number", args: []string{"-hz=fast", "hot.lua"}, status: 1, stderr: []string{`^tide prof: bad value 'fast' for '--hz'`}},
		{name: "rate missing", args: []string{"--hz"}, status: 1, stderr: []string{`^tide prof: '--hz' needs argument\n`}},
		{name: "file missing", args: []string{"--svg=", "hot.lua"}, status: 1, stderr: []string{`^tide prof: '--svg' needs a file name\n`}},
		{name: "limit", args: []string{"--max-instructions", "1000", "hot.lua"}, status: 3,
			stderr: []string{`^tide: instruction limit exceeded \(1000 instructions\)\nstack traceback:`}},
		{name: "bad limit", args: []string{"--max-depth", "x", "hot.lua"}, status: 1, stderr: []string{`^tide prof: bad value 'x' for '--max-depth'`}},
		{name: "diagnostics", args: []string{"--coroutines", "--folded", "d.txt", "--", "hot.lua"}, stdout: "args\thot.lua\n",
			stderr: []string{`^coroutines: 0 live\n$`}, files: []string{"d.txt"}},
		{name: "no script", args: []string{"--out", "x.pb.gz"}, status: 1, stderr: []string{`^tide prof: no script given\nusage: tide prof`}},
		{name: "help", args: []string{"-h"}, status: 1, stderr: []string{`^usage: tide prof`}},
		{name: "unwritable output", args: []string{"--out", "no/such/dir/cpu.pb.gz", "fail.lua"}, status: 1,
			stderr: []string{`^tide: fail\.lua:1: boom\n`, `tide prof: open .*no/such/dir/cpu\.pb\.gz: no such file or directory\n`}},
		{name: "unwritable output after success", args: []string{"--svg", "no/such/dir/f.svg", "exit.lua"}, status: 3,
			stderr: []string{`tide prof: open .*f\.svg: no such file or directory\n`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, dir: dir}
			code := run(context.Background(), append([]string{progname, "prof"}, tc.args...), e)
			if code != tc.status {
				t.Errorf("status %d, want %d (stderr %q)", code, tc.status, stderr.String())
			}
			if stdout.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.stdout)
			}
			rest := stderr.String()
			for _, h := range tc.stderr {
				loc := regexp.MustCompile(h).FindStringIndex(rest)
				if loc == nil {
					t.Errorf("stderr lacks %q (in order):\n%s", h, stderr.String())
					break
				}
				rest = rest[loc[1]:]
			}
			for _, f := range tc.files {
				data, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Error(err)
					continue
				}
				checkProfFile(t, f, data)
			}
			if tc.check != nil {
				tc.check(t, stderr.String())
			}
		})
	}
}

// checkProfFile checks the format of an output file by its name.
func checkProfFile(t *testing.T, name string, data []byte) {
	t.Helper()
	switch {
	case strings.HasSuffix(name, ".pb.gz"):
		if len(data) < 20 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("%s is not gzipped", name)
		}
	case strings.HasSuffix(name, ".txt"):
		line := regexp.MustCompile(`^main chunk \(hot\.lua\)(;[^;]+)* [1-9]\d*$`)
		hot := false
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if !line.MatchString(l) {
				t.Errorf("%s: bad folded line %q", name, l)
			}
			hot = hot || strings.Contains(l, ";hot (hot.lua:1) ")
		}
		if !hot {
			t.Errorf("%s has no stack with hot:\n%s", name, data)
		}
	case strings.HasSuffix(name, ".svg"):
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
		}
		if !bytes.Contains(data, []byte("hot (hot.lua:1)")) {
			t.Errorf("%s does not name hot", name)
		}
	}
}

// TestProfPprofTool opens the written profiles with go tool pprof.
func TestProfPprofTool(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool pprof")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hot.lua"), []byte(profFiles["hot.lua"]), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" }, dir: dir}
	if code := run(context.Background(), []string{progname, "prof", "--out", "cpu.pb.gz", "--alloc", "alloc.pb.gz", "hot.lua"}, e); code != 0 {
		t.Fatalf("status %d: %s", code, stderr.String())
	}
	for _, tc := range []struct{ file, typ string }{{"cpu.pb.gz", "Type: cpu"}, {"alloc.pb.gz", "Type: alloc_space"}} {
		out, err := exec.Command(goCmd, "tool", "pprof", "-top", filepath.Join(dir, tc.file)).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool pprof %s: %v\n%s", tc.file, err, out)
		}
		for _, want := range []string{tc.typ, "main chunk (hot.lua)"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("pprof -top %s lacks %q:\n%s", tc.file, want, out)
			}
		}
		if tc.typ == "Type: cpu" && !regexp.MustCompile(`(?m)^\s+\S+\s+[\d.]+%\s+[\d.]+%\s+\S+\s+[\d.]+%\s+hot \(hot\.lua:1\)$`).Match(out) {
			t.Errorf("pprof -top has no line for hot:\n%s", out)
		}
	}
}
