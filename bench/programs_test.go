package bench

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

// quickSizes reads programs/quick_sizes.txt: program name -> arg[1].
func quickSizes(tb testing.TB) map[string]string {
	tb.Helper()
	data, err := os.ReadFile("programs/quick_sizes.txt")
	if err != nil {
		tb.Fatal(err)
	}
	sizes := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 2 {
			tb.Fatalf("quick_sizes.txt: bad line %q", sc.Text())
		}
		sizes[f[0]] = f[1]
	}
	return sizes
}

// programs returns the names of programs/*.lua.
func programs(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("programs/*.lua")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no programs: %v", err)
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(filepath.Base(f), ".lua")
	}
	return names
}

// runProgram loads programs/name.lua into a fresh State whose arg[1] is
// size, and returns the State, the compiled chunk and the buffer print
// writes to.
func runProgram(tb testing.TB, name, size string) (*tide.State, tide.Value, *bytes.Buffer) {
	tb.Helper()
	var out bytes.Buffer
	opts := quiet
	opts.Stdout = &out
	path := filepath.Join("programs", name+".lua")
	opts.Args = []string{path, size}
	s := tide.NewState(opts)
	tb.Cleanup(func() { s.Close() })
	fn, err := s.LoadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return s, fn, &out
}

// TestPrograms runs every program under tide at its quick size: each has
// a size, runs without error and prints one checksum line. (That every
// engine prints the same checksum is run.sh's check.)
func TestPrograms(t *testing.T) {
	sizes := quickSizes(t)
	for _, name := range programs(t) {
		t.Run(name, func(t *testing.T) {
			size, ok := sizes[name]
			if !ok {
				t.Fatalf("programs/quick_sizes.txt has no size for %s", name)
			}
			s, fn, out := runProgram(t, name, size)
			if _, err := s.Call(context.Background(), fn); err != nil {
				t.Fatal(err)
			}
			if got := out.String(); !strings.HasPrefix(got, "checksum\t") || strings.Count(got, "\n") != 1 {
				t.Errorf("output %q, want one line starting with checksum and a tab", got)
			}
		})
	}
}

// BenchmarkPrograms runs each program in-process at its quick size (the
// chunk compiled once, one State per program): for profiling tide on a
// program, e.g. go test -run '^$' -bench Programs/richards -cpuprofile
// cpu.out.
func BenchmarkPrograms(b *testing.B) {
	sizes := quickSizes(b)
	for _, name := range programs(b) {
		b.Run(name, func(b *testing.B) {
			s, fn, out := runProgram(b, name, sizes[name])
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if _, err := s.Call(ctx, fn); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
