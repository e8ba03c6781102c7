// Package utf8lib is Lua's UTF-8 library (§6.5): utf8.char, charpattern,
// codes, codepoint, len and offset.
package utf8lib

import "github.com/tidelua/tide/internal/vm"

// Open registers the utf8 table in st's globals.
func Open(st *vm.State) {}
