package compiler

import (
	"fmt"

	"github.com/tidelua/tide/internal/lexer"
)

// Error is a compile-time error: a semantic error (goto, label, const
// assignment) or a limit error. Error() formats it exactly as the reference
// lua5.4 does: "chunkid:line: message", plus " near 'token'" when the
// reference names a token (limit errors).
type Error struct {
	Chunk string // chunk display id, see lexer.ChunkID
	Line  int
	Msg   string
	Near  string // token as the reference prints it ("'='", "<eof>"); "" for none
}

func (e *Error) Error() string { return lexer.Format(e.Chunk, e.Line, e.Msg, e.Near) }

// InternalError reports a bug in the compiler: a Go panic caught at the
// package boundary. Bad input must never produce one.
type InternalError struct {
	Chunk string
	Cause any
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("%s: internal compiler error: %v", e.Chunk, e.Cause)
}
