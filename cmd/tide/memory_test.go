package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestMemoryOption(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		next   int // index after the option
		target int64
		msg    string
	}{
		{"separate value", []string{"tide", "--memory-target", "512MiB", "x.lua"}, 2, 512 << 20, ""},
		{"with =", []string{"tide", "--memory-target=2GB", "x.lua"}, 1, 2e9, ""},
		{"bytes", []string{"tide", "--memory-target", "1048576"}, 2, 1 << 20, ""},
		{"missing value", []string{"tide", "--memory-target"}, 1, 0, "'--memory-target' needs argument"},
		{"bad value", []string{"tide", "--memory-target", "lots"}, 2, 0,
			"bad value 'lots' for '--memory-target' (a size such as 512MiB, 2GB or 1048576 expected)"},
		{"other option", []string{"tide", "--max-memory", "1GB"}, 1, 0, unknownOption},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m memoryOptions
			i := 1
			msg := m.longOption(tc.args, &i)
			if msg != tc.msg || m.target != tc.target || (msg == "" && i != tc.next) {
				t.Errorf("longOption = %q, target %d, index %d; want %q, %d, %d", msg, m.target, i, tc.msg, tc.target, tc.next)
			}
		})
	}
	if !memoryTakesValue("--memory-target") || memoryTakesValue("--memory-target=1GB") {
		t.Error("memoryTakesValue")
	}
}

// TestMemoryApply checks that apply sets Go's soft limit and that undo
// puts the previous one back (and stops the idle release).
func TestMemoryApply(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	m := memoryOptions{target: 3 << 30}
	undo := m.apply()
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("limit while applied: %d", got)
	}
	undo()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after undo: %d, before %d", got, before)
	}
	// no target: the limit is left alone
	(&memoryOptions{}).apply()()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit changed without a target: %d", got)
	}
	if before != math.MaxInt64 {
		t.Logf("GOMEMLIMIT was set: %d", before)
	}
}
