package lexer

import "testing"

// chunkIDs: chunk name -> display id, generated with lua5.4 (the prefix of
// load("x=", name)'s error message).
var chunkIDs = []struct{ name, want string }{
	{"=stdin", "stdin"},
	{"=", ""},
	{"@", ""},
	{"", "[string \"\"]"},
	{"\n", "[string \"...\"]"},
	{"x\n", "[string \"x...\"]"},
	{"@file.lua", "file.lua"},
	{"=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	{"=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
	{"=cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},
	{"=ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"},
	{"@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	{"@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
	{"@ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccxyz", "...cccccccccccccccccccccccccccccccccccccccccccccccccccccxyz"},
	{"@/very/long/path/dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd/file.lua", "...ddddddddddddddddddddddddddddddddddddddddddddddd/file.lua"},
	{"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "[string \"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"]"},
	{"ffffffffffffffffffffffffffffffffffffffffffff", "[string \"ffffffffffffffffffffffffffffffffffffffffffff\"]"},
	{"ggggggggggggggggggggggggggggggggggggggggggggg", "[string \"ggggggggggggggggggggggggggggggggggggggggggggg...\"]"},
	{"hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh", "[string \"hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh...\"]"},
	{"iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii", "[string \"iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii...\"]"},
	{"abc\ndef", "[string \"abc...\"]"},
	{"jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj\nx", "[string \"jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj...\"]"},
	{"\r\n", "[string \"\r...\"]"},
	{"a\x00b", "[string \"a\"]"},
	{"=a\x00b", "a"},
	{"x = 1 -- ok", "[string \"x = 1 -- ok\"]"},
}

func TestChunkID(t *testing.T) {
	t.Parallel()
	for _, tt := range chunkIDs {
		if got := ChunkID(tt.name); got != tt.want {
			t.Errorf("ChunkID(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
