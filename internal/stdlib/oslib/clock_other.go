//go:build !unix

package oslib

// cpuTime returns the time since the process started, as the best
// stand-in for processor time where getrusage is missing.
func cpuTime() float64 { return fallbackCPUTime() }
