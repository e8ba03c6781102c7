//go:build !race

package base_test

const raceEnabled = false
