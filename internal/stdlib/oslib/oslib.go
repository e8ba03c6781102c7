// Package oslib is Lua's operating system library (§6.9): os.clock, date,
// time, getenv, remove, rename, tmpname, execute and exit.
package oslib

import "github.com/tidelua/tide/internal/vm"

// Open registers the os table in st's globals.
func Open(st *vm.State) {}
