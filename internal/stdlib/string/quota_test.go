package string

import (
	"errors"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// TestPatternQuota checks that a pattern match whose backtracking would run
// for hours stops with the instruction quota's error, which pcall cannot
// catch.
func TestPatternQuota(t *testing.T) {
	st := vm.NewState(vm.Options{MaxInstructions: 1_000_000})
	base.Open(st)
	Open(st)
	src := `local s = string.rep("a", 3000)
	print(pcall(string.find, s, ".-.-.-.-b"))
	return "not stopped"`
	fn, err := st.Load([]byte(src), "=quota", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Main().Call(fn)
	if !errors.Is(err, vm.ErrInstructionLimit) {
		t.Fatalf("got results %v and error %v, want the instruction limit error", res, err)
	}
}
