package parser

import (
	"strings"
	"testing"
)

// TestRegressions holds named edge cases around the lexer/parser boundary
// (lookahead, errors raised while peeking, line counting across tokens).
// Expected messages come from lua5.4.
func TestRegressions(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"lookahead malformed number", "t = {a 3x}", `[string "t = {a 3x}"]:1: malformed number near '3x'`},
		{"lookahead unfinished string", "t = {a\n\"unfinished", `[string "t = {a..."]:2: unfinished string near <eof>`},
		{"lookahead bad long bracket", "t = {a\n[==", `[string "t = {a..."]:2: invalid long string delimiter near '[=='`},
		{"lookahead long comment", "t = {a = 1, b\n\n--[[", `[string "t = {a = 1, b..."]:3: unfinished long comment (starting at line 3) near <eof>`},
		{"string call unfinished", "f(a)\n\n\"x", `[string "f(a)..."]:3: unfinished string near <eof>`},
		{"field name at eof", "x = a\n.\n\nb\n.", `[string "x = a..."]:5: <name> expected near <eof>`},
		{"lookahead advances line", "local t <const> = {a\n\n=\n\n1 2}", `[string "local t <const> = {a..."]:5: '}' expected (to close '{' at line 1) near '2'`},
		{"z escape over lines", "x = \"\\z\n\n\n", `[string "x = "\z..."]:4: unfinished string near <eof>`},
		{"long string lines", "x = [[\n\r\n\r]] .. y\n= 1", `[string "x = [[..."]:4: unexpected symbol near '='`},
		{"nul in source", "x = 1\x00", `[string "x = 1"]:1: unexpected symbol`},
		{"C stack overflow", "x = " + strings.Repeat("(", 300), "C stack overflow"},
		{"many targets", strings.Repeat("a, ", 300) + "a = 1", "C stack overflow"},
		{"many labels", strings.Repeat("::a:: ", 300), "C stack overflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), tt.src)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse(%q):\n got  %v\n want %s", tt.src, err, tt.want)
			}
		})
	}
}
