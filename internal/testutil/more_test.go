package testutil

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs  []string
	fatal bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
	r.fatal = true
}

func TestAssertions(t *testing.T) {
	tests := []struct {
		name      string
		check     func(tb testing.TB)
		wantErr   string // "" when the assertion must pass
		wantFatal bool
	}{
		{"Equal pass", func(tb testing.TB) { Equal(tb, "n", 3, 3) }, "", false},
		{"Equal fail", func(tb testing.TB) { Equal(tb, "n", 3, 4) }, "n = 3, want 4", false},
		{"Equal strings", func(tb testing.TB) { Equal(tb, "s", "a", "b") }, "s = a, want b", false},
		{"EqualText pass", func(tb testing.TB) { EqualText(tb, "out", "x\ny\n", "x\ny\n") }, "", false},
		{"EqualText fail", func(tb testing.TB) { EqualText(tb, "out", "x\nZ\n", "x\ny\n") },
			"out differs (-want +got):\n@@ -1 +1 @@\n x\n-y\n+Z\n", false},
		{"NoError pass", func(tb testing.TB) { NoError(tb, nil) }, "", false},
		{"NoError fail", func(tb testing.TB) { NoError(tb, errors.New("boom")) }, "unexpected error: boom", true},
		{"ErrorContains pass", func(tb testing.TB) { ErrorContains(tb, errors.New("a boom b"), "boom") }, "", false},
		{"ErrorContains nil", func(tb testing.TB) { ErrorContains(tb, nil, "boom") }, `got no error, want one containing "boom"`, false},
		{"ErrorContains other", func(tb testing.TB) { ErrorContains(tb, errors.New("bang"), "boom") }, `error "bang" does not contain "boom"`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			tc.check(r)
			got := strings.Join(r.errs, "|")
			Equal(t, "failure", got, tc.wantErr)
			Equal(t, "fatal", r.fatal, tc.wantFatal)
		})
	}
}

func TestCompareResults(t *testing.T) {
	ok := Result{Stdout: "a\n"}
	tests := []struct {
		name      string
		want, got Result
		problems  []string
	}{
		{"same", ok, Result{Stdout: "a\n"}, nil},
		{"same failure", Result{Stderr: "tide: e\n", ExitCode: 1}, Result{Stderr: "tide: e\n", ExitCode: 2}, nil},
		{"stdout", ok, Result{Stdout: "b\n"}, []string{"stdout differs (-lua5.4 +tide):", "-a", "+b"}},
		{"stderr", Result{Stderr: "x\n", ExitCode: 1}, Result{Stderr: "y\n", ExitCode: 1}, []string{"stderr differs (-lua5.4 +tide):", "-x", "+y"}},
		{"tide fails", ok, Result{Stdout: "a\n", ExitCode: 1}, []string{"exit status 1, lua5.4 exited with 0"}},
		{"tide succeeds", Result{ExitCode: 1}, Result{}, []string{"exit status 0, lua5.4 exited with 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := CompareResults(tc.want, tc.got)
			if tc.problems == nil {
				Equal(t, "problem", p, "")
			}
			lines := strings.Split(p, "\n")
			for _, want := range tc.problems {
				found := false
				for _, l := range lines {
					found = found || l == want
				}
				if !found {
					t.Errorf("problem lacks line %q:\n%s", want, p)
				}
			}
		})
	}
}

func TestDiffEdgeCases(t *testing.T) {
	t.Run("no limit", func(t *testing.T) {
		// maxLines 0 means no limit: the whole diff is shown.
		d := Diff("a\n", "b\n", 0)
		if !strings.Contains(d, "-a") || !strings.Contains(d, "+b") {
			t.Errorf("Diff with maxLines 0 = %q, want both lines", d)
		}
	})
	t.Run("header is the last line", func(t *testing.T) {
		want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
		got := "a\nX\nc\nd\ne\nf\ng\nh\ni\nj\nY\n"
		d := Diff(want, got, 6) // the first hunk takes 6 lines: header, a, -b, +X, c, d
		if n := strings.Count(d, "@@ -"); n != 1 || strings.Contains(d, "+Y") {
			t.Errorf("got %d hunk headers, want the second hunk cut before its header:\n%s", n, d)
		}
	})
	t.Run("control characters", func(t *testing.T) {
		d := Diff("a\n", "a\x01\n", 10)
		if !strings.Contains(d, `+a\x01  (quoted)`) {
			t.Errorf("control character not made visible:\n%s", d)
		}
	})
	t.Run("huge", func(t *testing.T) {
		// Too many lines for the LCS table: the diff falls back to
		// removing every differing line and adding the new ones.
		var want, got strings.Builder
		want.WriteString("same\n")
		got.WriteString("same\n")
		for i := range 2100 {
			fmt.Fprintf(&want, "w%d\n", i)
			fmt.Fprintf(&got, "g%d\n", i)
		}
		want.WriteString("tail\n")
		got.WriteString("tail\n")
		d := Diff(want.String(), got.String(), 1_000_000)
		for _, line := range []string{"@@ -1 +1 @@", " same", "-w0", "-w2099", "+g0", "+g2099", " tail"} {
			if !strings.Contains(d, "\n"+line+"\n") && !strings.HasPrefix(d, line+"\n") {
				t.Errorf("huge diff lacks line %q", line)
			}
		}
		if i, j := strings.Index(d, "-w2099"), strings.Index(d, "+g0"); i > j {
			t.Error("huge diff interleaves removals and additions")
		}
	})
}

func TestGoldenErrors(t *testing.T) {
	dir := t.TempDir()
	s := Script{"x", "x.lua"}
	_, err := ReadGolden(dir, s)
	ErrorContains(t, err, "golden stdout")
	NoError(t, os.WriteFile(filepath.Join(dir, "x.out"), []byte("out\n"), 0o644))
	NoError(t, os.Mkdir(filepath.Join(dir, "x.err"), 0o755)) // unreadable as a file
	_, err = ReadGolden(dir, s)
	ErrorContains(t, err, "golden stderr")

	_, err = ReadKnownFailures(dir) // a directory
	if err == nil {
		t.Error("ReadKnownFailures(directory) succeeded")
	}
	known, err := ReadKnownFailures(filepath.Join(dir, "missing"))
	NoError(t, err)
	Equal(t, "entries of a missing file", len(known), 0)
}

func TestScriptsListing(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.lua", "a.lua", "notes.txt", "c.lua.out"} {
		NoError(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
	}
	NoError(t, os.Mkdir(filepath.Join(dir, "sub.lua"), 0o755))
	got, err := Scripts(dir)
	NoError(t, err)
	Equal(t, "scripts", fmt.Sprint(got), "[{a a.lua} {b b.lua}]")
	_, err = Scripts(filepath.Join(dir, "missing"))
	if err == nil {
		t.Error("Scripts(missing directory) succeeded")
	}
}

func TestLookupReferenceMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := LookupReference()
	ErrorContains(t, err, "lua5.4 is not on PATH")
	t.Setenv("CI", "")
	t.Run("ReferenceForTest skips", func(t *testing.T) {
		defer func() {
			if !t.Skipped() {
				t.Error("ReferenceForTest did not skip without lua5.4")
			}
		}()
		ReferenceForTest(t)
		t.Error("ReferenceForTest returned without lua5.4")
	})
}

func TestRunReferenceErrors(t *testing.T) {
	dir := t.TempDir()
	bogus := filepath.Join(dir, "no-such-lua")
	_, err := RunReference(context.Background(), bogus, dir, "x.lua")
	ErrorContains(t, err, "running lua5.4 x.lua")
	err = UpdateGolden(context.Background(), bogus, dir, Script{"x", "x.lua"})
	ErrorContains(t, err, "running lua5.4 x.lua")
}

func TestCleanEnv(t *testing.T) {
	got := cleanEnv([]string{"A=1", "LUA_INIT=print(1)", "LUA_INIT_5_4=@x", "B=LUA_INIT"})
	Equal(t, "env", strings.Join(got, " "), "A=1 B=LUA_INIT")
}

// TestRunScriptsReference drives the differential mode with lua5.4
// standing in for tide: -update writes the goldens, and the differential
// run then finds tide (lua5.4) agreeing with the reference and the goldens.
func TestRunScriptsReference(t *testing.T) {
	lua := ReferenceForTest(t)
	if p, err := LookupReference(); err != nil || p != lua {
		t.Fatalf("ReferenceForTest = %q, LookupReference = %q, %v", lua, p, err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("ok.lua", "print('ok', 6 * 7)\n")
	write("fails.lua", "print('partial')\nerror('late')\n")
	write("known.lua", "print(1)\n")
	write(KnownFailuresFile, "known demo entry\n")
	RunScripts(t, Config{Dir: dir, Reference: lua, Update: true})
	g, err := ReadGolden(dir, Script{"fails", "fails.lua"})
	NoError(t, err)
	Equal(t, "fails.out", g.Stdout, "partial\n")
	Equal(t, "fails.err exists", g.HasErr, true)
	ErrorContains(t, errors.New(g.Stderr), "tide: fails.lua:2: late")

	asTide := func(ctx context.Context, d, file string) Result {
		r, err := RunReference(ctx, lua, d, file)
		if err != nil {
			return Result{Stderr: err.Error(), ExitCode: 1}
		}
		return r
	}
	RunScripts(t, Config{Dir: dir, Reference: lua, Run: asTide, RunKnown: true, Timeout: 30 * time.Second})

	cfg := Config{Dir: dir, Reference: lua, Timeout: 10 * time.Second}
	cfg.Run = func(context.Context, string, string) Result { return Result{Stdout: "other\n"} }
	p := checkScript(t, cfg, Script{"ok", "ok.lua"}, cfg.Timeout)
	ErrorContains(t, errors.New(p), "stdout differs (-lua5.4 +tide)")
	cfg.Run = func(context.Context, string, string) Result { panic("crash") }
	p = checkScript(t, cfg, Script{"ok", "ok.lua"}, cfg.Timeout)
	Equal(t, "problem", p, "panic running ok.lua: crash")
	cfg.Reference = filepath.Join(dir, "no-such-lua")
	p = checkScript(t, cfg, Script{"ok", "ok.lua"}, cfg.Timeout)
	ErrorContains(t, errors.New(p), "running lua5.4 ok.lua")
}

// TestCheckScriptGoldens covers the goldens-mode problems that checkScript
// reports: a missing golden and a crashing runner.
func TestCheckScriptGoldens(t *testing.T) {
	dir := t.TempDir()
	NoError(t, os.WriteFile(filepath.Join(dir, "s.lua"), nil, 0o644))
	cfg := Config{Dir: dir, Run: func(context.Context, string, string) Result { return Result{} }}
	p := checkScript(t, cfg, Script{"s", "s.lua"}, time.Second)
	ErrorContains(t, errors.New(p), "golden stdout")
	NoError(t, os.WriteFile(filepath.Join(dir, "s.out"), []byte("x\n"), 0o644))
	cfg.Run = func(context.Context, string, string) Result { panic("crash") }
	p = checkScript(t, cfg, Script{"s", "s.lua"}, time.Second)
	Equal(t, "problem", p, "panic running s.lua: crash")
	cfg.Run = func(context.Context, string, string) Result { return Result{Stdout: "x\n"} }
	Equal(t, "problem", checkScript(t, cfg, Script{"s", "s.lua"}, time.Second), "")
}

func TestRunScriptsEmpty(t *testing.T) {
	dir := t.TempDir()
	t.Run("skips", func(t *testing.T) {
		defer func() {
			if !t.Skipped() {
				t.Error("RunScripts on an empty directory did not skip")
			}
		}()
		RunScripts(t, Config{Dir: dir})
	})
}
