package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/ast"
)

func TestDump(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"return 1 + 2 * 3", "(block (return (+ 1 (* 2 3))))"},
		{"return 1 * 2 + 3", "(block (return (+ (* 1 2) 3)))"},
		{"return 2 ^ 3 ^ 2", "(block (return (^ 2 (^ 3 2))))"},
		{"return -2 ^ 2", "(block (return (neg (^ 2 2))))"},
		{"return 2 ^ -3", "(block (return (^ 2 (neg 3))))"},
		{"return not a == b", "(block (return (== (not a) b)))"},
		{"return a .. b .. c", "(block (return (.. a (.. b c))))"},
		{"return a + b .. c + d", "(block (return (.. (+ a b) (+ c d))))"},
		{"return a or b and c", "(block (return (or a (and b c))))"},
		{"return a and b or c and d", "(block (return (or (and a b) (and c d))))"},
		{"return a < b == c", "(block (return (== (< a b) c)))"},
		{"return a | b ~ c & d << e .. f", "(block (return (| a (~ b (& c (<< d (.. e f)))))))"},
		{"return 1 << 2 + 3", "(block (return (<< 1 (+ 2 3))))"},
		{"return #t + 1", "(block (return (+ (len t) 1)))"},
		{"return - - x", "(block (return (neg (neg x))))"},
		{"return ~x ~ y", "(block (return (~ (bnot x) y)))"},
		{"return a // b % c / d", "(block (return (/ (% (// a b) c) d)))"},
		{"return -x ^ -y ^ z", "(block (return (neg (^ x (neg (^ y z))))))"},
		{"return not not x", "(block (return (not (not x))))"},
		{"return a .. b ^ c .. d", "(block (return (.. a (.. (^ b c) d))))"},
		{"return (a + b) * c", "(block (return (* (paren (+ a b)) c)))"},
		{"return f(x)(y)[z].w:m(1)", "(block (return (method (index (index (call (call f x) y) z) \"w\") \"m\" 1)))"},
		{"return f{1}, f'x', f[[y]]", "(block (return (call f (table 1)) (call f \"x\") (call f \"y\")))"},
		{"return function(a, b, ...) end", "(block (return (function \"\" (a b ...) (block))))"},
		{"return {1, 2; x = 3, [4] = 5, f(), ...}", "(block (return (table 1 2 (named \"x\" 3) (keyed 4 5) (call f) ...)))"},
		{"return {}", "(block (return (table)))"},
		{"return 1 == 2 ~= 3 <= 4 >= 5 < 6 > 7", "(block (return (> (< (>= (<= (~= (== 1 2) 3) 4) 5) 6) 7)))"},
		{"return a - b - c", "(block (return (- (- a b) c)))"},
		{"x, y.z, w[1] = 1, 2", "(block (assign (x (index y \"z\") (index w 1)) (1 2)))"},
		{"local a <const>, b <close>, c = f()", "(block (local (a<const> b<close> c) ((call f))))"},
		{"local x", "(block (local (x) ()))"},
		{"local function f(x) return x end", "(block (localfunc f (function \"f\" (x) (block (return x)))))"},
		{"function a.b.c:d(x) end", "(block (funcstat (index (index (index a \"b\") \"c\") \"d\") (function \"a.b.c:d\" (self x) (block))))"},
		{"function f(...) end", "(block (funcstat f (function \"f\" (...) (block))))"},
		{"function f() end", "(block (funcstat f (function \"f\" () (block))))"},
		{"for i = 1, 10, 2 do end for k, v in pairs(t) do end", "(block (fornum i 1 10 2 (block)) (forin (k v) ((call pairs t)) (block)))"},
		{"for i = 1, 2 do end", "(block (fornum i 1 2 (block)))"},
		{"while true do break end repeat local x until x", "(block (while true (block (break))) (repeat (block (local (x) ())) x))"},
		{"if a then elseif b then else end", "(block (if a (block) b (block) else (block)))"},
		{"if a then b() end", "(block (if a (block (call b))))"},
		{"do goto l ::l:: end", "(block (do (block (goto l) (label l))))"},
		{"f() a:b() ;;; return", "(block (call f) (method a \"b\") (return))"},
		{"x = 0x10 + 1e2 + 2^63 + 9223372036854775808 + 0.1 + 'a\\n' + [[b]]", "(block (assign (x) ((+ (+ (+ (+ (+ (+ 16 100.0) (^ 2 63)) 9.223372036854776e+18) 0.1) \"a\\n\") \"b\"))))"},
		{"x = nil, true, false, ...", "(block (assign (x) (nil true false ...)))"},
		{"return (f())", "(block (return (paren (call f))))"},
		{"return a.b.c", "(block (return (index (index a \"b\") \"c\")))"},
		{"return (...)", "(block (return (paren ...)))"},
		{"return;", "(block (return))"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			c, err := Parse([]byte(tt.src), "=t")
			if err != nil {
				t.Fatal(err)
			}
			if got := Dump(c.Block); got != tt.want {
				t.Errorf("Dump(%q):\n got  %s\n want %s", tt.src, got, tt.want)
			}
		})
	}
}

// valid holds chunks that must parse (short_test.go style).
var valid = []string{
	"",
	";",
	"return",
	"return;",
	"return 1, 2, 3;",
	"local a <const> = 1; local b <close> = nil",
	"local x <const>, y <close>, z <const> = 1",
	"x = function(...) return ... end",
	"local t = {[1]=1, a=2, 3; 4,}",
	"a.b.c[d]:e(f){g}'h'[[i]].j = 1",
	"::top:: goto top",
	"goto continue; ::continue::",
	"for i = #t, 1, -1 do t[i] = nil end",
	"for k, v, w, x in next, t, nil, nil do end",
	"while x do if y then break end end",
	"repeat local z = 1 until z",
	"function f(a, b, ...) local c = {...} return select('#', ...) end",
	"local function g() return g() end",
	"f(a)(b)(c)",
	"(f)()",
	"(f).x = 1",
	"x = a and b or c",
	"x = -2^-2",
	"x = 1 // 2 % 3 & 4 | 5 ~ 6 << 7 >> 8",
	"x = ~~~1",
	"x = #'abc' .. #{}",
	"x = 0x.1p-4 + 0xA.8P+2 + 3e-2 + .5",
	"#!/not/a/comment for load\n",
	"--[==[ long\ncomment ]==] x = [[\nlong string]]",
	"if a then elseif b then elseif c then else end",
	"do do do end end end",
	"local _ENV = {} x = 1",
	"return function() end",
}

func TestValid(t *testing.T) {
	t.Parallel()
	for _, src := range valid {
		name := "=t"
		if strings.HasPrefix(src, "#") {
			name = "@t.lua"
		}
		if _, err := Parse([]byte(src), name); err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		}
	}
}

func TestSpansNested(t *testing.T) {
	t.Parallel()
	srcs := append([]string{string(benchSource(4000))}, valid...)
	for _, c := range errorCases {
		if c.want == "OK" {
			srcs = append(srcs, c.src)
		}
	}
	for _, src := range srcs {
		c, err := Parse([]byte(src), "@t.lua")
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if err := checkSpans(c.Block, len(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func TestShebang(t *testing.T) {
	t.Parallel()
	src := []byte("#!/usr/bin/env lua\nx = = 1")
	tests := []struct{ name, want string }{
		{"@s.lua", "s.lua:2: unexpected symbol near '='"},
		{"=stdin", "stdin:2: unexpected symbol near '='"},
		{"=other", "other:1: unexpected symbol near '#'"},
		{"chunk", `[string "chunk"]:1: unexpected symbol near '#'`},
	}
	for _, tt := range tests {
		_, err := Parse(src, tt.name)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse as %q: got %v, want %s", tt.name, err, tt.want)
		}
	}
}

func TestSyntaxErrorFields(t *testing.T) {
	t.Parallel()
	_, err := Parse([]byte("x = 1\ny = = 2"), "@f.lua")
	e, ok := err.(*SyntaxError)
	if !ok {
		t.Fatalf("got %T, want *SyntaxError", err)
	}
	want := SyntaxError{Chunk: "f.lua", Line: 2, Pos: 11, Msg: "f.lua:2: unexpected symbol near '='", Near: "'='"}
	if *e != want {
		t.Errorf("got %+v, want %+v", *e, want)
	}
	_, err = Parse([]byte("f("), "=t")
	if e := err.(*SyntaxError); e.Near != "<eof>" {
		t.Errorf("incomplete input: Near = %q, want <eof>", e.Near)
	}
}

func TestFunctions(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte("function a.b:m(x) end\nlocal function f() end\nlocal g = function() end"), "=t")
	if err != nil {
		t.Fatal(err)
	}
	fs := c.Block.Stats[0].(*ast.FuncStat)
	if !fs.Func.IsMethod || fs.Func.Name != "a.b:m" || len(fs.Func.Params) != 2 || fs.Func.Params[0].Name != "self" {
		t.Errorf("method: %+v", fs.Func)
	}
	if Dump(fs.Target) != `(index (index a "b") "m")` {
		t.Errorf("target %s", Dump(fs.Target))
	}
	lf := c.Block.Stats[1].(*ast.LocalFunction)
	if lf.Func.Name != "f" || lf.Name.Name != "f" || c.File.Line(lf.Func.Pos()) != 2 {
		t.Errorf("local function: %+v", lf.Func)
	}
	anon := c.Block.Stats[2].(*ast.Local).Exprs[0].(*ast.Function)
	if anon.Name != "" || anon.IsMethod || anon.IsVararg {
		t.Errorf("anonymous: %+v", anon)
	}
}

// TestSpans checks the extent recorded for nodes.
func TestSpans(t *testing.T) {
	t.Parallel()
	src := "local t = f(x).y + g:m{1}\nfunction a.b() return 1 end\nx = 1 .. 2"
	c, err := Parse([]byte(src), "=t")
	if err != nil {
		t.Fatal(err)
	}
	text := func(n ast.Node) string { return src[n.Pos()-1 : n.End()-1] }
	loc := c.Block.Stats[0].(*ast.Local)
	bin := loc.Exprs[0].(*ast.Binary)
	checks := []struct {
		n    ast.Node
		want string
	}{
		{c.Block, src},
		{loc, "local t = f(x).y + g:m{1}"},
		{bin, "f(x).y + g:m{1}"},
		{bin.L, "f(x).y"},
		{bin.L.(*ast.Index).X, "f(x)"},
		{bin.R, "g:m{1}"},
		{bin.R.(*ast.MethodCall).Name, "m"},
		{c.Block.Stats[1], "function a.b() return 1 end"},
		{c.Block.Stats[1].(*ast.FuncStat).Func, "function a.b() return 1 end"},
		{c.Block.Stats[1].(*ast.FuncStat).Func.Body, "return 1"},
		{c.Block.Stats[2], "x = 1 .. 2"},
	}
	for _, ck := range checks {
		if got := text(ck.n); got != ck.want {
			t.Errorf("%T spans %q, want %q", ck.n, got, ck.want)
		}
	}
	if op := bin.OpPos; src[op-1] != '+' {
		t.Errorf("OpPos points at %q", src[op-1])
	}
	if line := c.File.Line(c.Block.Stats[2].Pos()); line != 3 {
		t.Errorf("line of stat 3 = %d", line)
	}
}

// nestForms build deeply nested chunks; depth is the smallest n at which
// lua5.4's load (called from a main chunk) fails with "C stack overflow".
var nestForms = []struct {
	name  string
	depth int
	make  func(n int) string
}{
	{"paren", 196, func(n int) string { return "x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) }},
	{"neg", 196, func(n int) string { return "x = " + strings.Repeat("- ", n) + "1" }},
	{"table", 197, func(n int) string { return "x = " + strings.Repeat("{", n) + strings.Repeat("}", n) }},
	{"table1", 196, func(n int) string { return "x = " + strings.Repeat("{", n) + "1" + strings.Repeat("}", n) }},
	{"field", 196, func(n int) string { return "x = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) }},
	{"do", 198, func(n int) string { return strings.Repeat("do ", n) + strings.Repeat("end ", n) }},
	{"func", 99, func(n int) string {
		return "x = " + strings.Repeat("function() return ", n) + strings.Repeat(" end", n)
	}},
	{"funcstat", 198, func(n int) string { return strings.Repeat("function f() ", n) + strings.Repeat(" end", n) }},
	{"call", 197, func(n int) string { return "x = " + strings.Repeat("f(", n) + strings.Repeat(")", n) }},
	{"concat", 196, func(n int) string { return "x = 1" + strings.Repeat(" .. 1", n) }},
	{"pow", 196, func(n int) string { return "x = 1" + strings.Repeat(" ^ 1", n) }},
	{"index", 196, func(n int) string { return "x = a" + strings.Repeat("[a", n) + strings.Repeat("]", n) }},
	{"if", 197, func(n int) string { return strings.Repeat("if x then ", n) + strings.Repeat("end ", n) }},
	{"while", 197, func(n int) string { return strings.Repeat("while x do ", n) + strings.Repeat("end ", n) }},
	{"repeat", 197, func(n int) string { return strings.Repeat("repeat ", n) + strings.Repeat("until x ", n) }},
	{"targets", 196, func(n int) string { return strings.Repeat("a, ", n) + "a = 1" }},
	{"not", 196, func(n int) string { return "x = " + strings.Repeat("not ", n) + "1" }},
	{"ifelse", 197, func(n int) string { return strings.Repeat("if x then else ", n) + strings.Repeat("end ", n) }},
	{"labels", 198, func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "::a%d:: ", i)
		}
		return b.String()
	}},
	{"label semis", 0, func(n int) string { return "::a:: " + strings.Repeat("; ", n) }},
}

func TestNesting(t *testing.T) {
	t.Parallel()
	for _, f := range nestForms {
		t.Run(f.name, func(t *testing.T) {
			if f.depth == 0 { // never too deep
				if _, err := Parse([]byte(f.make(1000)), "=t"); err != nil {
					t.Error(err)
				}
				return
			}
			if _, err := Parse([]byte(f.make(f.depth-1)), "=t"); err != nil {
				t.Errorf("depth %d: %v", f.depth-1, err)
			}
			_, err := Parse([]byte(f.make(f.depth)), "=t")
			if err == nil || err.Error() != "C stack overflow" {
				t.Errorf("depth %d: got %v, want C stack overflow", f.depth, err)
			}
		})
	}
}

// TestHugeNesting feeds inputs far deeper than any stack: they must fail
// quickly with the reference's message, not crash.
func TestHugeNesting(t *testing.T) {
	t.Parallel()
	n := 10_000_000
	if testing.Short() {
		n = 100_000
	}
	srcs := []string{
		"x = " + strings.Repeat("(", n),
		"x = " + strings.Repeat("{", n),
		strings.Repeat("function f() ", n/10),
		"x = " + strings.Repeat("-", n),
	}
	for _, src := range srcs {
		_, err := Parse([]byte(src), "=t")
		if err == nil || (err.Error() != "C stack overflow" && !strings.Contains(err.Error(), "near <eof>")) {
			t.Errorf("%.20q...: %v", src, err)
		}
	}
}

func TestLongChains(t *testing.T) {
	t.Parallel()
	// Left-associative operators and suffixes do not nest in the
	// reference, so long chains are fine.
	srcs := []string{
		"x = 1" + strings.Repeat(" + 1", 100_000),
		"x = a" + strings.Repeat(".b", 100_000),
		"x = f" + strings.Repeat("()", 100_000),
		strings.Repeat("x = 1\n", 100_000),
	}
	for _, src := range srcs {
		if _, err := Parse([]byte(src), "=t"); err != nil {
			t.Errorf("%.20q...: %v", src, err)
		}
	}
}
