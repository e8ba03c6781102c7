package token

import (
	"fmt"
	"strings"
	"testing"
)

func TestKindString(t *testing.T) {
	tests := []struct {
		k    Kind
		want string
	}{
		{EOF, "<eof>"},
		{Name, "<name>"},
		{String, "<string>"},
		{Int, "<integer>"},
		{Float, "<number>"},
		{And, "and"},
		{Function, "function"},
		{While, "while"},
		{Plus, "+"},
		{DSlash, "//"},
		{Ne, "~="},
		{Shl, "<<"},
		{DColon, "::"},
		{Concat, ".."},
		{Dots, "..."},
		{numKinds, fmt.Sprintf("token(%d)", numKinds)},
		{Kind(255), "token(255)"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.k.String(); got != tc.want {
				t.Errorf("Kind(%d).String() = %q, want %q", uint8(tc.k), got, tc.want)
			}
		})
	}
}

// TestKindTextComplete checks that every kind has its own text: none is
// missing from the table and no two kinds print alike.
func TestKindTextComplete(t *testing.T) {
	seen := map[string]Kind{}
	for k := EOF; k < numKinds; k++ {
		s := k.String()
		if s == "" || strings.HasPrefix(s, "token(") {
			t.Errorf("Kind(%d) has no text: %q", uint8(k), s)
			continue
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("kinds %d and %d both print as %q", uint8(prev), uint8(k), s)
		}
		seen[s] = k
	}
}

// TestKeywords checks that Keywords holds exactly the keyword kinds
// (And through While), each under its own text.
func TestKeywords(t *testing.T) {
	if got, want := len(Keywords), int(While-And)+1; got != want {
		t.Errorf("len(Keywords) = %d, want %d", got, want)
	}
	for k := And; k <= While; k++ {
		if got, ok := Keywords[k.String()]; !ok || got != k {
			t.Errorf("Keywords[%q] = %v, %v; want %v", k.String(), got, ok, k)
		}
	}
	for _, notKw := range []string{"self", "_ENV", "goto ", "And", "<name>", "+"} {
		if k, ok := Keywords[notKw]; ok {
			t.Errorf("Keywords[%q] = %v, want absent", notKw, k)
		}
	}
}

func TestPosIsValid(t *testing.T) {
	if NoPos.IsValid() {
		t.Error("NoPos.IsValid() = true")
	}
	if zero := Pos(0); zero != NoPos {
		t.Error("the zero Pos is not NoPos")
	}
	for _, p := range []Pos{1, 2, 1 << 30} {
		if !p.IsValid() {
			t.Errorf("Pos(%d).IsValid() = false", p)
		}
	}
}

// newFileFor builds the line table of src the way the lexer does: a new
// line starts after each '\n'.
func newFileFor(name, src string) *File {
	f := NewFile(name)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			f.AddLine(i + 1)
		}
	}
	return f
}

// posOf returns the Pos of the i-th byte of a chunk.
func posOf(i int) Pos { return Pos(i + 1) }

func TestFilePosition(t *testing.T) {
	const src = "local x\n  = 1\n\nprint(x)\nend"
	// Offsets: line 1 [0,8), line 2 [8,14), line 3 [14,15), line 4 [15,24), line 5 [24,27).
	f := newFileFor("@test.lua", src)
	tests := []struct {
		name       string
		p          Pos
		line, col  int
		wantPrefix string // the source text at p, to document the case
	}{
		{"first byte", posOf(0), 1, 1, "local"},
		{"inside line 1", posOf(6), 1, 7, "x"},
		{"newline ends line 1", posOf(7), 1, 8, "\n"},
		{"start of line 2", posOf(8), 2, 1, "  ="},
		{"inside line 2", posOf(10), 2, 3, "= 1"},
		{"empty line 3", posOf(14), 3, 1, "\n"},
		{"line 4", posOf(15), 4, 1, "print"},
		{"line 4 col 7", posOf(21), 4, 7, "x)"},
		{"last line", posOf(24), 5, 1, "end"},
		{"last byte", posOf(26), 5, 3, "d"},
		{"past the end", posOf(27), 5, 4, ""},
		{"far past the end", posOf(1000), 5, 977, ""},
		{"NoPos", NoPos, 1, 1, "local"},
		{"negative", Pos(-5), 1, 1, "local"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.p > 0 && int(tc.p-1) < len(src) && !strings.HasPrefix(src[tc.p-1:], tc.wantPrefix) {
				t.Fatalf("bad test case: text at %d is %q", tc.p, src[tc.p-1:])
			}
			if got := f.Line(tc.p); got != tc.line {
				t.Errorf("Line(%d) = %d, want %d", tc.p, got, tc.line)
			}
			want := Position{Chunk: "@test.lua", Line: tc.line, Column: tc.col}
			if got := f.Position(tc.p); got != want {
				t.Errorf("Position(%d) = %+v, want %+v", tc.p, got, want)
			}
		})
	}
}

func TestFileSingleLine(t *testing.T) {
	f := NewFile("=stdin")
	if f.Name != "=stdin" {
		t.Errorf("Name = %q", f.Name)
	}
	for i := range 5 {
		if got := f.Position(posOf(i)); got != (Position{"=stdin", 1, i + 1}) {
			t.Errorf("Position(%d) = %+v", posOf(i), got)
		}
	}
}

// TestFileAddLineOrder checks that AddLine ignores offsets that are not
// beyond the last recorded line start (repeats, out-of-order calls).
func TestFileAddLineOrder(t *testing.T) {
	f := NewFile("x")
	f.AddLine(0) // line 1 already starts at 0
	f.AddLine(4)
	f.AddLine(4) // repeated
	f.AddLine(2) // out of order
	f.AddLine(9)
	if got, want := len(f.lines), 3; got != want {
		t.Fatalf("recorded %d lines (%v), want %d", got, f.lines, want)
	}
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1}, {3, 1, 4}, {4, 2, 1}, {8, 2, 5}, {9, 3, 1}, {12, 3, 4},
	}
	for _, tc := range tests {
		got := f.Position(posOf(tc.off))
		if got.Line != tc.line || got.Column != tc.col {
			t.Errorf("offset %d: got %d:%d, want %d:%d", tc.off, got.Line, got.Column, tc.line, tc.col)
		}
	}
}

// TestFileZero checks that a zero File (not made by NewFile) still accepts
// line starts.
func TestFileZero(t *testing.T) {
	var f File
	f.AddLine(0)
	f.AddLine(3)
	if got := f.Position(posOf(4)); got != (Position{"", 2, 2}) {
		t.Errorf("Position = %+v, want line 2 column 2", got)
	}
}
