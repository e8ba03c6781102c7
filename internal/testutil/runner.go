package testutil

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Config configures [RunScripts].
type Config struct {
	// Dir is the script directory (testdata/scripts).
	Dir string
	// Run runs one script under tide.
	Run RunFunc
	// Timeout bounds one script run; it only catches hangs. Zero means
	// one minute.
	Timeout time.Duration
	// RunKnown runs the scripts listed as known failures too, and logs
	// those that now pass (so the list can be pruned), instead of skipping
	// them unrun. They are still reported as skipped.
	RunKnown bool
	// Reference selects the differential mode: each script is also run
	// under the reference interpreter at this path, tide's output is
	// compared with it, and the golden files are checked against it (a
	// stale golden fails the "golden" subtest). Empty means goldens mode:
	// tide's output is compared with the golden files.
	Reference string
	// Update regenerates the golden files from the reference interpreter
	// (Reference must be set) instead of running tide.
	Update bool
}

// RunScripts runs every script of cfg.Dir as a parallel subtest named after
// it and logs how many passed, failed and were skipped. Scripts listed in
// the directory's KNOWN_FAILURES file are skipped with their reason.
func RunScripts(t *testing.T, cfg Config) {
	t.Helper()
	scripts, err := Scripts(cfg.Dir)
	if err != nil {
		t.Fatalf("listing scripts: %v", err)
	}
	if len(scripts) == 0 {
		t.Skipf("no scripts in %s yet", cfg.Dir)
	}
	known, err := ReadKnownFailures(filepath.Join(cfg.Dir, KnownFailuresFile))
	if err != nil {
		t.Errorf("%v", err)
	}
	names := map[string]bool{}
	for _, s := range scripts {
		names[s.Name] = true
	}
	for name := range known {
		if !names[name] {
			t.Errorf("%s lists %q, which is not a script in %s", KnownFailuresFile, name, cfg.Dir)
		}
	}
	if cfg.Update {
		if cfg.Reference == "" {
			t.Fatalf("-update needs %s on PATH", ReferenceProgram)
		}
		for _, s := range scripts {
			if err := UpdateGolden(context.Background(), cfg.Reference, cfg.Dir, s); err != nil {
				t.Errorf("%s: %v", s.File, err)
			}
		}
		t.Logf("regenerated the goldens of %d scripts from %s", len(scripts), cfg.Reference)
		return
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}

	var passed, failed, skipped, nowPassing atomic.Int32
	t.Run("scripts", func(t *testing.T) {
		for _, s := range scripts {
			t.Run(s.Name, func(t *testing.T) {
				// Scripts that observe the collector (collectgarbage
				// "count", finalizers, weak tables) see the whole
				// process's heap, so they run alone, before the others.
				if !observesGC(s.Name) {
					t.Parallel()
				}
				defer func() {
					switch {
					case t.Skipped():
						skipped.Add(1)
					case t.Failed():
						failed.Add(1)
					default:
						passed.Add(1)
					}
				}()
				reason, isKnown := known[s.Name]
				if isKnown && !cfg.RunKnown {
					t.Skip("known failure: " + reason)
				}
				problem := checkScript(t, cfg, s, timeout)
				if isKnown {
					if problem == "" {
						nowPassing.Add(1)
						t.Logf("%s now passes: remove it from %s", s.File, KnownFailuresFile)
					}
					t.Skip("known failure: " + reason)
				}
				if problem != "" {
					t.Errorf("%s:\n%s", s.File, problem)
				}
			})
		}
	})
	t.Logf("scripts: %d passed, %d failed, %d skipped as known failures (of %d)",
		passed.Load(), failed.Load(), skipped.Load(), len(scripts))
	if cfg.RunKnown {
		t.Logf("known failures that now pass: %d", nowPassing.Load())
	}
}

// checkScript runs one script and returns a description of what is wrong
// with its result, or "" when it is right. In differential mode, a stale
// golden is reported with t.Errorf directly: it does not depend on tide.
func checkScript(t *testing.T, cfg Config, s Script, timeout time.Duration) string {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if cfg.Reference == "" {
		g, err := ReadGolden(cfg.Dir, s)
		if err != nil {
			return err.Error()
		}
		r, problem := runGuarded(ctx, cfg, s, timeout)
		if problem != "" {
			return problem
		}
		return Compare(g, r)
	}
	want, err := RunReference(ctx, cfg.Reference, cfg.Dir, s.File)
	if err != nil {
		return err.Error()
	}
	if g, err := ReadGolden(cfg.Dir, s); err != nil {
		t.Errorf("%v", err)
	} else if d := Compare(g, want); d != "" {
		t.Errorf("stale golden files for %s (regenerate with go test -update):\n%s", s.File, d)
	}
	got, problem := runGuarded(ctx, cfg, s, timeout)
	if problem != "" {
		return problem
	}
	return CompareResults(want, got)
}

// runGuarded calls cfg.Run in its own goroutine so that a panic becomes a
// failure and a hang is abandoned after the timeout instead of blocking the
// whole test binary.
func runGuarded(ctx context.Context, cfg Config, s Script, timeout time.Duration) (Result, string) {
	type outcome struct {
		r     Result
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{panic: p}
			}
		}()
		done <- outcome{r: cfg.Run(ctx, cfg.Dir, s.File)}
	}()
	// Give a cooperative runner a moment to return after ctx expires.
	timer := time.NewTimer(timeout + min(timeout, 5*time.Second))
	defer timer.Stop()
	select {
	case o := <-done:
		if o.panic != nil {
			return Result{}, fmt.Sprintf("panic running %s: %v", s.File, o.panic)
		}
		return o.r, ""
	case <-timer.C:
		return Result{}, fmt.Sprintf("no result after %v: the script hangs (goroutine abandoned)", timeout)
	}
}

// ReferenceForTest returns the reference interpreter's path for a
// differential test, or skips t saying why it is missing; under CI=true a
// missing reference fails the test instead.
func ReferenceForTest(t *testing.T) string {
	t.Helper()
	p, err := LookupReference()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("differential test needs the reference: %v", err)
		}
		t.Skipf("skipping the differential test: %v", err)
	}
	return p
}

// observesGC reports whether a script's output depends on the garbage
// collector, judging by its name (gc_*, *collectgarbage*).
func observesGC(name string) bool {
	return strings.HasPrefix(name, "gc_") || strings.Contains(name, "collectgarbage")
}
