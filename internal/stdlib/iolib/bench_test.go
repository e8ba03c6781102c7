package iolib_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// benchFile writes a file of about size bytes of text lines into a
// temporary directory and returns the directory.
func benchFile(b *testing.B, size int) (dir string, n int) {
	b.Helper()
	dir = b.TempDir()
	var sb strings.Builder
	for i := 0; sb.Len() < size; i++ {
		fmt.Fprintf(&sb, "line number %d some text to pad the line out a bit more %d\n", i, i*7)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir, sb.Len()
}

// benchLua loads src (which returns a function) in a State over dir and
// returns that function.
func benchLua(b *testing.B, dir, src string) (*vm.State, value.Value) {
	b.Helper()
	st := newState(dir, strings.NewReader(""), io.Discard, io.Discard, 0)
	fn, err := st.Load([]byte(src), "=bench", "t", value.Nil)
	if err != nil {
		b.Fatal(err)
	}
	res, err := st.Main().Call(fn)
	if err != nil {
		b.Fatal(err)
	}
	return st, res[0]
}

// BenchmarkLines is the idiom `for l in io.lines(f) do n = n + #l end`
// over a 16 MB file, plus read("l") in a loop and read("a"). The same
// loop over a 100 MB file of 1.8 million lines, run by the tide and
// lua5.4 programs on the development machine (2 shared cores, under
// load, so CPU time rather than elapsed time), took 0.18-0.25 s of CPU
// for tide and 0.17-0.21 s for lua5.4. Each line costs one allocation,
// its string.
func BenchmarkLines(b *testing.B) {
	dir, size := benchFile(b, 16<<20)
	for _, tc := range []struct{ name, src string }{
		{"io.lines", `return function() local n = 0 for l in io.lines("big.txt") do n = n + #l end return n end`},
		{"L", `return function() local n = 0 for l in io.lines("big.txt", "L") do n = n + #l end return n end`},
		{"n", `return function() local n = 0 local f = io.open("big.txt") while f:read("l") do n = n + 1 end f:close() return n end`},
		{"all", `return function() return #io.open("big.txt"):read("a") end`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			st, fn := benchLua(b, dir, tc.src)
			defer st.Close()
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := st.Main().Call(fn); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite writes a line of strings and numbers per call.
func BenchmarkWrite(b *testing.B) {
	dir := b.TempDir()
	st, fn := benchLua(b, dir, `local f = io.open("out.txt", "w") return function() f:write("line ", 12345, " ", 1.5, "\n") end`)
	defer st.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Main().Call(fn); err != nil {
			b.Fatal(err)
		}
	}
}
