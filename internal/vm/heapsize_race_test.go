//go:build race

package vm

// raceEnabled reports a -race build, whose allocations differ.
const raceEnabled = true
