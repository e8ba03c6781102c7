package vm

import (
	"bufio"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
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
	if total, ok := meminfo("MemTotal:"); ok {
		return total
	}
	return 8 << 30
}

// errNoMemory is the message of memory errors, as the reference's.
const errNoMemory = "not enough memory"

type memError struct{}

func (memError) Error() string { return errNoMemory }

// largeAlloc is the size from which CheckAlloc looks at the memory the
// process and the machine have; smaller requests are only checked against
// the limit itself, so that the common case costs a comparison.
const largeAlloc = 64 << 20

// CheckAlloc reports an error ("not enough memory") when an allocation of
// the given size cannot be satisfied under the State's memory limit. The
// standard library calls it before large allocations (string.rep, ...).
//
// A large request must fit, with the memory the process already holds,
// under 90% of the limit (the rest is headroom for the collector and for
// copies made while a buffer grows), and under 90% of the memory the
// machine still has available. When it does not, garbage is collected and
// freed memory returned to the system once before the request is refused:
// growing a 16 GiB buffer to 32 GiB on a 24 GiB machine must fail with a
// Lua error, not with the kernel killing the process.
func (st *State) CheckAlloc(bytes int64) error {
	if st.memQuota > 0 && bytes >= quotaCheckMin {
		if q := st.memoryCheck(nil, bytes); q != nil {
			return q
		}
	}
	if bytes < 0 || bytes > st.memLimit {
		return memError{}
	}
	if bytes < largeAlloc || st.fits(bytes) {
		return nil
	}
	debug.FreeOSMemory()
	if st.fits(bytes) {
		return nil
	}
	return memError{}
}

func (st *State) fits(bytes int64) bool {
	if processMemory()+bytes > st.memLimit/10*9 {
		return false
	}
	if avail, ok := memAvailable(); ok && bytes > avail/10*9 {
		return false
	}
	return true
}

// processMemory returns the memory the Go runtime holds from the system
// and has not released: roughly what counts against the process's RSS.
func processMemory() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}

// memAvailable returns the machine's available memory (MemAvailable in
// /proc/meminfo), when known.
func memAvailable() (int64, bool) {
	return meminfo("MemAvailable:")
}

// meminfo reads one field of /proc/meminfo, in bytes.
func meminfo(field string) (int64, bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, field) {
			fields := strings.Fields(line)
			if len(fields) >= 2 {
				if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil && kb > 0 {
					return kb * 1024, true
				}
			}
		}
	}
	return 0, false
}

// Grow returns b with room for n more bytes, growing it by doubling after
// asking CheckAlloc for the new capacity, so that a buffer built by
// appending (gsub's result, table.concat, string.pack) fails with "not
// enough memory" instead of exhausting the process, and is copied only
// O(log n) times.
func (st *State) Grow(b []byte, n int) ([]byte, error) {
	need := len(b) + n
	if need <= cap(b) {
		return b, nil
	}
	if need < len(b) { // overflow
		return b, memError{}
	}
	// Double when allowed; near the limit, grow by a quarter, then by a
	// sixteenth. Growing to exactly what is needed is only tried for an
	// append larger than that: small appends growing a buffer one step at
	// a time would copy it again for each (quadratic time), so within a
	// sixteenth of the limit a growing buffer fails instead.
	newCap := 0
	var quota error // the memory quota refused a candidate
	try := func(c int) bool {
		err := st.CheckAlloc(int64(c))
		if _, ok := err.(*QuotaError); ok {
			quota = err
		}
		return err == nil
	}
	for _, c := range [...]int{max(2*cap(b), 64), cap(b) + cap(b)/4, cap(b) + cap(b)/16} {
		if c >= need && try(c) {
			newCap = c
			break
		}
	}
	if newCap == 0 && need > cap(b)+cap(b)/16 && try(need) {
		newCap = need
	}
	if newCap == 0 {
		if quota != nil {
			return b, quota
		}
		return b, memError{}
	}
	nb := make([]byte, len(b), newCap)
	copyChunked(nb, b)
	return nb, nil
}

// copyChunked copies src to dst in pieces of 1 MiB. One copy of hundreds
// of megabytes cannot be preempted: the collector then keeps signalling
// the goroutine while it waits (measured: 10 s instead of 2 s of wall time
// for a gsub building 1 GB), while between pieces it stops at once.
func copyChunked(dst, src []byte) {
	const chunk = 1 << 20
	for len(src) > chunk {
		copy(dst[:chunk], src[:chunk])
		dst, src = dst[chunk:], src[chunk:]
	}
	copy(dst, src)
}
