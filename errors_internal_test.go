package tide

import "testing"

func TestNewSyntaxError(t *testing.T) {
	tests := []struct {
		msg, chunk string
		line       int
	}{
		{"t.lua:3: x expected near 'y'", "t.lua", 3},
		{`[string "a:1:b"]:2: oops`, `[string "a:1:b"]`, 2},
		{"no position", "", 0},
		{"a:b: c", "", 0},
	}
	for _, tc := range tests {
		e := newSyntaxError(tc.msg)
		if e.Message != tc.msg || e.Chunk != tc.chunk || e.Line != tc.line {
			t.Errorf("newSyntaxError(%q) = %+v, want chunk %q line %d", tc.msg, e, tc.chunk, tc.line)
		}
	}
}
