//go:build unix

package oslib

import "syscall"

// cpuTime returns the processor time used by the process (user and
// system), in seconds, as C's clock() measures it.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return fallbackCPUTime()
	}
	us := (int64(ru.Utime.Sec)+int64(ru.Stime.Sec))*1e6 + int64(ru.Utime.Usec) + int64(ru.Stime.Usec)
	return float64(us) / 1e6
}
