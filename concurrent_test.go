package tide_test

import (
	"context"
	"errors"
	"testing"
	"time"

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
	// Let the first goroutine leave the host Function: while one runs, a
	// call cannot be told from a callback (the race detector's job).
	time.Sleep(100 * time.Millisecond)
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
