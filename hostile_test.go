package tide_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide"
)

// TestHostile runs the scripts of testdata/hostile under quotas: each
// must end with the error its first line names (see the README there).
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates hundreds of megabytes; run without -short")
	}
	files, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.lua"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile scripts: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".lua"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			expect, ok := strings.CutPrefix(first, "-- expect: ")
			if !ok {
				t.Fatalf("first line %q has no expectation", first)
			}
			s := tide.NewState(tide.Options{Stdout: io.Discard, Stderr: io.Discard,
				MaxInstructions: 1e6, MaxCallDepth: 200, MemoryLimit: 64 << 20})
			defer s.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err = s.DoString(ctx, string(src), "@"+filepath.Base(file))
			switch {
			case err == nil:
				t.Fatalf("ran to the end, want %s", expect)
			case expect == "instruction":
				if !errors.Is(err, tide.ErrInstructionLimit) {
					t.Fatalf("err = %v, want the instruction limit", err)
				}
			case expect == "depth":
				if !errors.Is(err, tide.ErrDepthLimit) {
					t.Fatalf("err = %v, want the depth limit", err)
				}
			case expect == "memory":
				if !errors.Is(err, tide.ErrMemoryLimit) {
					t.Fatalf("err = %v, want the memory limit", err)
				}
			case expect == "time":
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("err = %v, want the deadline", err)
				}
			default:
				text, ok := strings.CutPrefix(expect, "error: ")
				var le *tide.Error
				if !ok || !errors.As(err, &le) || !strings.Contains(le.Message, text) {
					t.Fatalf("err = %v, want a Lua error containing %q", err, text)
				}
			}
		})
	}
}
