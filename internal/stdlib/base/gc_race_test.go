//go:build race

package base_test

// raceEnabled reports a -race build: heap figures are then meaningless.
const raceEnabled = true
