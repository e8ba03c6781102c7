package tide_test

import (
	"context"
	"fmt"
	"os"

	"github.com/tidelua/tide"
)

func ExampleState_DoString() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout})
	defer s.Close()
	err := s.DoString(context.Background(), `
		local function fib(n)
			if n < 2 then return n end
			return fib(n - 1) + fib(n - 2)
		end
		print("fib(20) =", fib(20))
	`, "=example")
	if err != nil {
		fmt.Println(err)
	}
	// Output: fib(20) =	6765
}

func ExampleError() {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	err := s.DoString(context.Background(), `error("boom")`, "=example")
	if e, ok := err.(*tide.Error); ok {
		fmt.Println(e.Message)
	}
	// Output: example:1: boom
}
