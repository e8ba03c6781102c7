package testutil

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, want, got string
		contains        []string
	}{
		{"equal", "a\nb\n", "a\nb\n", nil},
		{"changed line", "a\nb\nc\n", "a\nX\nc\n", []string{"@@ -1 +1 @@", " a", "-b", "+X", " c"}},
		{"added line", "a\nc\n", "a\nb\nc\n", []string{"+b"}},
		{"removed tail", "a\nb\n", "a\n", []string{"-b"}},
		{"missing newline", "a\n", "a", []string{"-a", "+a\\ (no newline at end)"}},
		{"trailing blank", "a\n", "a \n", []string{"+a   (quoted)"}},
		{"empty got", "x\n", "", []string{"-x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Diff(tc.want, tc.got, 100)
			if tc.contains == nil {
				Equal(t, "Diff", d, "")
				return
			}
			lines := strings.Split(d, "\n")
			for _, c := range tc.contains {
				found := false
				for _, l := range lines {
					if l == c {
						found = true
					}
				}
				if !found {
					t.Errorf("diff lacks line %q:\n%s", c, d)
				}
			}
		})
	}
}

func TestDiffHunksAndTruncation(t *testing.T) {
	var want, got strings.Builder
	for i := range 100 {
		line := strings.Repeat("x", i%7) + "\n"
		want.WriteString(line)
		if i == 10 || i == 80 {
			line = "changed\n"
		}
		got.WriteString(line)
	}
	d := Diff(want.String(), got.String(), 100)
	if n := strings.Count(d, "@@ -"); n != 2 {
		t.Errorf("want 2 hunks, got %d:\n%s", n, d)
	}
	if !strings.Contains(d, "@@ -8 +8 @@") {
		t.Errorf("first hunk should start at line 8:\n%s", d)
	}
	short := Diff(want.String(), got.String(), 3)
	if !strings.Contains(short, "truncated") {
		t.Errorf("long diff not truncated:\n%s", short)
	}
}

func TestParseKnownFailures(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string
		err        string
	}{
		{"empty", "", map[string]string{}, ""},
		{"comments", "# header\n\n  # indented\n", map[string]string{}, ""},
		{"entries", "a.lua  reason one\nb\treason two\n", map[string]string{"a": "reason one", "b": "reason two"}, ""},
		{"no reason", "a.lua\n", map[string]string{}, "no reason"},
		{"duplicate", "a x\na.lua y\n", map[string]string{"a": "x"}, "duplicate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseKnownFailures("KF", []byte(tc.text))
			if tc.err == "" {
				NoError(t, err)
			} else {
				ErrorContains(t, err, tc.err)
			}
			Equal(t, "len", len(got), len(tc.want))
			for k, v := range tc.want {
				Equal(t, k, got[k], v)
			}
		})
	}
}

func TestNormalizeStderr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lua5.4: x.lua:1: boom\nstack traceback:\n", "tide: x.lua:1: boom\nstack traceback:\n"},
		{"warning lua5.4: \n", "warning lua5.4: \n"},
		{"", ""},
	}
	for _, tc := range tests {
		Equal(t, "NormalizeStderr", NormalizeStderr(tc.in, "lua5.4"), tc.want)
	}
}

func TestCompare(t *testing.T) {
	ok := Golden{Stdout: "1\n"}
	fail := Golden{Stdout: "", Stderr: "tide: e\n", HasErr: true}
	tests := []struct {
		name    string
		g       Golden
		r       Result
		problem string
	}{
		{"match", ok, Result{Stdout: "1\n"}, ""},
		{"stdout", ok, Result{Stdout: "2\n"}, "stdout differs"},
		{"unexpected failure", ok, Result{Stdout: "1\n", Stderr: "tide: x\n", ExitCode: 1}, "exit status 1, want 0"},
		{"expected failure", fail, Result{Stderr: "tide: e\n", ExitCode: 1}, ""},
		{"wrong error", fail, Result{Stderr: "tide: f\n", ExitCode: 1}, "stderr differs"},
		{"missing failure", fail, Result{}, "want a failure"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Compare(tc.g, tc.r)
			if tc.problem == "" {
				Equal(t, "problem", p, "")
			} else if !strings.Contains(p, tc.problem) {
				t.Errorf("problem %q lacks %q", p, tc.problem)
			}
		})
	}
}

// TestRunScripts drives the runner with a fake interpreter that "runs" a
// script by echoing the text after "--out:" in it.
func TestRunScripts(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("a_ok.lua", "--out:hello")
	write("a_ok.out", "hello\n")
	write("b_known.lua", "--out:wrong")
	write("b_known.out", "right\n")
	write(KnownFailuresFile, "# test\nb_known.lua not implemented\n")
	fake := func(ctx context.Context, d, file string) Result {
		src, err := os.ReadFile(filepath.Join(d, file))
		if err != nil {
			return Result{Stderr: err.Error(), ExitCode: 1}
		}
		_, out, _ := strings.Cut(string(src), "--out:")
		return Result{Stdout: out + "\n"}
	}
	RunScripts(t, Config{Dir: dir, Run: fake})
	RunScripts(t, Config{Dir: dir, Run: fake, RunKnown: true})
}

// TestUpdateGolden regenerates goldens in a temporary directory from the
// reference interpreter, when it is installed.
func TestUpdateGolden(t *testing.T) {
	lua, err := LookupReference()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("ok.lua", "print('hi', 1 + 1)\n")
	write("ok.err", "stale\n")
	write("fail.lua", "print('before')\nerror('boom')\n")
	ctx := context.Background()
	for _, s := range []Script{{"ok", "ok.lua"}, {"fail", "fail.lua"}} {
		NoError(t, UpdateGolden(ctx, lua, dir, s))
	}
	g, err := ReadGolden(dir, Script{"ok", "ok.lua"})
	NoError(t, err)
	Equal(t, "ok stdout", g.Stdout, "hi\t2\n")
	Equal(t, "ok has .err", g.HasErr, false)
	g, err = ReadGolden(dir, Script{"fail", "fail.lua"})
	NoError(t, err)
	Equal(t, "fail stdout", g.Stdout, "before\n")
	Equal(t, "fail stderr", g.Stderr, "tide: fail.lua:2: boom\nstack traceback:\n\t[C]: in function 'error'\n\tfail.lua:2: in main chunk\n\t[C]: in ?\n")
}

// TestRunGuarded checks that a panicking or hanging runner becomes a
// failure description instead of crashing or blocking the test binary.
func TestRunGuarded(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name    string
		run     RunFunc
		problem string
	}{
		{"ok", func(context.Context, string, string) Result { return Result{Stdout: "x"} }, ""},
		{"panic", func(context.Context, string, string) Result { panic("bad") }, "panic running s.lua: bad"},
		{"hang", func(context.Context, string, string) Result { <-release; return Result{} }, "the script hangs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			_, problem := runGuarded(ctx, Config{Run: tc.run}, Script{"s", "s.lua"}, 20*time.Millisecond)
			if tc.problem == "" {
				Equal(t, "problem", problem, "")
			} else if !strings.Contains(problem, tc.problem) {
				t.Errorf("problem %q lacks %q", problem, tc.problem)
			}
		})
	}
}
