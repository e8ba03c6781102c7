// Command goluashopify runs a Lua file under github.com/Shopify/go-lua (a
// Lua 5.2 implementation) for the cross-engine benchmark: goluashopify
// FILE [ARG...] sets the global arg table as the lua program does and
// prints what the script prints. It exits with status 1 when the script
// fails.
package main

import (
	"fmt"
	"os"

	lua "github.com/Shopify/go-lua"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: goluashopify FILE [ARG...]")
		os.Exit(2)
	}
	l := lua.NewState()
	lua.OpenLibraries(l)
	l.NewTable()
	for i, a := range os.Args[1:] {
		l.PushString(a)
		l.RawSetInt(-2, i)
	}
	l.SetGlobal("arg")
	if err := lua.DoFile(l, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "goluashopify:", err)
		os.Exit(1)
	}
}
