// Package token defines the lexical tokens of Lua 5.4 and compact source
// positions.
//
// A Pos is a byte offset into one chunk, plus one; the zero Pos means "no
// position". A File records where each line starts so that a Pos can be
// expanded into a line and column only when a message is printed (the model
// is go/token).
package token

import (
	"fmt"
	"sort"
)

// Kind is the kind of a lexical token.
type Kind uint8

// Token kinds. Single-character tokens and keywords each have their own kind.
const (
	EOF Kind = iota
	Name
	String
	Int   // integer literal
	Float // float literal

	// Keywords.
	And
	Break
	Do
	Else
	Elseif
	End
	False
	For
	Function
	Goto
	If
	In
	Local
	Nil
	Not
	Or
	Repeat
	Return
	Then
	True
	Until
	While

	// Operators and punctuation.
	Plus     // +
	Minus    // -
	Star     // *
	Slash    // /
	DSlash   // //
	Percent  // %
	Caret    // ^
	Hash     // #
	Amp      // &
	Tilde    // ~
	Pipe     // |
	Shl      // <<
	Shr      // >>
	Eq       // ==
	Ne       // ~=
	Le       // <=
	Ge       // >=
	Lt       // <
	Gt       // >
	Assign   // =
	LParen   // (
	RParen   // )
	LBrace   // {
	RBrace   // }
	LBracket // [
	RBracket // ]
	DColon   // ::
	Semi     // ;
	Colon    // :
	Comma    // ,
	Dot      // .
	Concat   // ..
	Dots     // ...

	numKinds
)

var kindText = [...]string{
	EOF: "<eof>", Name: "<name>", String: "<string>", Int: "<integer>", Float: "<number>",
	And: "and", Break: "break", Do: "do", Else: "else", Elseif: "elseif", End: "end",
	False: "false", For: "for", Function: "function", Goto: "goto", If: "if", In: "in",
	Local: "local", Nil: "nil", Not: "not", Or: "or", Repeat: "repeat", Return: "return",
	Then: "then", True: "true", Until: "until", While: "while",
	Plus: "+", Minus: "-", Star: "*", Slash: "/", DSlash: "//", Percent: "%", Caret: "^",
	Hash: "#", Amp: "&", Tilde: "~", Pipe: "|", Shl: "<<", Shr: ">>", Eq: "==", Ne: "~=",
	Le: "<=", Ge: ">=", Lt: "<", Gt: ">", Assign: "=", LParen: "(", RParen: ")",
	LBrace: "{", RBrace: "}", LBracket: "[", RBracket: "]", DColon: "::", Semi: ";",
	Colon: ":", Comma: ",", Dot: ".", Concat: "..", Dots: "...",
}

// String returns the token's text as the reference lexer names it in
// messages ("<eof>", "<name>", "and", "..").
func (k Kind) String() string {
	if int(k) < len(kindText) {
		return kindText[k]
	}
	return fmt.Sprintf("token(%d)", k)
}

// Keywords maps each reserved word to its kind.
var Keywords = map[string]Kind{
	"and": And, "break": Break, "do": Do, "else": Else, "elseif": Elseif, "end": End,
	"false": False, "for": For, "function": Function, "goto": Goto, "if": If, "in": In,
	"local": Local, "nil": Nil, "not": Not, "or": Or, "repeat": Repeat, "return": Return,
	"then": Then, "true": True, "until": Until, "while": While,
}

// Pos is a byte offset into a chunk plus one. The zero value is NoPos.
type Pos int32

// NoPos is the zero Pos: no position known.
const NoPos Pos = 0

// IsValid reports whether p is a known position.
func (p Pos) IsValid() bool { return p != NoPos }

// Position is an expanded source position, for messages.
type Position struct {
	Chunk  string // chunk name as given to load ("@file.lua", "=stdin", or source text)
	Line   int    // 1-based
	Column int    // 1-based, in bytes
}

// File records the start offset of every line of one chunk.
// The lexer fills it in as it scans; it is immutable afterwards.
type File struct {
	Name  string  // chunk name
	lines []int32 // lines[i] = offset of the first byte of line i+1
}

// NewFile returns a File for a chunk with the given name; line 1 starts at 0.
func NewFile(name string) *File {
	return &File{Name: name, lines: []int32{0}}
}

// AddLine records that a new line starts at byte offset off. Offsets must be
// added in increasing order.
func (f *File) AddLine(off int) {
	if n := len(f.lines); n == 0 || int32(off) > f.lines[n-1] {
		f.lines = append(f.lines, int32(off))
	}
}

// Line returns the 1-based line of p (1 for NoPos).
func (f *File) Line(p Pos) int {
	if p <= 0 {
		return 1
	}
	off := int32(p - 1)
	return sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off })
}

// Position expands p.
func (f *File) Position(p Pos) Position {
	line := f.Line(p)
	col := 1
	if p > 0 && line >= 1 && line <= len(f.lines) {
		col = int(int32(p-1)-f.lines[line-1]) + 1
	}
	return Position{Chunk: f.Name, Line: line, Column: col}
}
