package parser

import (
	"bufio"
	"encoding/hex"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// luaLoad runs every source through lua5.4's load (chunk name = source)
// in one process and returns "OK" or the error message for each.
func luaLoad(t *testing.T, srcs []string) []string {
	t.Helper()
	lua, err := exec.LookPath("lua5.4")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("lua5.4 not on PATH")
		}
		t.Skip("lua5.4 not on PATH: differential test skipped")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "cases.hex")
	var b strings.Builder
	for _, s := range srcs {
		b.WriteString(hex.EncodeToString([]byte(s)))
		b.WriteByte('\n')
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
local function unhex(h) return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end)) end
local function tohex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
for line in io.lines(arg[1]) do
  local s = unhex(line)
  local f, e = load(s, s)
  io.write(tohex(e or "OK"), "\n")
end`
	out, err := exec.Command(lua, "-e", script, in).Output()
	if err != nil {
		// lua.c passes "-e" chunks no arg table; use a script file.
		sf := filepath.Join(dir, "run.lua")
		if werr := os.WriteFile(sf, []byte(script), 0o644); werr != nil {
			t.Fatal(werr)
		}
		out, err = exec.Command(lua, sf, in).Output()
		if err != nil {
			t.Fatalf("lua5.4: %v", err)
		}
	}
	var res []string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		msg, err := hex.DecodeString(sc.Text())
		if err != nil {
			t.Fatal(err)
		}
		m := string(msg)
		// Under lua.c, the message handler of the running chunk adds a
		// traceback to "C stack overflow".
		if i := strings.Index(m, "\nstack traceback:"); i >= 0 {
			m = m[:i]
		}
		res = append(res, m)
	}
	if len(res) != len(srcs) {
		t.Fatalf("lua5.4 answered %d of %d cases", len(res), len(srcs))
	}
	return res
}

// compilerErrors are messages the reference's parser gives but tide leaves
// to the compiler.
var compilerErrors = []string{
	"break outside loop", "no visible label", "already defined on line",
	"jumps into the scope", "attempt to assign to const variable",
	"too many local variables", "too many upvalues", "needs too many registers",
	"control structure too long", "too many",
}

func isCompilerError(msg string) bool {
	for _, s := range compilerErrors {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func parseResult(src string) string {
	if _, err := Parse([]byte(src), src); err != nil {
		return err.Error()
	}
	return "OK"
}

// TestErrorsDifferential compares the parser with lua5.4 on the golden
// cases, the nesting forms, and a few thousand random mutations of them.
func TestErrorsDifferential(t *testing.T) {
	var srcs []string
	for _, c := range errorCases {
		srcs = append(srcs, c.src)
	}
	srcs = append(srcs, valid...)
	for _, f := range nestForms {
		if f.depth > 0 {
			srcs = append(srcs, f.make(f.depth-1), f.make(f.depth))
		}
	}
	scripts, _ := filepath.Glob("../../testdata/scripts/*.lua")
	for _, f := range scripts {
		if data, err := os.ReadFile(f); err == nil && len(data) < 20000 {
			srcs = append(srcs, string(data))
		}
	}
	base := len(srcs)
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"(", ")", "{", "}", "[", "]", "=", "==", ",", ";", ".", "..", "...", ":", "::",
		"\"", "'", "\\", "[[", "]]", "[=[", "--", "\n", " ", "x", "end", "local", "function", "return",
		"if", "then", "do", "for", "in", "<", ">", "<const>", "0x", "1", "1e", ".5", "\\u{", "\\x", "\\z",
		"goto", "break", "until", "repeat", "while", "else", "elseif", "not", "-", "^", "#", "@", "\x00", "\r"}
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		s := []byte(srcs[rng.Intn(base)])
		for k := rng.Intn(3) + 1; k > 0; k-- {
			pos := 0
			if len(s) > 0 {
				pos = rng.Intn(len(s) + 1)
			}
			switch rng.Intn(3) {
			case 0: // insert
				p := pieces[rng.Intn(len(pieces))]
				s = append(s[:pos:pos], append([]byte(p), s[pos:]...)...)
			case 1: // delete
				if pos < len(s) {
					s = append(s[:pos:pos], s[pos+1:]...)
				}
			case 2: // truncate
				s = s[:pos]
			}
		}
		srcs = append(srcs, string(s))
	}
	want := luaLoad(t, srcs)
	bad := 0
	for i, src := range srcs {
		got := parseResult(src)
		// The reference finds compiler errors while parsing; tide finds
		// them later, so a later syntax error may be reported instead.
		if got == want[i] || isCompilerError(want[i]) {
			continue
		}
		t.Errorf("Parse(%q):\n got  %s\n want %s", src, got, want[i])
		if bad++; bad > 20 {
			t.Fatal("too many differences")
		}
	}
}
