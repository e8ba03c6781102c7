package tide

import (
	"time"

	"github.com/tidelua/tide/internal/vm"
)

// IdleRelease gives memory back to the operating system while the
// process is idle: once the Go heap has hardly allocated for two
// intervals in a row, it runs a collection and returns the free pages
// (debug.FreeOSMemory), when that is worth its cost. It reads only the
// runtime's counters, so one serves every State of the process. Stop it
// when done. Go's own scavenger returns free memory too, but slowly, and
// collects an idle heap only every two minutes.
type IdleRelease = vm.IdleRelease

// StartIdleRelease starts an [IdleRelease] looking at the heap every
// interval (0 means 500ms).
func StartIdleRelease(interval time.Duration) *IdleRelease { return vm.StartIdleRelease(interval) }
