// Package parser builds the syntax tree of a Lua 5.4 chunk.
//
// It is the stage after internal/lexer: [Parse] takes source bytes and a
// chunk name and returns an *ast.Chunk, or a *[SyntaxError] describing the
// first error, as lua5.4 would report it. It imports only token, lexer and
// ast, and makes no scoping decisions: names are not resolved here.
//
// The parser is a recursive descent mirroring the reference's lparser.c,
// so that it consumes tokens in the same order and fails at the same token
// with the same message. Errors produced here:
//
//   - every lexical error (see internal/lexer);
//   - "'X' expected", "'X' expected (to close 'Y' at line N)",
//     "<name> expected", "<name> or '...' expected", "'=' or 'in' expected",
//     "unexpected symbol", "syntax error" (a non-call expression statement
//     or an assignment to a non-variable), "function arguments expected",
//     each followed by "near" and the offending token;
//   - "cannot use '...' outside a vararg function";
//   - "unknown attribute 'x'" and "multiple to-be-closed variables in local
//     list" (without "near", as luaK_semerror writes them);
//   - "C stack overflow" (without position, exactly the reference's text)
//     when statements and expressions nest too deeply: the reference
//     counts one C level per statement and per subexpression and fails at
//     200 levels, two of which are already in use when load() is called
//     from a main chunk, so nesting fails at the same depth as it does for
//     load() in lua5.4.
//
// Left to the compiler, which owns scoping: goto/label resolution ("no
// visible label", "label 'x' already defined", "jumps into the scope of
// local"), "break outside loop", assignment to a <const> variable, and the
// limits on locals, upvalues, registers and code size.
//
// A first line starting with '#' (and a UTF-8 byte order mark) is skipped
// only for chunks loaded from files: chunk names starting with '@', and
// "=stdin", as luaL_loadfilex does. load() of a string starting with '#'
// fails, as in the reference.
package parser
