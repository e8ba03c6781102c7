package testutil

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Result is what running one script produced: its standard output, its
// standard error and the process exit status (0 for success).
type Result struct {
	Stdout   string
	Stderr   string
	ExitCode int
}

// RunFunc runs the script file (a file name relative to dir, such as
// "lexer_escapes.lua") the way "tide file" would if started in dir: the
// chunk name is "@"+file and relative file names inside the script resolve
// against dir. It must honour ctx where it can and must not change the
// process's working directory.
type RunFunc func(ctx context.Context, dir, file string) Result

// Script is one test script in a script directory.
type Script struct {
	Name string // file name without ".lua", used as the subtest name
	File string // file name, relative to the directory
}

// Scripts lists the *.lua files directly inside dir, sorted by name.
func Scripts(dir string) ([]Script, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Script
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".lua") {
			continue
		}
		out = append(out, Script{Name: strings.TrimSuffix(name, ".lua"), File: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Golden is the expected result of a script, read from its golden files.
type Golden struct {
	Stdout string // contents of name.out
	Stderr string // contents of name.err, when HasErr
	HasErr bool   // name.err exists: the script must fail at top level
}

// ReadGolden reads the golden files of s in dir. A missing .out file is an
// error; a missing .err file means the script must succeed.
func ReadGolden(dir string, s Script) (Golden, error) {
	var g Golden
	out, err := os.ReadFile(filepath.Join(dir, s.Name+".out"))
	if err != nil {
		return g, fmt.Errorf("golden stdout: %w", err)
	}
	g.Stdout = string(out)
	errText, err := os.ReadFile(filepath.Join(dir, s.Name+".err"))
	switch {
	case err == nil:
		g.Stderr, g.HasErr = string(errText), true
	case !errors.Is(err, fs.ErrNotExist):
		return g, fmt.Errorf("golden stderr: %w", err)
	}
	return g, nil
}

// KnownFailuresFile is the name of the file, inside a script directory,
// that lists scripts expected to fail for now.
const KnownFailuresFile = "KNOWN_FAILURES"

// ReadKnownFailures parses a known-failures file: one entry per line,
// "<script> <reason...>", where script is a file name with or without
// ".lua"; blank lines and lines starting with '#' are ignored. It returns
// the reasons by script name (without ".lua"). A missing file is an empty
// list. Every entry must give a reason, and a script may appear only once.
func ReadKnownFailures(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseKnownFailures(path, data)
}

// ParseKnownFailures parses the contents of a known-failures file; name is
// used in error messages. See [ReadKnownFailures] for the format.
func ParseKnownFailures(name string, data []byte) (map[string]string, error) {
	known := map[string]string{}
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		script, reason, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(script, '\t'); i >= 0 {
			script, reason = script[:i], script[i+1:]+" "+reason
		}
		script = strings.TrimSuffix(script, ".lua")
		reason = strings.TrimSpace(reason)
		switch {
		case reason == "":
			errs = append(errs, fmt.Errorf("%s:%d: entry %q has no reason", name, ln, script))
		case known[script] != "":
			errs = append(errs, fmt.Errorf("%s:%d: duplicate entry %q", name, ln, script))
		default:
			known[script] = reason
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, err)
	}
	return known, errors.Join(errs...)
}

// NormalizeStderr replaces the program-name prefix "prog: " that starts the
// error output of the lua program by "tide: ", leaving everything else
// (message, traceback) unchanged.
func NormalizeStderr(stderr, prog string) string {
	if rest, ok := strings.CutPrefix(stderr, prog+": "); ok {
		return "tide: " + rest
	}
	return stderr
}

// Compare checks a script's result against its golden files and returns a
// description of every difference, or "" when the result matches. Without
// a .err file the script must exit with status 0; with one, it must exit
// with a non-zero status and print exactly that error text.
func Compare(g Golden, r Result) string {
	var sb strings.Builder
	if d := Diff(g.Stdout, r.Stdout, 40); d != "" {
		fmt.Fprintf(&sb, "stdout differs (-want +got):\n%s", d)
	}
	switch {
	case g.HasErr && r.ExitCode == 0:
		fmt.Fprintf(&sb, "exit status 0, want a failure with stderr:\n%s", g.Stderr)
	case g.HasErr:
		if d := Diff(g.Stderr, r.Stderr, 40); d != "" {
			fmt.Fprintf(&sb, "stderr differs (-want +got):\n%s", d)
		}
	case r.ExitCode != 0:
		fmt.Fprintf(&sb, "exit status %d, want 0; stderr:\n%s", r.ExitCode, r.Stderr)
	}
	return sb.String()
}

// CompareResults checks a result against the reference interpreter's
// result: same stdout, same stderr, and both succeeded or both failed.
func CompareResults(want, got Result) string {
	var sb strings.Builder
	if d := Diff(want.Stdout, got.Stdout, 40); d != "" {
		fmt.Fprintf(&sb, "stdout differs (-lua5.4 +tide):\n%s", d)
	}
	if d := Diff(want.Stderr, got.Stderr, 40); d != "" {
		fmt.Fprintf(&sb, "stderr differs (-lua5.4 +tide):\n%s", d)
	}
	if (want.ExitCode == 0) != (got.ExitCode == 0) {
		fmt.Fprintf(&sb, "exit status %d, lua5.4 exited with %d\n", got.ExitCode, want.ExitCode)
	}
	return sb.String()
}
