package tide_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/tidelua/tide"
)

// A Value the host holds keeps its object alive for the State's collector:
// its finalizer waits until the host lets go (or until Close).
func TestHostValuesAreRoots(t *testing.T) {
	s, out := newState(t, tide.Options{})
	ctx := context.Background()
	if err := s.DoString(ctx, `obj = setmetatable({}, {__gc = function() print("finalized") end})`, "=t"); err != nil {
		t.Fatal(err)
	}
	held := s.Global("obj")
	if err := s.DoString(ctx, `obj = nil collectgarbage() print("collected")`, "=t"); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "collected\n" {
		t.Fatalf("while held: %q", got)
	}
	runtime.KeepAlive(held)
	held = tide.Value{}
	for i := 0; i < 5 && out.String() == "collected\n"; i++ {
		runtime.GC()
		if err := s.DoString(ctx, `collectgarbage()`, "=t"); err != nil {
			t.Fatal(err)
		}
	}
	if got := out.String(); got != "collected\nfinalized\n" {
		t.Errorf("after release: %q", got)
	}
}
