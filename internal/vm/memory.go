package vm

import (
	"bufio"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// memoryLimit resolves Options.MemoryLimit: the option, else the Go
// memory limit when set, else physical memory, else 8 GiB.
func memoryLimit(opt int64) int64 {
	if opt > 0 {
		return opt
	}
	if lim := debug.SetMemoryLimit(-1); lim > 0 && lim < math.MaxInt64 {
		return lim
	}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "MemTotal:") {
				fields := strings.Fields(line)
				if len(fields) >= 2 {
					if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil && kb > 0 {
						return kb * 1024
					}
				}
			}
		}
	}
	return 8 << 30
}

// errNoMemory is the message of memory errors, as the reference's.
const errNoMemory = "not enough memory"

type memError struct{}

func (memError) Error() string { return errNoMemory }

// CheckAlloc reports an error ("not enough memory") when an allocation of
// the given size cannot be satisfied under the State's memory limit. The
// standard library calls it before large allocations (string.rep, ...).
func (st *State) CheckAlloc(bytes int64) error {
	if bytes < 0 || bytes > st.memLimit {
		return memError{}
	}
	return nil
}
