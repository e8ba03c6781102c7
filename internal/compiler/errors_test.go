package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/parser"
)

func names(p string, n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("%s%d", p, i+1)
	}
	return strings.Join(s, ",")
}

func sum(p string, n int) string { return strings.ReplaceAll(names(p, n), ",", "+") }

func lines(format string, n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf(format, i+1, i+1)
	}
	return strings.Join(s, "\n")
}

// The expected messages are lua5.4's (5.4.4) for load(src, "=input").
var errorTests = []struct{ name, src, want string }{
	{"const assign", "local x <const> = 42\nx = 1", "input:2: attempt to assign to const variable 'x'"},
	{"const assign upvalue", "local x <const> = {}\nfunction f() x = 1 end", "input:2: attempt to assign to const variable 'x'"},
	{"close assign", "local x <close> = nil\nx = 1", "input:2: attempt to assign to const variable 'x'"},
	{"const funcstat", "local f <const> = nil\nfunction f() end", "input:2: attempt to assign to const variable 'f'"},
	{"const in multiple assign", "local a <const> = 1\nlocal b\nb, a = 1, 2", "input:3: attempt to assign to const variable 'a'"},
	{"goto into scope", "goto f\nlocal x\n::f::\nprint(x)", "input:4: <goto f> at line 1 jumps into the scope of local 'x'"},
	{"goto into scope nested", "do\n  goto f\n  local x\n  ::f::\n  print(x)\nend", "input:5: <goto f> at line 2 jumps into the scope of local 'x'"},
	{"label at end ok then error", "do goto f; local x; ::f:: end goto g", "input:1: no visible label 'g' for <goto> at line 1"},
	{"repeated label", "::a::\nprint(1)\n::a::", "input:3: label 'a' already defined on line 1"},
	{"repeated label nested", "::a::\ndo\n  ::a::\nend", "input:4: label 'a' already defined on line 1"},
	{"no visible label", "goto nowhere", "input:1: no visible label 'nowhere' for <goto> at line 1"},
	{"no visible label in function", "local function f()\n  goto x\nend\n\nprint(1)", "input:5: no visible label 'x' for <goto> at line 2"},
	{"no visible label nested block", "do\n  goto x\nend\ndo ::x:: end", "input:4: no visible label 'x' for <goto> at line 2"},
	{"break outside loop", "break", "input:1: break outside loop at line 1"},
	{"break outside loop in function", "local function f()\n  if x then break end\nend", "input:3: break outside loop at line 2"},
	{"label in sibling function", "::l::\nlocal function f() goto l end", "input:2: no visible label 'l' for <goto> at line 2"},
	{"multiple tbc", "local a <close>, b <close> = 1, 2", "input:1: multiple to-be-closed variables in local list"},
	{"vararg outside", "function f() return ... end", "input:1: cannot use '...' outside a vararg function near '...'"},
	{"goto continue into local repeat", "repeat\n  goto cont\n  local x\n  ::cont::\nuntil x", "input:5: <goto cont> at line 2 jumps into the scope of local 'x'"},
	{"repeated label before else", "if x then\n::a::\n::a::\nelse\nend", "input:4: label 'a' already defined on line 3"},
	{"no visible label before else", "if x then\nlocal g = function()\ngoto a\nend\nelse\nend", "input:5: no visible label 'a' for <goto> at line 3"},
	{"const through two closures", "local x <const> = 1\nlocal function f()\nreturn function() x = 2 end\nend", "input:3: attempt to assign to const variable 'x'"},
	{"locals limit in list", "local " + names("a", 201) + " = 1", "input:1: too many local variables (limit is 200) in main function near '='"},
	{"locals limit no values", "local " + names("a", 201), "input:1: too many local variables (limit is 200) in main function near <eof>"},
	{"locals limit stepwise", lines("local a%d = %d", 201), "input:201: too many local variables (limit is 200) in main function near '='"},
	{"params limit", "local function f(" + names("a", 201) + ") end", "input:1: too many local variables (limit is 200) in function at line 1 near ')'"},
	{"locals limit in function", "local x = 1\nlocal function f()\n" + lines("local a%d = %d", 201) + "\nend", "input:203: too many local variables (limit is 200) in function at line 2 near '='"},
	{"registers limit call", "f(" + names("a", 300) + ")", "input:1: function or expression needs too many registers near 'a255'"},
	{"registers limit locals and expr", lines("local a%d = %d", 199) + "\nlocal t = {f(" + names("a", 60) + ")}", "input:200: function or expression needs too many registers near 'a55'"},
	{"for vars limit", lines("local a%d = %d", 197) + "\nfor i = 1, 2 do end", "input:198: too many local variables (limit is 200) in main function near '='"},
	{"generic for vars limit", lines("local a%d = %d", 195) + "\nfor k, v in pairs(t) do end", "input:196: too many local variables (limit is 200) in main function near 'in'"},
	{"local function limit", lines("local a%d = %d", 200) + "\nlocal function f() end", "input:201: too many local variables (limit is 200) in main function near '('"},
	{"control structure too long", "local a\nfor i = 1, 2 do\n" + strings.Repeat("a = 1\n", 131072) + "end", "input:131075: control structure too long near 'end'"},
	{"upvalues limit", lines("local a%d = %d", 150) + "\nlocal function f()\n" + lines("local b%d = %d", 150) + "\nreturn function() return " + sum("a", 150) + "+" + sum("b", 150) + " end\nend", "input:302: too many upvalues (limit is 255) in function at line 302 near '+'"},
}

func TestErrors(t *testing.T) {
	for _, tc := range errorTests {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && len(tc.src) > 100000 {
				t.Skip("large source")
			}
			chunk, err := parser.Parse([]byte(tc.src), "=input")
			if err != nil {
				if err.Error() != tc.want {
					t.Fatalf("parse error %q, want compile error %q", err, tc.want)
				}
				return
			}
			_, err = Compile(chunk)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error type %T (%v), want *Error", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %q\nwant %q", err, tc.want)
			}
		})
	}
}

func TestBackwardGotoCompiles(t *testing.T) {
	for _, src := range []string{
		"::a:: do goto a end",
		"do goto f; local x; ::f:: end",
		"repeat local x; goto c; ::c:: until true",
		"for i = 1, 2 do if i then goto continue end ::continue:: end",
		"while x do\nlocal y\nlocal function f() return y end\nif y then goto done end\nend\n::done::",
		"do\n::l::\nend\n::l::",
		"for i = 1, 2 do\nlocal x\ngoto e\nlocal y\n::e::\nend",
	} {
		chunk, err := parser.Parse([]byte(src), "=input")
		if err != nil {
			t.Fatalf("%q: parse: %v", src, err)
		}
		if _, err := Compile(chunk); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}
