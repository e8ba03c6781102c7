package shdict

import (
	"runtime"
	"strconv"
	"testing"
	"unsafe"
)

// TestEntryOverhead keeps the documented overhead honest: the entry
// record plus a key-index slot fit in it, and so does the heap growth
// measured per entry.
func TestEntryOverhead(t *testing.T) {
	if size := unsafe.Sizeof(entry{}); size+24 > EntryOverhead {
		t.Errorf("entry is %d bytes: EntryOverhead %d is too small", size, EntryOverhead)
	}
	if testing.Short() {
		return
	}
	const n = 50_000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "key:" + strconv.Itoa(1_000_000+i) // 11 bytes
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := New("m", 1<<40)
	for _, k := range keys {
		d.Set(k, Int(1), 0, 0)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perEntry := float64(after.HeapAlloc-before.HeapAlloc) / n
	accounted := float64(d.used) / n
	t.Logf("heap %.0f bytes per entry, accounted %.0f", perEntry, accounted)
	if perEntry > 1.5*accounted {
		t.Errorf("heap grows %.0f bytes per entry, accounting says %.0f", perEntry, accounted)
	}
	runtime.KeepAlive(d)
}
