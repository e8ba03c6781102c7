// Command golua runs a Lua file under github.com/arnodel/golua (a Lua 5.4
// implementation) for the cross-engine benchmark: golua FILE [ARG...] sets
// the global arg table as the lua program does and prints what the script
// prints. It exits with status 1 when the script fails.
package main

import (
	"fmt"
	"os"

	"github.com/arnodel/golua/lib"
	rt "github.com/arnodel/golua/runtime"
)

func main() {
	os.Exit(run())
}

func run() (status int) {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: golua FILE [ARG...]")
		return 2
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "golua:", err)
		return 1
	}
	r := rt.New(os.Stdout)
	cleanup := lib.LoadAll(r)
	defer cleanup()
	defer r.Close(nil)
	defer func() {
		// The runtime panics on quota and some internal errors.
		if p := recover(); p != nil {
			fmt.Fprintln(os.Stderr, "golua: panic:", p)
			status = 1
		}
	}()

	arg := rt.NewTable()
	for i, a := range os.Args[1:] {
		r.SetTable(arg, rt.IntValue(int64(i)), rt.StringValue(a))
	}
	r.SetTable(r.GlobalEnv(), rt.StringValue("arg"), rt.TableValue(arg))

	chunk, err := r.LoadFromSourceOrCode("@"+os.Args[1], src, "t", rt.TableValue(r.GlobalEnv()), true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "golua:", err)
		return 1
	}
	var args []rt.Value
	for _, a := range os.Args[2:] {
		args = append(args, rt.StringValue(a))
	}
	if err := rt.Call(r.MainThread(), rt.FunctionValue(chunk), args, rt.NewTerminationWith(nil, 0, false)); err != nil {
		fmt.Fprintln(os.Stderr, "golua:", err)
		return 1
	}
	return 0
}
