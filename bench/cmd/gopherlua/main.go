// Command gopherlua runs a Lua file under github.com/yuin/gopher-lua (a Lua
// 5.1 implementation) for the cross-engine benchmark: gopherlua FILE
// [ARG...] sets the global arg table as the lua program does and prints
// what the script prints. It exits with status 1 when the script fails.
package main

import (
	"fmt"
	"os"

	lua "github.com/yuin/gopher-lua"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gopherlua FILE [ARG...]")
		os.Exit(2)
	}
	// The default registry (the value stack) is too small for some
	// programs (table.concat of a large table fails with "registry
	// overflow"): let it grow.
	l := lua.NewState(lua.Options{RegistryMaxSize: 1 << 24})
	defer l.Close()
	arg := l.NewTable()
	for i, a := range os.Args[1:] {
		l.RawSetInt(arg, i, lua.LString(a))
	}
	l.SetGlobal("arg", arg)
	if err := l.DoFile(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gopherlua:", err)
		os.Exit(1)
	}
}
