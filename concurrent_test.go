package tide_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tidelua/tide"
)

// TestConcurrentUse checks that a second goroutine calling into a State
// that is running code gets ErrConcurrentUse instead of corrupting it.
func TestConcurrentUse(t *testing.T) {
	s := tide.NewState(tide.Options{})
	defer s.Close()
	running := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	s.SetFunction("started", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		close(running)
		return nil, nil
	})
	done := make(chan error, 1)
	go func() { done <- s.DoString(ctx, `started() while true do end`, "=busy") }()
	<-running
	if err := s.DoString(context.Background(), `x = 1`, "=second"); !errors.Is(err, tide.ErrConcurrentUse) {
		t.Errorf("second goroutine: err = %v, want ErrConcurrentUse", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("first goroutine: err = %v", err)
	}
	if err := s.DoString(context.Background(), `x = 1`, "=after"); err != nil {
		t.Errorf("after: %v", err)
	}
}
