// Package lexer turns the bytes of a Lua 5.4 chunk into tokens.
//
// It is the first stage of the pipeline: it takes source bytes and produces
// [Token] values one at a time for the parser, recording every line start
// in a [token.File]. It imports only internal/token.
//
// The lexer mirrors the reference lexer (llex.c) closely enough that its
// error messages, line numbers and the text quoted in "near '...'" are the
// ones lua5.4 prints: line breaks are "\n", "\r", "\n\r" or "\r\n", each
// counting once; a string's near-text is the part scanned so far with
// escapes already processed; numerals are read greedily and then converted
// like luaO_str2num (decimal integers that overflow become floats,
// hexadecimal integers wrap around modulo 2^64).
//
// Identifier strings are interned per Lexer, so scanning a name allocates
// only the first time that name is seen.
package lexer
