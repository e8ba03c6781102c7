package tide_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

// BenchmarkScripts runs each testdata/bench/*.lua snippet (compiled once)
// as a sub-benchmark. The cross-engine programs are in bench/.
func BenchmarkScripts(b *testing.B) {
	files, err := filepath.Glob("testdata/bench/*.lua")
	if err != nil || len(files) == 0 {
		b.Fatalf("no benchmark scripts: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".lua")
		b.Run(name, func(b *testing.B) {
			src, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			s := tide.NewState(tide.Options{})
			defer s.Close()
			fn, err := s.Load(src, "@"+file)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Call(ctx, fn); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
