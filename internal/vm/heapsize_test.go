package vm

import (
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"unsafe"

	"github.com/tidelua/tide/internal/value"
)

func TestAllocSize(t *testing.T) {
	tests := []struct {
		n    uintptr
		scan bool
		want int64
	}{
		{0, false, 0},
		{1, false, 16}, // a tiny block
		{15, false, 16},
		{16, false, 16},
		{17, false, 24},
		{8, true, 8},
		{9, true, 16},
		{33, true, 48},
		{512, true, 512},
		{513, false, 576},
		{505, true, 512}, // no header up to 512 bytes
		{513, true, 576}, // 513 + 8-byte header
		{1024, false, 1024},
		{1025, false, 1152},
		{1017, true, 1152}, // header
		{8192, false, 8192},
		{8192, true, 9472},
		{32760, true, 32768},
		{32760, false, 32768},
		{32761, false, 32768}, // large: whole pages
		{32769, false, 40960},
		{100000, true, 106496},
	}
	for _, tc := range tests {
		if got := allocSize(tc.n, tc.scan); got != tc.want {
			t.Errorf("allocSize(%d, %v) = %d, want %d", tc.n, tc.scan, got, tc.want)
		}
	}
	// scanSize agrees with allocSize
	for n := uintptr(0); n <= 2048; n++ {
		if a, b := scanSize(n), allocSize(n, true); a != b {
			t.Fatalf("scanSize(%d) = %d, allocSize = %d", n, a, b)
		}
	}
	// allocSize never shrinks and covers its request
	prev := int64(0)
	for n := uintptr(16); n < 70000; n += 7 {
		a := allocSize(n, true)
		if a < int64(n) || a < prev {
			t.Fatalf("allocSize(%d) = %d after %d", n, a, prev)
		}
		prev = a
	}
}

// allocatedBytes returns Go's cumulative heap allocation, flushed by a
// collection.
func allocatedBytes() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestAllocSizeMatchesRuntime checks the size classes against the Go
// runtime this binary runs on: k objects of n bytes cost k*allocSize(n).
func TestAllocSizeMatchesRuntime(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures the heap")
	}
	const k = 2000
	for _, n := range []int{24, 100, 500, 700, 1500, 5000, 20000, 40000} {
		for _, scan := range []bool{false, true} {
			keepB := make([][]byte, k)
			keepV := make([][]value.Value, k)
			a0 := allocatedBytes()
			for i := range k {
				if scan {
					keepV[i] = make([]value.Value, (n+15)/16)
				} else {
					keepB[i] = make([]byte, n)
				}
			}
			a1 := allocatedBytes()
			size := uintptr(n)
			if scan {
				size = uintptr((n+15)/16) * 16
			}
			want := float64(allocSize(size, scan))
			got := float64(a1-a0) / k
			if got < want*0.98 || got > want*1.02+64 {
				t.Errorf("%d bytes (scan %v): Go allocates %.0f, allocSize says %.0f", size, scan, got, want)
			}
			runtime.KeepAlive(keepB)
			runtime.KeepAlive(keepV)
		}
	}
}

func runIn(t *testing.T, st *State, src string) {
	t.Helper()
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
}

// TestHeapBytes checks the bookkeeping of HeapBytes: the estimate of an
// explicit collection, growth with allocation, measuring again once the
// heap has grown by its own size, and none of it while stopped.
func TestHeapBytes(t *testing.T) {
	if raceEnabled {
		t.Skip("heap figures under -race")
	}
	var out strings.Builder
	st := newGCTestState(&out)
	l := st.Main()
	l.FullGC()
	base := l.HeapBytes()
	if base <= 0 || base-st.gc.heap.live > 64<<10 {
		t.Fatalf("after FullGC: %d, estimate %d", base, st.gc.heap.live)
	}
	// a million-slot array of numbers: 16 MiB
	runIn(t, st, `big = {} for i = 1, 1 << 20 do big[i] = i end`)
	grown := l.HeapBytes()
	if grown < base+16<<20 {
		t.Errorf("after allocating 16 MiB: %d, before %d", grown, base)
	}
	l.FullGC()
	live := l.HeapBytes()
	if d := live - base; d < 16<<20 || d > 17<<20 {
		t.Errorf("16 MiB live, the estimate grew by %d", d)
	}
	// garbage while stopped: "count" only grows
	st.SetGCRunning(false)
	if st.GCRunning() {
		t.Fatal("still running after SetGCRunning(false)")
	}
	runIn(t, st, `for i = 1, 3 do local t = {} for j = 1, 1 << 20 do t[j] = j end end`)
	stopped := l.HeapBytes()
	if stopped < live+3*(16<<20) {
		t.Errorf("stopped: %d after %d", stopped, live)
	}
	// running again: the next call measures, and finds the garbage gone
	st.SetGCRunning(true)
	again := l.HeapBytes()
	if again > live+1<<20 {
		t.Errorf("running: %d, live %d", again, live)
	}
	runIn(t, st, `big = nil`)
}

// The sizing traversal changes nothing: weak tables keep their entries
// and no finalizer runs.
func TestMeasureHasNoEffect(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	runIn(t, st, `w = setmetatable({}, {__mode = "v"}) w[1] = {}
setmetatable({}, {__gc = function() print("gc") end})`)
	st.SetGCRunning(false) // no automatic collection in between
	st.measure(st.Main())
	runIn(t, st, `print(w[1] ~= nil)`)
	if got := out.String(); got != "true\n" {
		t.Errorf("got %q", got)
	}
	st.Main().CollectGarbage()
	runIn(t, st, `print(w[1])`)
	if got := out.String(); got != "true\ngc\nnil\n" {
		t.Errorf("got %q", got)
	}
}

// Stopping the collector stops automatic collections; restarting resumes
// them.
func TestStopAutomaticCollection(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	st.SetGlobal("gogc", NewGoFunction("gogc", func(l *Thread, args []value.Value) ([]value.Value, error) {
		runtime.GC()
		return nil, nil
	}))
	st.SetGlobal("setrunning", NewGoFunction("setrunning", func(l *Thread, args []value.Value) ([]value.Value, error) {
		l.State().SetGCRunning(args[0].Truthy())
		return nil, nil
	}))
	runIn(t, st, `
setmetatable({}, {__gc = function() finalized = true end})
setrunning(false)
gogc()
for i = 1, 50 * 16384 do if finalized then break end end
print("stopped", finalized)
setrunning(true)
for i = 1, 200000000 do if finalized then break end end
print("restarted", finalized)`)
	if got := out.String(); got != "stopped\tnil\nrestarted\ttrue\n" {
		t.Errorf("got %q", got)
	}
}

// Sizes of the common objects as the estimate counts them: a table
// constructor, a closure with a fresh upvalue, a short string.
func TestObjectSizes(t *testing.T) {
	if raceEnabled {
		t.Skip("heap figures under -race")
	}
	tests := []struct {
		name, src string
		per       int64 // bytes per item
	}{
		// array slot 16 + Table struct + 2-slot array part
		{"table", `for i = 1, N do t[i] = {i, i} end`,
			16 + allocSize(unsafe.Sizeof(value.Table{}), true) + 32},
		// array slot 16 + Closure + 1-pointer upvalue slice + Upvalue
		{"closure", `for i = 1, N do t[i] = function() return i end end`,
			16 + allocSize(unsafe.Sizeof(Closure{}), true) + 8 + allocSize(unsafe.Sizeof(Upvalue{}), true)},
		// array slot 16 + a 16-byte tiny block (strings made among garbage)
		{"string", `for i = 1, N do t[i] = "s" .. i end`, 16 + 16},
		// the same string everywhere: the slots only
		{"shared string", `for i = 1, N do t[i] = "a long shared constant string" end`, 16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			st := newGCTestState(&out)
			l := st.Main()
			const n = 1 << 16
			runIn(t, st, `N = 65536 t = {} for i = 1, N do t[i] = false end`)
			l.CollectGarbage()
			before := st.gc.heap.live
			runIn(t, st, tc.src)
			l.CollectGarbage()
			got := float64(st.gc.heap.live-before) / n
			want := float64(tc.per - 16) // the array was there before
			if got < want-1 || got > want+1 {
				t.Errorf("%.2f bytes per item, want %.0f", got, want)
			}
		})
	}
}

// A collection started at a loop's backward jump ignores the registers of
// the running function above its active locals: the table left in the
// register of a local whose block has ended is dead (the reference's
// checkGC limits L->top the same way).
func TestLoopIgnoresDeadRegisters(t *testing.T) {
	var out strings.Builder
	st := newGCTestState(&out)
	runIn(t, st, `
local n, lim, finish, u = 0, 10000000, false, nil
do local dead = setmetatable({}, {__gc = function() finish = true end}) end
while not finish and n < lim do u = {} n = n + 1 end
print(finish)`)
	if got := out.String(); got != "true\n" {
		t.Errorf("got %q", got)
	}
}
