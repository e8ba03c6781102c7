package string

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/math"
	"github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Script-level tests of the standard library packages (base, string,
// table, math) running under the vm: testdata/*.lua with the expected
// stdout in *.out, generated with lua5.4 (-update regenerates them).

var update = flag.Bool("update", false, "regenerate testdata/*.out with lua5.4")

// runLua runs src in a fresh State with the four libraries open and
// returns what it printed, followed by the error message if it failed.
func runLua(t *testing.T, src, name string) string {
	t.Helper()
	var out bytes.Buffer
	st := vm.NewState(vm.Options{Stdout: &out, Stderr: &out})
	base.Open(st)
	Open(st)
	table.Open(st)
	math.Open(st)
	fn, err := st.Load([]byte(src), "@"+name, "t", value.Nil)
	if err == nil {
		_, err = st.Main().Call(fn)
	}
	if err != nil {
		out.WriteString("error: " + err.Error() + "\n")
	}
	return out.String()
}

func TestScripts(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.lua")
	if len(files) == 0 {
		t.Fatal("no scripts")
	}
	lua, _ := exec.LookPath("lua5.4")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".lua")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".lua") + ".out"
			if *update {
				if lua == "" {
					t.Fatal("-update needs lua5.4 on PATH")
				}
				cmd := exec.Command(lua, filepath.Base(f))
				cmd.Dir = filepath.Dir(f)
				want, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("lua5.4 failed: %v\n%s", err, want)
				}
				if err := os.WriteFile(golden, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			got := runLua(t, string(src), filepath.Base(f))
			if got != string(want) {
				t.Errorf("output differs\n%s", diffLines(got, string(want)))
			}
		})
	}
}

// diffLines shows the differing lines of two outputs.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl + "\n")
			if n++; n > 10 {
				break
			}
		}
	}
	return b.String()
}
