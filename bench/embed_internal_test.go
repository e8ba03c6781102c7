package bench

import (
	"context"
	"testing"

	"github.com/tidelua/tide"
)

// TestChunks runs each Lua chunk of the Go benchmarks once, so that a
// broken snippet fails go test rather than only go test -bench.
func TestChunks(t *testing.T) {
	type chunk struct {
		name, src string
		arg       []tide.Value
	}
	chunks := []chunk{{"call", `return function(x) return x + 1 end`, []tide.Value{tide.Int(1)}}}
	for _, w := range parallelWorkloads {
		chunks = append(chunks, chunk{"parallel/" + w.name, w.src, nil})
	}
	for _, c := range resumeYieldChunks {
		chunks = append(chunks, chunk{"resume/" + c.name, c.src, []tide.Value{tide.Int(10)}})
	}
	for _, c := range luaToGoChunks {
		chunks = append(chunks, chunk{"luatogo/" + c.name, c.src, []tide.Value{tide.Int(10)}})
	}
	for _, c := range chunks {
		t.Run(c.name, func(t *testing.T) {
			s, fn := newState(t, c.src)
			if _, err := s.Call(context.Background(), fn, c.arg...); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLiveBytesPerState(t *testing.T) {
	if got := liveBytesPerState(3); got <= 0 {
		t.Errorf("liveBytesPerState(3) = %v, want > 0", got)
	}
}
