package tide_test

import (
	"context"
	"fmt"

	"github.com/tidelua/tide"
)

// ExampleState_StartProfile samples a script's Lua stacks and reports the
// busiest function; the same profile can be written for go tool pprof,
// for flame graph tools or as an SVG flame graph.
func ExampleState_StartProfile() {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	if err := s.StartProfile(tide.ProfileOptions{Hz: 1000}); err != nil {
		fmt.Println(err)
		return
	}
	err := s.DoString(context.Background(), `
		local function fib(n)
			if n < 2 then return n end
			return fib(n - 1) + fib(n - 2)
		end
		fib(29)
	`, "=example")
	if err != nil {
		fmt.Println(err)
	}
	p, err := s.StopProfile()
	if err != nil {
		fmt.Println(err)
		return
	}
	// p.WritePprof(f) writes a file for go tool pprof, p.WriteFolded(f)
	// folded stacks, p.WriteSVG(f) a flame graph, p.WriteTop(os.Stderr,
	// 20) a table like go tool pprof -top.
	for _, e := range p.Top(1) {
		fmt.Println("busiest:", e.Function)
	}
	// Output: busiest: fib (example:2)
}
