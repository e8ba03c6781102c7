package oslib

import "time"

// processStart is when the package was initialised, the origin of
// fallbackCPUTime; it is never written after initialisation.
var processStart = time.Now()

// fallbackCPUTime approximates processor time with the wall-clock time
// since the process started.
func fallbackCPUTime() float64 { return time.Since(processStart).Seconds() }
