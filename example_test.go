package tide_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

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

func ExampleState_NewFunction() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout})
	defer s.Close()
	// A Go function Lua code can call: it checks its argument and returns
	// two results, or an error that Lua sees as an ordinary error.
	s.SetFunction("split", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		n, ok := args[0].ToInt()
		if len(args) != 1 || !ok {
			return nil, fmt.Errorf("split: an integer expected")
		}
		return []tide.Value{tide.Int(n / 10), tide.Int(n % 10)}, nil
	})
	err := s.DoString(context.Background(), `
		print(split(42))
		print(pcall(split, "x"))
	`, "=example")
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// 4	2
	// false	split: an integer expected
}

func ExampleState_Call_cancel() {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	// A runaway script stops when its context is done; pcall cannot
	// catch the stop.
	err := s.DoString(ctx, `while true do pcall(function() while true do end end) end`, "=runaway")
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output: true
}

func ExampleState_NewFunc() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout})
	defer s.Close()
	type Item struct {
		Name  string  `lua:"name"`
		Price float64 `lua:"price"`
	}
	// Plain Go functions are wrapped by reflection: arguments and results
	// are converted, and a non-nil error becomes a Lua error.
	total, _ := s.NewFunc("total", func(items []Item) (float64, error) {
		sum := 0.0
		for _, it := range items {
			if it.Price < 0 {
				return 0, fmt.Errorf("negative price for %s", it.Name)
			}
			sum += it.Price
		}
		return sum, nil
	})
	s.SetGlobal("total", total)
	catalog, _ := s.ToValue([]Item{{"tea", 2.5}, {"cake", 4}})
	s.SetGlobal("catalog", catalog)
	err := s.DoString(context.Background(), `
		print(total(catalog), catalog[2].name)
		print(pcall(total, {{name = "odd", price = -1}}))
	`, "=example")
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// 6.5	cake
	// false	negative price for odd
}

func ExampleOptions_sandbox() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout, Sandbox: true, MaxInstructions: 1e6})
	defer s.Close()
	err := s.DoString(context.Background(), `
		print(string.upper("safe"), io, os.getenv)
		while true do end
	`, "=untrusted")
	fmt.Println(errors.Is(err, tide.ErrInstructionLimit))
	// Output:
	// SAFE	nil	nil
	// true
}

func ExampleOptions_memoryLimit() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout, MemoryLimit: 16 << 20})
	defer s.Close()
	err := s.DoString(context.Background(), `
		-- garbage does not count: 100 MB allocated, little kept
		for i = 1, 100000 do local s = ("x"):rep(1000) .. i end
		print("churned")
		-- what is kept does, and pcall cannot catch the stop
		local kept = {}
		print(pcall(function()
			for i = 1, 1e9 do kept[i] = ("x"):rep(1000) .. i end
		end))
	`, "=hoarder")
	var q *tide.QuotaError
	fmt.Println(errors.Is(err, tide.ErrMemoryLimit), errors.As(err, &q))
	// Output:
	// churned
	// true true
}

func ExamplePool() {
	prog, err := tide.Compile([]byte(`local n = ... return n * n`), "=square")
	if err != nil {
		fmt.Println(err)
		return
	}
	pool := tide.NewPool(tide.PoolOptions{Reset: true})
	defer pool.Close()
	// Any number of goroutines may do this at once.
	err = pool.Do(context.Background(), func(ctx context.Context, s *tide.State) error {
		fn, err := s.LoadProgram(prog)
		if err != nil {
			return err
		}
		rs, err := s.Call(ctx, fn, tide.Int(12))
		if err != nil {
			return err
		}
		n, _ := rs[0].ToInt()
		fmt.Println(n)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output: 144
}

func ExampleState_FromValue() {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	type Config struct {
		Name    string   `lua:"name"`
		Workers int      `lua:"workers"`
		Hosts   []string `lua:"hosts"`
	}
	fn, _ := s.Load([]byte(`return {name = "api", workers = 4, hosts = {"a", "b"}}`), "=config")
	rs, err := s.Call(context.Background(), fn)
	if err != nil {
		fmt.Println(err)
		return
	}
	var c Config
	if err := s.FromValue(rs[0], &c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", c)
	// Output: {Name:api Workers:4 Hosts:[a b]}
}

func ExampleState_EncodeJSON() {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	v, _ := s.DecodeJSON(`{"b": [1, 2.5, null], "a": {}}`)
	text, _ := s.EncodeJSON(v)
	fmt.Println(text)
	// Output: {"a":{},"b":[1,2.5,null]}
}

func ExampleState_Preload() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout, Sandbox: true})
	defer s.Close()
	// require("version") loads a module written in Go, even in the sandbox.
	s.Preload("version", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		m, err := s.ToValue(map[string]any{"major": 1, "minor": 2})
		return []tide.Value{m}, err
	})
	err := s.DoString(context.Background(), `local v = require("version") print(v.major .. "." .. v.minor)`, "=example")
	if err != nil {
		fmt.Println(err)
	}
	// Output: 1.2
}

func ExampleState_NewUserdata() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout})
	defer s.Close()
	type account struct{ balance int64 }
	deposit := tide.Function(func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		d, _ := args[0].Userdata()
		a, ok := d.(*account)
		n, isInt := args[1].ToInt()
		if !ok || !isInt {
			return nil, errors.New("usage: acct:deposit(n)")
		}
		a.balance += n
		return []tide.Value{tide.Int(a.balance)}, nil
	})
	methods, _ := s.ToValue(map[string]tide.Function{"deposit": deposit})
	mt, _ := s.ToValue(map[string]any{"__index": methods, "__name": "account"})
	acct := &account{}
	s.SetGlobal("acct", s.NewUserdata(acct, mt))
	err := s.DoString(context.Background(), `acct:deposit(30) print(acct:deposit(12), type(acct))`, "=example")
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(acct.balance)
	// Output:
	// 42	userdata
	// 42
}

func ExampleState_NewTable() {
	s := tide.NewState(tide.Options{Stdout: os.Stdout})
	defer s.Close()
	cfg := s.NewTable()
	s.SetField(cfg, "name", tide.String("tide"))
	s.Set(cfg, tide.Int(1), tide.String("first"))
	s.SetGlobal("cfg", cfg)
	s.DoString(context.Background(), `cfg.port = 8080 print(cfg.name, cfg[1])`, "=config")
	port, _ := s.GetField(cfg, "port").ToInt()
	fmt.Println(port, s.Len(cfg))
	// Output:
	// tide	first
	// 8080 1
}
