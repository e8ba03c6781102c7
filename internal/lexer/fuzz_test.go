package lexer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tidelua/tide/internal/token"
)

// addSeeds adds inline snippets and the cross-stage scripts (if any) to
// the corpus of f.
func addSeeds(f *testing.F) {
	for _, s := range []string{
		"", "x = 1", "local t = {1, 2.5, 'a', \"b\", [[c]], [==[d]==]}",
		"a.b:c(...) .. d // e >> f << g ~= h <= i >= j == k :: l ::",
		"0x1p4 0x.8p1 1e10 .5 3. 0xffffffffffffffffff 9223372036854775808",
		"'\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\'\\z  \n x\\x41\\65\\u{7FFFFFFF}'",
		"--[[ long\ncomment ]] -- short\n--[==[ x ]==]", "\"unfinished", "[[unfinished",
		"3x", "'\\q'", "'\\300'", "'\\u{80000000}'", "'\\xZ'", "[=", "@", "\x00\xff",
		"a\r\nb\n\rc\rd", "#!shebang\nx",
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../testdata/scripts/*.lua")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
}

func FuzzLexer(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		l := New(src, token.NewFile("=fuzz"))
		last := token.Pos(0)
		for i := 0; ; i++ {
			l.Next()
			tok := l.Tok
			if tok.Pos < last || tok.End < tok.Pos || int(tok.End) > len(src)+1 {
				t.Fatalf("token %d: bad span %d..%d after %d", i, tok.Pos, tok.End, last)
			}
			last = tok.End
			_ = l.Near(tok)
			if tok.Kind == token.EOF {
				break
			}
			if i > len(src) {
				t.Fatalf("more tokens than bytes")
			}
		}
		if err := l.Err(); err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}
