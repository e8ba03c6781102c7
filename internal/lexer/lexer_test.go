package lexer

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/token"
)

// scanAll returns the token stream of src as a golden string, or the error.
func scanAll(src string) (string, error) {
	l := New([]byte(src), token.NewFile(src))
	var b strings.Builder
	for {
		l.Next()
		if err := l.Err(); err != nil {
			return b.String(), err
		}
		t := l.Tok
		if t.Kind == token.EOF {
			return b.String(), nil
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch t.Kind {
		case token.Name:
			b.WriteString("name:" + t.Str)
		case token.String:
			b.WriteString("string:" + strconv.Quote(t.Str))
		case token.Int:
			b.WriteString("int:" + strconv.FormatInt(t.Int, 10))
		case token.Float:
			b.WriteString("float:" + strconv.FormatFloat(t.Float, 'g', -1, 64))
		case Illegal:
			b.WriteString("illegal:" + strconv.Quote(t.Str))
		default:
			b.WriteString(t.Kind.String())
		}
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"", ""},
		{"   \t\f\v\n\r ", ""},
		{"x _y z9 _ and or not", "name:x name:_y name:z9 name:_ and or not"},
		{"and break do else elseif end false for function goto if in local nil not or repeat return then true until while",
			"and break do else elseif end false for function goto if in local nil not or repeat return then true until while"},
		{"+ - * / // % ^ # & ~ | << >> == ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ...",
			"+ - * / // % ^ # & ~ | << >> == ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ..."},
		{"a.b:c(...)", "name:a . name:b : name:c ( ... )"},
		{"a..b...c....d", "name:a .. name:b ... name:c ... . name:d"},
		{"x=1//2>>3<<4~=5", "name:x = int:1 // int:2 >> int:3 << int:4 ~= int:5"},
		{"1 1.5 .5 0x10 0x1p4 1e2", "int:1 float:1.5 float:0.5 int:16 float:16 float:100"},
		{"3 .. 4", "int:3 .. int:4"},
		{"a.5", "name:a float:0.5"},
		{"'a' \"b\" [[c]] [=[d]=]", `string:"a" string:"b" string:"c" string:"d"`},
		{"-- comment\nx --[[ long\ncomment ]] y --[==[ ]] ]==] z", "name:x name:y name:z"},
		{"--[= not long\nx", "name:x"},
		{"--\nx--", "name:x"},
		{"-x - -y", "- name:x - - name:y"},
		{"a[b]", "name:a [ name:b ]"},
		{"[=", ""}, // error, checked in TestLexErrors
		{"@ $ ! ? ` \\", `illegal:"@" illegal:"$" illegal:"!" illegal:"?" illegal:"` + "`" + `" illegal:"\\"`},
		{"\x00\x01\xff", `illegal:"\x00" illegal:"\x01" illegal:"\xff"`},
		{"#!x", `# illegal:"!" name:x`},
		{"a\r\nb\n\rc\rd\ne", "name:a name:b name:c name:d name:e"},
		{"goto continue", "goto name:continue"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, _ := scanAll(tt.src)
			if got != tt.want {
				t.Errorf("scan %q:\n got  %s\n want %s", tt.src, got, tt.want)
			}
		})
	}
}

// numerals: text -> "int N" or "float %a" as lua5.4 prints them
// (string.format("%a")), generated with lua5.4.
var numerals = []struct{ src, want string }{
	{"0", "int 0"},
	{"1", "int 1"},
	{"42", "int 42"},
	{"00012", "int 12"},
	{"9223372036854775807", "int 9223372036854775807"},
	{"9223372036854775808", "float 0x1p+63"},
	{"18446744073709551615", "float 0x1p+64"},
	{"18446744073709551616", "float 0x1p+64"},
	{"99999999999999999999999", "float 0x1.52d02c7e14af6p+76"},
	{"0x0", "int 0"},
	{"0xff", "int 255"},
	{"0XFF", "int 255"},
	{"0x7fffffffffffffff", "int 9223372036854775807"},
	{"0x8000000000000000", "int -9223372036854775808"},
	{"0xffffffffffffffff", "int -1"},
	{"0x10000000000000000", "int 0"},
	{"0x123456789abcdef0123", "int 5001117282205630755"},
	{"1.0", "float 0x1p+0"},
	{"1.", "float 0x1p+0"},
	{".5", "float 0x1p-1"},
	{"3.14159", "float 0x1.921f9f01b866ep+1"},
	{"1e10", "float 0x1.2a05f2p+33"},
	{"1E10", "float 0x1.2a05f2p+33"},
	{"1e+10", "float 0x1.2a05f2p+33"},
	{"1e-10", "float 0x1.b7cdfd9d7bdbbp-34"},
	{"3.e2", "float 0x1.2cp+8"},
	{".5e1", "float 0x1.4p+2"},
	{"1e308", "float 0x1.1ccf385ebc8ap+1023"},
	{"1e309", "float inf"},
	{"1e400", "float inf"},
	{"1e-320", "float 0x0.00000000007e8p-1022"},
	{"1e-400", "float 0x0p+0"},
	{"0x1p4", "float 0x1p+4"},
	{"0x1P4", "float 0x1p+4"},
	{"0x.8p1", "float 0x1p+0"},
	{"0xA.", "float 0x1.4p+3"},
	{"0x1.8", "float 0x1.8p+0"},
	{"0xA.8p0", "float 0x1.5p+3"},
	{"0x1p-1", "float 0x1p-1"},
	{"0x1p+1", "float 0x1p+1"},
	{"0x.1", "float 0x1p-4"},
	{"0x1p-1074", "float 0x0.0000000000001p-1022"},
	{"0x1p-1080", "float 0x0p+0"},
	{"0x1p1024", "float inf"},
	{"0x1p99999999999999999999", "float inf"},
	{"0xffffffffffffffffffff.0", "float 0x1p+80"},
	{"123456789012345678901234567890", "float 0x1.8ee90ff6c373ep+96"},
	{"0.1", "float 0x1.999999999999ap-4"},
	{"2.5e-3", "float 0x1.47ae147ae147bp-9"},
	{"0e0", "float 0x0p+0"},
	{"0x0p0", "float 0x0p+0"},
}

func TestNumerals(t *testing.T) {
	t.Parallel()
	for _, tt := range numerals {
		t.Run(tt.src, func(t *testing.T) {
			l := New([]byte(tt.src), token.NewFile("=t"))
			l.Next()
			if err := l.Err(); err != nil {
				t.Fatalf("error %v", err)
			}
			kind, val, _ := strings.Cut(tt.want, " ")
			switch kind {
			case "int":
				want, _ := strconv.ParseInt(val, 10, 64)
				if l.Tok.Kind != token.Int || l.Tok.Int != want {
					t.Errorf("got %v %d %g, want int %d", l.Tok.Kind, l.Tok.Int, l.Tok.Float, want)
				}
			default:
				want, err := strconv.ParseFloat(val, 64)
				if err != nil {
					t.Fatal(err)
				}
				if l.Tok.Kind != token.Float || l.Tok.Float != want {
					t.Errorf("got %v %d %g, want float %g", l.Tok.Kind, l.Tok.Int, l.Tok.Float, want)
				}
			}
			if l.Next(); l.Tok.Kind != token.EOF {
				t.Errorf("numeral not consumed whole: next token %v", l.Tok.Kind)
			}
		})
	}
}

// strings: literal -> value, generated with lua5.4.
var stringCases = []struct{ src, want string }{
	{"\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\'\"", "\a\b\f\n\r\t\v\\\"'"},
	{"'\\65\\066\\0677\\0'", "ABC7\x00"},
	{"\"\\x41\\x7a\\xFF\\x00\"", "Az\xff\x00"},
	{"\"a\\z   \n   b\"", "ab"},
	{"\"a\\\nb\"", "a\nb"},
	{"\"a\\\r\nb\"", "a\nb"},
	{"\"a\\\n\rb\"", "a\nb"},
	{"\"\\u{0}\\u{7F}\\u{80}\\u{7FF}\\u{800}\\u{FFFF}\\u{10000}\\u{10FFFF}\"", "\x00\x7f\u0080߿ࠀ\uffff𐀀\U0010ffff"},
	{"\"\\u{110000}\\u{1FFFFF}\\u{200000}\\u{3FFFFFF}\\u{4000000}\\u{7FFFFFFF}\"", "\xf4\x90\x80\x80\xf7\xbf\xbf\xbf\xf8\x88\x80\x80\x80\xfb\xbf\xbf\xbf\xbf\xfc\x84\x80\x80\x80\x80\xfd\xbf\xbf\xbf\xbf\xbf"},
	{"\"\\u{D800}\"", "\xed\xa0\x80"},
	{"\"\\u{00000041}\"", "A"},
	{"[[\nabc]]", "abc"},
	{"[[\r\nabc]]", "abc"},
	{"[[\n\rabc]]", "abc"},
	{"[[\n\nabc]]", "\nabc"},
	{"[==[a]]b]=]c]==]", "a]]b]=]c"},
	{"[[a\r\nb\n\rc\rd\ne]]", "a\nb\nc\nd\ne"},
	{"[[]]", ""},
	{"''", ""},
	{"\"\\z\"", ""},
	{"[=[\n]=]", ""},
	{"[[\\n]]", "\\n"},
	{"'\"'", "\""},
	{"\"'\"", "'"},
	{"'\\z\n\n\n x'", "x"},
}

func TestStrings(t *testing.T) {
	t.Parallel()
	for _, tt := range stringCases {
		t.Run(tt.src, func(t *testing.T) {
			l := New([]byte(tt.src), token.NewFile("=t"))
			l.Next()
			if err := l.Err(); err != nil {
				t.Fatalf("error %v", err)
			}
			if l.Tok.Kind != token.String || l.Tok.Str != tt.want {
				t.Errorf("got %v %q, want %q", l.Tok.Kind, l.Tok.Str, tt.want)
			}
			if int(l.Tok.End-1) != len(tt.src) {
				t.Errorf("token ends at %d, want %d", l.Tok.End-1, len(tt.src))
			}
		})
	}
}

func TestLexErrors(t *testing.T) {
	t.Parallel()
	// Messages as lua5.4 prints them for load(src) (chunk name = src).
	tests := []struct{ src, want string }{
		{`"abc`, `[string ""abc"]:1: unfinished string near <eof>`},
		{"'abc\ndef'", `[string "'abc..."]:1: unfinished string near ''abc'`},
		{`3x`, `[string "3x"]:1: malformed number near '3x'`},
		{`"a\qb"`, `[string ""a\qb""]:1: invalid escape sequence near '"a\q'`},
		{`[[abc`, `[string "[[abc"]:1: unfinished long string (starting at line 1) near <eof>`},
		{"--[[abc\n\n", `[string "--[[abc..."]:3: unfinished long comment (starting at line 1) near <eof>`},
		{`"\300"`, `[string ""\300""]:1: decimal escape too large near '"\300"'`},
		{`"\u{80000000}"`, `[string ""\u{80000000}""]:1: UTF-8 value too large near '"\u{80000000'`},
		{`"\xZZ"`, `[string ""\xZZ""]:1: hexadecimal digit expected near '"\xZ'`},
		{`"\u12"`, `[string ""\u12""]:1: missing '{' near '"\u1'`},
		{`"\u{12"`, `[string ""\u{12""]:1: missing '}' near '"\u{12"'`},
		{`[=`, `[string "[="]:1: invalid long string delimiter near '[='`},
		{`0x`, `[string "0x"]:1: malformed number near '0x'`},
		{`1e+`, `[string "1e+"]:1: malformed number near '1e+'`},
		{`1..2`, `[string "1..2"]:1: malformed number near '1..2'`},
		{"\"a\\", `[string ""a\"]:1: unfinished string near <eof>`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := scanAll(tt.src)
			if err == nil || err.Error() != tt.want {
				t.Errorf("scan %q:\n got  %v\n want %s", tt.src, err, tt.want)
			}
		})
	}
}

func TestLines(t *testing.T) {
	t.Parallel()
	// Each of "\n", "\r", "\r\n" and "\n\r" is one line break.
	src := "a\nb\rc\r\nd\n\re\n\nf\r\rg [[\n\r]] h"
	l := New([]byte(src), token.NewFile("=t"))
	want := map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 7, "g": 9, "h": 10}
	for {
		l.Next()
		if l.Tok.Kind == token.EOF {
			break
		}
		if l.Tok.Kind != token.Name {
			continue
		}
		if got := l.File().Line(l.Tok.Pos); got != want[l.Tok.Str] {
			t.Errorf("%s: File.Line = %d, want %d", l.Tok.Str, got, want[l.Tok.Str])
		}
		if got := l.Line(); got != want[l.Tok.Str] {
			t.Errorf("%s: Line() = %d, want %d", l.Tok.Str, got, want[l.Tok.Str])
		}
	}
}

func TestSkipPrefix(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"#!/usr/bin/lua\nx", "name:x"},
		{"\xEF\xBB\xBF#!lua\r\nx", "name:x"},
		{"\xEF\xBB\xBFx", "name:x"},
		{"# only", ""},
		{"x", "name:x"},
	}
	for _, tt := range tests {
		l := New([]byte(tt.src), token.NewFile("@t"))
		l.SkipPrefix()
		l.Next()
		got := ""
		if l.Tok.Kind == token.Name {
			got = "name:" + l.Tok.Str
			if line := l.Line(); strings.Contains(tt.src, "\n") && line != 2 {
				t.Errorf("%q: line %d, want 2", tt.src, line)
			}
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestNear(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"x", "'x'"},
		{"0x1p4", "'0x1p4'"},
		{`"a\tb"`, "'\"a\tb\"'"},
		{"[==[\nab]]c]==]", "'[==[ab]]c]==]'"},
		{"'\x00ab'", "'''"},
		{"==", "'=='"},
		{"end", "'end'"},
		{"", "<eof>"},
		{"@", "'@'"},
		{"\x01", `'<\1>'`},
		{"\xc8", `'<\200>'`},
		{"\x00", ""},
	}
	for _, tt := range tests {
		l := New([]byte(tt.src), token.NewFile("=t"))
		l.Next()
		if got := l.Near(l.Tok); got != tt.want {
			t.Errorf("Near(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestInternNames(t *testing.T) {
	src := []byte("local alpha = beta + alpha * gamma .. beta")
	l := New(src, token.NewFile("=t"))
	scan := func() {
		l.src, l.off, l.hasAhead = src, 0, false
		for l.Next(); l.Tok.Kind != token.EOF; l.Next() {
		}
	}
	scan() // interns the names
	if n := testing.AllocsPerRun(100, scan); n != 0 {
		t.Errorf("rescanning known names allocates %v times, want 0", n)
	}
}

func BenchmarkLexer(b *testing.B) {
	src := []byte(strings.Repeat("local function f(a, b) return a + b * 2.5 .. 'str\\n' end -- comment\n", 1500))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		l := New(src, token.NewFile("=bench"))
		for l.Next(); l.Tok.Kind != token.EOF; l.Next() {
		}
	}
}

func TestKeywords(t *testing.T) {
	t.Parallel()
	for w, k := range token.Keywords {
		if got := keyword([]byte(w)); got != k {
			t.Errorf("keyword(%q) = %v, want %v", w, got, k)
		}
	}
	for _, w := range []string{"", "a", "x", "ands", "End", "functions", "_end", "z"} {
		if got := keyword([]byte(w)); got != token.Name {
			t.Errorf("keyword(%q) = %v, want a name", w, got)
		}
	}
}
