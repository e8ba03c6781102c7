package parser

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/ast"
	"github.com/tidelua/tide/internal/lexer"
	"github.com/tidelua/tide/internal/token"
)

// SyntaxError is the first error found in a chunk. Error() returns Msg,
// which is exactly what lua5.4 reports, e.g.
// `[string "x = = 1"]:1: unexpected symbol near '='`.
type SyntaxError struct {
	Chunk string    // chunk display id (lexer.ChunkID of the chunk name)
	Line  int       // line reported in the message
	Pos   token.Pos // start of the offending token (NoPos when unknown)
	Msg   string    // the full message
	// Near is the offending token as quoted in the message ("'='",
	// "<eof>"), or "" when the message names none. An interactive reader
	// can treat Near == "<eof>" as "the input is incomplete".
	Near string
}

// Error returns the message in the reference's format.
func (e *SyntaxError) Error() string { return e.Msg }

// maxLevels is the nesting depth (statements plus subexpressions) at which
// parsing fails with "C stack overflow": LUAI_MAXCCALLS (200) minus the two
// C levels in use when load() runs from a main chunk in lua5.4.
const maxLevels = 198

// Parse parses a whole chunk. chunkname is the name given to load ("@file",
// "=stdin", or the source text itself) and is used for messages. The error,
// if any, is a *SyntaxError. Parse never panics on bad input.
func Parse(src []byte, chunkname string) (chunk *ast.Chunk, err error) {
	file := token.NewFile(chunkname)
	p := &parser{lx: lexer.New(src, file), vararg: true}
	if strings.HasPrefix(chunkname, "@") || chunkname == "=stdin" {
		p.lx.SkipPrefix()
	}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				// A bug, not bad input: report it rather than crash the
				// embedding program. Fuzz tests look for this message.
				b.err = &SyntaxError{
					Chunk: lexer.ChunkID(chunkname),
					Msg:   fmt.Sprintf("%s: internal error: %v", lexer.ChunkID(chunkname), r),
				}
			}
			chunk, err = nil, b.err
		}
	}()
	p.tok = &p.lx.Tok
	p.next()
	block := p.block()
	p.check(token.EOF)
	return &ast.Chunk{Name: chunkname, File: file, Block: block}, nil
}

// bailout carries a syntax error up the parser's stack to Parse.
type bailout struct{ err *SyntaxError }

type parser struct {
	lx      *lexer.Lexer
	tok     *lexer.Token // the current token, &lx.Tok
	prevEnd token.Pos    // end of the previous token
	depth   int          // nesting levels, as the reference counts them
	vararg  bool         // the function being parsed is vararg
	nvars   int          // local variables declared in the function's active scopes
	fline   int          // line where the function being parsed starts; 0: main
	nodes
}

// next moves to the next token, failing on a lexical error.
func (p *parser) next() {
	p.prevEnd = p.tok.End
	p.lx.Next()
	if e := p.lx.Err(); e != nil {
		p.fail(&SyntaxError{Chunk: e.Chunk, Line: e.Line, Pos: e.Pos, Msg: e.Error(), Near: e.Near})
	}
}

func (p *parser) fail(e *SyntaxError) { panic(bailout{e}) }

// errorNear fails with msg near the current token (luaX_syntaxerror).
func (p *parser) errorNear(msg string) {
	near := p.lx.Near(*p.tok)
	e := p.lx.Error(msg, near, p.tok.Pos)
	p.fail(&SyntaxError{Chunk: e.Chunk, Line: e.Line, Pos: e.Pos, Msg: e.Error(), Near: near})
}

// semError fails with msg and no "near" part (luaK_semerror).
func (p *parser) semError(msg string) {
	e := p.lx.Error(msg, "", p.tok.Pos)
	p.fail(&SyntaxError{Chunk: e.Chunk, Line: e.Line, Pos: e.Pos, Msg: e.Error()})
}

// kindText names a token kind as luaX_token2str does: symbols and reserved
// words quoted, "<eof>", "<name>" and the like bare.
func kindText(k token.Kind) string {
	switch k {
	case token.EOF, token.Name, token.String, token.Int, token.Float:
		return k.String()
	}
	return "'" + k.String() + "'"
}

func (p *parser) errorExpected(k token.Kind) { p.errorNear(kindText(k) + " expected") }

func (p *parser) check(k token.Kind) {
	if p.tok.Kind != k {
		p.errorExpected(k)
	}
}

func (p *parser) checkNext(k token.Kind) {
	p.check(k)
	p.next()
}

func (p *parser) testNext(k token.Kind) bool {
	if p.tok.Kind == k {
		p.next()
		return true
	}
	return false
}

// checkMatch consumes what, which closes who opened at line where.
func (p *parser) checkMatch(what, who token.Kind, where int) {
	if p.testNext(what) {
		return
	}
	if where == p.lx.Line() {
		p.errorExpected(what)
	}
	p.errorNear(kindText(what) + " expected (to close " + kindText(who) +
		" at line " + strconv.Itoa(where) + ")")
}

// checkName consumes a name.
func (p *parser) checkName() *ast.Name {
	p.check(token.Name)
	n := p.name(ast.Span{From: p.tok.Pos, To: p.tok.End}, p.tok.Str)
	p.next()
	return n
}

// enter counts one nesting level (lparser.c enterlevel).
func (p *parser) enter() {
	p.depth++
	if p.depth >= maxLevels {
		p.fail(&SyntaxError{
			Chunk: lexer.ChunkID(p.lx.File().Name),
			Line:  p.lx.Line(),
			Pos:   p.tok.Pos,
			Msg:   "C stack overflow",
		})
	}
}

func (p *parser) leave() { p.depth-- }

// maxVars is the reference's limit on a function's active local variables
// (MAXVARS), counting the hidden variables of for loops.
const maxVars = 200

// newLocal counts a local variable declared in the current function, as
// lparser.c's new_localvar does, so that "too many local variables" is
// reported where the reference reports it, even in a chunk with a later
// syntax error (the compiler checks the same limit on complete chunks).
func (p *parser) newLocal(n int) {
	p.nvars += n
	if p.nvars > maxVars {
		where := "main function"
		if p.fline != 0 {
			where = fmt.Sprintf("function at line %d", p.fline)
		}
		p.errorNear(fmt.Sprintf("too many local variables (limit is %d) in %s", maxVars, where))
	}
}
