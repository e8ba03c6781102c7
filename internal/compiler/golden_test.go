package compiler

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/parser"
)

// The golden listings in testdata/golden were produced by the reference
// compiler (luac5.4 -l -l), normalised by normalizeListing. Run
//
//	go test ./internal/compiler -run TestGolden -luac
//
// with luac5.4 on PATH to regenerate them after adding a snippet; the
// normal test run never needs luac.
var updateFromLuac = flag.Bool("luac", false, "regenerate golden listings with luac5.4")

// handEdited lists goldens where tide deliberately differs from luac 5.4.4
// (see testdata/golden/README); -luac does not overwrite them.
var handEdited = map[string]bool{
	"break_close": true, // 'break' closes from the loop's outer level, as 5.4.6
}

var (
	reAddrHeader = regexp.MustCompile(`\((\d+ instructions?)[^)]*\)`)
	reForAddr    = regexp.MustCompile(`for (0x[0-9a-f]+|[A-Za-z0-9.]+):`)
	reClosure    = regexp.MustCompile(`(CLOSURE\s+\t\d+ \d+)\t; .*`)
)

// normalizeListing removes what differs between luac's listing and ours
// but says nothing about the code: addresses and function ids.
func normalizeListing(s string) string {
	s = reAddrHeader.ReplaceAllString(s, "($1)")
	s = reForAddr.ReplaceAllString(s, "for F:")
	s = reClosure.ReplaceAllString(s, "$1")
	return strings.TrimSpace(s) + "\n"
}

func compileListing(t *testing.T, src []byte, name string) string {
	t.Helper()
	chunk, err := parser.Parse(src, name)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	p, err := Compile(chunk)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	var b bytes.Buffer
	bc.Disassemble(&b, p)
	return normalizeListing(b.String())
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.lua")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden snippets")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".lua")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			goldenPath := strings.TrimSuffix(f, ".lua") + ".golden"
			if *updateFromLuac && !handEdited[name] {
				cmd := exec.Command("luac5.4", "-l", "-l", "-o", os.DevNull, "-")
				cmd.Stdin = bytes.NewReader(src)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("luac5.4: %v", err)
				}
				if err := os.WriteFile(goldenPath, []byte(normalizeListing(string(out))), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatal(err)
			}
			got := compileListing(t, src, "=stdin")
			if got != string(want) {
				t.Errorf("listing differs from luac5.4's\n%s", lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first differing lines of two listings.
func lineDiff(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	var b strings.Builder
	n := max(len(wl), len(gl))
	shown := 0
	for i := 0; i < n && shown < 15; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			b.WriteString("want: " + w + "\n got: " + g + "\n")
			shown++
		}
	}
	return b.String()
}

// TestLuacCorpus compares our listing with luac5.4's for every .lua file
// under $TIDE_LUAC_CORPUS (for instance the reference test suite). It is
// a development aid and is skipped unless that variable is set.
func TestLuacCorpus(t *testing.T) {
	dir := os.Getenv("TIDE_LUAC_CORPUS")
	if dir == "" {
		t.Skip("TIDE_LUAC_CORPUS not set")
	}
	if _, err := exec.LookPath("luac5.4"); err != nil {
		t.Skip("luac5.4 not on PATH")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.lua"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("luac5.4", "-l", "-l", "-o", os.DevNull, "-")
			cmd.Stdin = bytes.NewReader(src)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				// Compare the message when our parser accepts the text
				// and so the error must come from the compiler.
				msg := strings.TrimSpace(strings.TrimPrefix(stderr.String(), "luac5.4: "))
				chunk, perr := parser.Parse(src, "=stdin")
				if perr != nil {
					t.Skipf("luac5.4 and our parser reject it: %v", msg)
				}
				_, cerr := Compile(chunk)
				if cerr == nil || cerr.Error() != msg {
					t.Errorf("compile error %v, want %q", cerr, msg)
				}
				return
			}
			want := normalizeListing(string(out))
			chunk, err := parser.Parse(src, "=stdin")
			if err != nil {
				t.Fatal(err)
			}
			p, err := Compile(chunk)
			if err != nil {
				t.Fatal(err)
			}
			if err := verify(p); err != nil {
				t.Error(err)
			}
			got := compileListing(t, src, "=stdin")
			if got != want {
				t.Errorf("listing differs from luac5.4's\n%s", lineDiff(want, got))
			}
		})
	}
}
