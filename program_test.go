package tide_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tidelua/tide"
)

// TestProgramSharedByStates runs one compiled Program in States on many
// goroutines at once (run with -race).
func TestProgramSharedByStates(t *testing.T) {
	prog, err := tide.Compile([]byte(`
		local n = ...
		local t = {}
		for i = 1, 1000 do t[#t + 1] = tostring(i * n) end
		counter = (counter or 0) + 1
		return #table.concat(t, ","), counter`), "=shared")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := tide.NewState(tide.Options{})
			defer s.Close()
			for range 3 {
				fn, err := s.LoadProgram(prog)
				if err != nil {
					errs <- err
					return
				}
				if _, err := s.Call(context.Background(), fn, tide.Int(7)); err != nil {
					errs <- err
					return
				}
			}
			fn, _ := s.LoadProgram(prog)
			rs, err := s.Call(context.Background(), fn, tide.Int(1))
			if err != nil {
				errs <- err
				return
			}
			if n, _ := rs[1].ToInt(); n != 4 {
				errs <- errors.New("globals leaked between States")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestCompileFS(t *testing.T) {
	fsys := fstest.MapFS{
		"app/main.lua": {Data: []byte("#!/usr/bin/env tide\nreturn 40 + 2")},
		"bad.lua":      {Data: []byte("return +")},
	}
	prog, err := tide.CompileFS(fsys, "app/main.lua")
	if err != nil {
		t.Fatal(err)
	}
	s := tide.NewState(tide.Options{})
	defer s.Close()
	fn, _ := s.LoadProgram(prog)
	rs, err := s.Call(context.Background(), fn)
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v %v", rs, err)
	}
	if n, _ := rs[0].ToInt(); n != 42 {
		t.Errorf("got %v", n)
	}
	var se *tide.SyntaxError
	if _, err := tide.CompileFS(fsys, "bad.lua"); !errors.As(err, &se) || se.Error() != "bad.lua:1: unexpected symbol near '+'" {
		t.Errorf("syntax error: %v", err)
	}
	if _, err := tide.CompileFS(fsys, "missing.lua"); err == nil {
		t.Error("no error for a missing file")
	}
}
