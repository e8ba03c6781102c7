package tide_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/tidelua/tide"
)

// TestQuotas checks that each quota stops its runaway, that pcall cannot
// catch the stop, and that errors.Is tells the kinds apart.
func TestQuotas(t *testing.T) {
	cases := []struct {
		name string
		opts tide.Options
		src  string
		want error
	}{
		{"instructions", tide.Options{MaxInstructions: 1e6}, `while true do end`, tide.ErrInstructionLimit},
		{"instructions in pcall", tide.Options{MaxInstructions: 1e6}, `while true do pcall(function() while true do end end) end`, tide.ErrInstructionLimit},
		{"instructions in a pattern", tide.Options{MaxInstructions: 1e6}, `string.find(string.rep("a", 100000), ".-.-.-b")`, tide.ErrInstructionLimit},
		{"depth", tide.Options{MaxCallDepth: 200}, `local function f() return 1 + f() end f()`, tide.ErrDepthLimit},
		{"depth in pcall", tide.Options{MaxCallDepth: 200}, `local function f() return 1 + f() end print(pcall(f)) print("not reached")`, tide.ErrDepthLimit},
		{"depth through Go", tide.Options{MaxCallDepth: 200}, `local function f() return pcall(f) end f()`, tide.ErrDepthLimit},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Stdout = io.Discard
			s := tide.NewState(tc.opts)
			defer s.Close()
			err := s.DoString(context.Background(), tc.src, "=q")
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var q *tide.QuotaError
			if !errors.As(err, &q) {
				t.Errorf("err is a %T, want a *tide.QuotaError", err)
			}
			for _, other := range []error{tide.ErrInstructionLimit, tide.ErrDepthLimit, context.Canceled} {
				if other != tc.want && errors.Is(err, other) {
					t.Errorf("err also matches %v", other)
				}
			}
		})
	}
	// Without a depth quota, deep recursion is a catchable stack overflow.
	s := tide.NewState(tide.Options{Stdout: io.Discard})
	defer s.Close()
	if err := s.DoString(context.Background(), `local function f() return 1 + f() end assert(not pcall(f))`, "=q"); err != nil {
		t.Errorf("stack overflow without a quota: %v", err)
	}
}
