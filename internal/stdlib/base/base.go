// Package base is Lua's basic library (§6.1): print, type, pairs, pcall, ...
package base

import "github.com/tidelua/tide/internal/vm"

// Open registers the base library in st's globals.
func Open(st *vm.State) {
	_ = basePCall
	_ = baseXPCall
	_ = baseError
	_ = baseLoad
	_ = baseLoadfile
	_ = baseDofile
}
