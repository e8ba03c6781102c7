package lexer

import (
	"strconv"

	"github.com/tidelua/tide/internal/token"
)

// Error is a lexical error. Error() formats it exactly as the reference
// lexer (llex.c lexerror) does: "chunkid:line: msg near 'text'".
type Error struct {
	Chunk string    // chunk display id, see [ChunkID]
	Line  int       // the lexer's current line when the error was found
	Pos   token.Pos // start of the offending token
	Msg   string    // bare message, e.g. "unfinished string"
	Near  string    // quoted token text ("'3x'"), "<eof>", or "" for none
}

// Error returns the message in the reference's format.
func (e *Error) Error() string { return Format(e.Chunk, e.Line, e.Msg, e.Near) }

// Format builds a reference-style syntax error message:
// "chunk:line: msg near near", omitting " near ..." when near is empty.
func Format(chunk string, line int, msg, near string) string {
	s := chunk + ":" + strconv.Itoa(line) + ": " + msg
	if near != "" {
		s += " near " + near
	}
	return s
}
