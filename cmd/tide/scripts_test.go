package main

import (
	"bytes"
	"context"
	"flag"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/testutil"
)

var (
	update   = flag.Bool("update", false, "regenerate the testdata/scripts goldens from lua5.4")
	runKnown = flag.Bool("known", false, "also run the scripts listed in KNOWN_FAILURES and report those that pass")
)

// scriptDir holds the cross-stage test scripts.
const scriptDir = "../../testdata/scripts"

// runScript runs one script in-process exactly as "tide file" would from
// inside dir, with an empty standard input and no LUA_INIT.
func runScript(ctx context.Context, dir, file string) testutil.Result {
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(string) string { return "" },
		dir:    dir,
	}
	code := run(ctx, []string{progname, file}, e)
	return testutil.Result{Stdout: stdout.String(), Stderr: stderr.String(), ExitCode: code}
}

// TestScripts runs testdata/scripts/*.lua and compares their output with
// the golden files (.out, .err). With -update it regenerates the goldens
// from lua5.4 instead.
func TestScripts(t *testing.T) {
	cfg := testutil.Config{Dir: scriptDir, Run: runScript, RunKnown: *runKnown}
	if *update {
		cfg.Update = true
		cfg.Reference = testutil.ReferenceForTest(t)
	}
	testutil.RunScripts(t, cfg)
}

// TestScriptsReference runs the same scripts under lua5.4 and compares
// tide's output with it, and checks that the goldens are not stale.
func TestScriptsReference(t *testing.T) {
	if *update {
		t.Skip("goldens are being regenerated")
	}
	ref := testutil.ReferenceForTest(t)
	testutil.RunScripts(t, testutil.Config{Dir: scriptDir, Run: runScript, RunKnown: *runKnown, Reference: ref})
}
