package tide_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/tidelua/tide"
)

func TestPoolConcurrent(t *testing.T) {
	prog, err := tide.Compile([]byte(`local n = ... uses = (uses or 0) + 1 return n * 2, uses`), "=job")
	if err != nil {
		t.Fatal(err)
	}
	p := tide.NewPool(tide.PoolOptions{MaxIdle: 4})
	defer p.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				err := p.Do(context.Background(), func(ctx context.Context, s *tide.State) error {
					fn, err := s.LoadProgram(prog)
					if err != nil {
						return err
					}
					rs, err := s.Call(ctx, fn, tide.Int(int64(i)))
					if err != nil {
						return err
					}
					if n, _ := rs[0].ToInt(); n != int64(2*i) {
						return fmt.Errorf("got %d", n)
					}
					return nil
				})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, err := p.Get(); err != nil {
		t.Fatal(err)
	}
	p.Close()
	if _, err := p.Get(); !errors.Is(err, tide.ErrPoolClosed) {
		t.Errorf("Get after Close: %v", err)
	}
}

// TestPoolReset checks that with Reset no global survives from one user
// to the next, and that without it they do (the state is reused).
func TestPoolReset(t *testing.T) {
	for _, reset := range []bool{false, true} {
		p := tide.NewPool(tide.PoolOptions{Reset: reset, MaxIdle: 1, Init: func(s *tide.State) error {
			s.SetGlobal("inited", tide.Bool(true))
			return nil
		}})
		ctx := context.Background()
		s, _ := p.Get()
		if err := s.DoString(ctx, `secret = "tenant A" string.upper = nil`, "=a"); err != nil {
			t.Fatal(err)
		}
		p.Put(s)
		s, _ = p.Get()
		secret := s.Global("secret")
		if reset && !secret.IsNil() {
			t.Error("Reset: a global leaked to the next user")
		}
		if !reset && secret.IsNil() {
			t.Error("without Reset the State should be reused")
		}
		if reset {
			if err := s.DoString(ctx, `assert(inited and string.upper, "not a fresh, initialised State")`, "=b"); err != nil {
				t.Error(err)
			}
		}
		p.Put(s)
		p.Close()
	}
	p := tide.NewPool(tide.PoolOptions{Init: func(*tide.State) error { return errors.New("init failed") }})
	if _, err := p.Get(); err == nil || err.Error() != "init failed" {
		t.Errorf("Init error: %v", err)
	}
}
