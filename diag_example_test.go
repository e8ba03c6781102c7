package tide_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidelua/tide"
)

func ExampleState_MemoryReport() {
	s := tide.NewState(tide.Options{TrackSites: true})
	defer s.Close()
	err := s.DoString(context.Background(), `
		cache = {}
		for i = 1, 5000 do
			cache[i] = {id = i}
		end
	`, "=example")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := s.MemoryReport()
	tables := r.Objects[0]
	fmt.Println(tables.Kind, tables.Count > 5000)
	fmt.Println("largest created at", r.Largest[0].Site)
	// r.String() is the whole report, as tide --mem-report prints it.
	// Output:
	// tables true
	// largest created at example:2
}

func ExampleState_Coroutines() {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	err := s.DoString(context.Background(), `
		waiting = {}
		local function handler(request)
			local reply = coroutine.yield()
		end
		local co = coroutine.create(handler)
		coroutine.resume(co, "GET /")
		waiting[#waiting + 1] = co -- never resumed again: a leak
	`, "=server")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range s.Coroutines() {
		fmt.Println(c.Status, "created at", c.Created, "waiting at", c.Where)
		for _, f := range c.Frames {
			fmt.Println("\t" + f.String())
		}
	}
	// Output:
	// suspended created at server:6 waiting at server:4
	//	[C]: in function 'coroutine.yield'
	//	server:4: in function <server:3>
}

func ExampleOptions_tracebackLocals() {
	s := tide.NewState(tide.Options{TracebackLocals: true})
	defer s.Close()
	err := s.DoString(context.Background(), `
		function withdraw(balance, amount)
			local left = balance - amount
			if left < 0 then error("insufficient funds") end
			return left
		end
		local account = "alice"
		withdraw(100, 250)
	`, "=bank")
	var e *tide.Error
	if errors.As(err, &e) {
		fmt.Println(e.Message)
		fmt.Println(e.Traceback)
	}
	// Output:
	// bank:4: insufficient funds
	// stack traceback:
	//	[C]: in function 'error'
	//	bank:4: in function 'withdraw'
	//		balance = 100
	//		amount = 250
	//		left = -150
	//	bank:8: in main chunk
	//		account = "alice"
	//	[C]: in ?
}
