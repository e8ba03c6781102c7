package tide_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide"
)

// FuzzSandboxQuotas runs arbitrary programs (seeded with the script corpus)
// in a sandboxed State under every quota: each run must return, with a
// result or an error, never a Go panic (which the API would report as an
// "internal error" or a "go panic") and never a hang.
func FuzzSandboxQuotas(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "scripts", "*.lua"))
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil && len(src) < 4096 {
			f.Add(string(src))
		}
	}
	f.Add(`while true do end`)
	f.Add(`local function f() return f() + 1 end f()`)
	f.Fuzz(func(t *testing.T, src string) {
		s := tide.NewState(tide.Options{Stdout: io.Discard, Stderr: io.Discard, Sandbox: true,
			MaxInstructions: 100000, MaxCallDepth: 100, MemoryLimit: 16 << 20})
		defer s.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := s.DoString(ctx, src, "=fuzz")
		if err != nil && (strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "go panic")) {
			t.Fatalf("%q: %v", src, err)
		}
	})
}
