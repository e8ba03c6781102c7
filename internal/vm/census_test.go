package vm

import (
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/tidelua/tide/internal/value"
)

// goSizeClasses are the small size classes of Go's allocator up to 288
// bytes (internal/runtime/gc/sizeclasses.go), written out here so that
// the test does not derive its expectation from the code it checks.
var goSizeClasses = []int64{8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288}

// roundClass rounds n up to its size class.
func roundClass(t *testing.T, n int64) int64 {
	t.Helper()
	for _, c := range goSizeClasses {
		if n <= c {
			return c
		}
	}
	t.Fatalf("no size class for %d bytes in the test's list", n)
	return 0
}

func censusOf(t *testing.T, st *State, top int) *Census {
	t.Helper()
	c, ok := st.Census(nil, top)
	if !ok {
		t.Fatal("census refused")
	}
	return c
}

func kindStats(c *Census, k ObjectKind) ObjectStats {
	for _, o := range c.Objects {
		if o.Kind == k {
			return o
		}
	}
	return ObjectStats{}
}

// TestCensusTables keeps 10,000 tables of 10 array entries each and
// checks that the census counts them with the bytes Go allocates for
// them.
func TestCensusTables(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	runIn(t, st, `
keep = {}
for i = 1, 10000 do
  keep[i] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
end`)
	c := censusOf(t, st, 10)
	tables := kindStats(c, KindTable)
	if tables.Count < 10000 {
		t.Fatalf("census counts %d tables, want at least 10000", tables.Count)
	}
	// The expectation: a constructor of 10 items makes a table with an
	// array part of exactly 10 Values of 16 bytes: a 160-byte
	// allocation, itself a size class; no hash part (the shared empty
	// node is not counted). The table struct is rounded up to its size
	// class. The list holding them has an array part grown by doubling
	// to 16384 slots: 256 KiB, a large object (whole pages, no rounding
	// needed). Everything else (globals, registry) is a few KiB.
	perTable := roundClass(t, int64(unsafe.Sizeof(value.Table{}))) + roundClass(t, 10*int64(unsafe.Sizeof(value.Value{})))
	want := 10000*perTable + 16384*int64(unsafe.Sizeof(value.Value{}))
	got := tables.Bytes
	if lo, hi := want*8/10, want*12/10; got < lo || got > hi {
		t.Errorf("table bytes = %d, want %d within 20%%", got, want)
	}
	if c.Total < got {
		t.Errorf("total %d below the tables' bytes %d", c.Total, got)
	}
	// the total is what collectgarbage("count") then reports
	if hb := st.Main().HeapBytes(); hb < c.Total {
		t.Errorf("HeapBytes %d below the census total %d", hb, c.Total)
	}
	if len(c.Largest) == 0 || c.Largest[0].ArrayLen < 10000 {
		t.Fatalf("largest tables: %+v, want the list of 10000 first", c.Largest)
	}
	for i := 1; i < len(c.Largest); i++ {
		if c.Largest[i].Bytes > c.Largest[i-1].Bytes {
			t.Fatalf("largest tables not in order: %+v", c.Largest)
		}
	}
	if c.Largest[0].Site != "" {
		t.Errorf("site %q recorded without TrackSites", c.Largest[0].Site)
	}
}

// TestCensusKinds checks that each kind of object is counted.
func TestCensusKinds(t *testing.T) {
	var out strings.Builder
	st := newTestState(&out)
	openCoroutineForTest(st)
	runIn(t, st, `
fs = {}
for i = 1, 100 do local j = i; fs[i] = function() return j end end
cs = {}
for i = 1, 20 do cs[i] = coroutine.create(function() end) end
ss = {}
for i = 1, 50 do ss[i] = "s" .. i .. "-long enough to be its own allocation" end
`)
	c := censusOf(t, st, 0)
	for _, tc := range []struct {
		k   ObjectKind
		min int64
	}{
		{KindClosure, 100},
		{KindUpvalue, 100},
		{KindCoroutine, 21}, // and the main thread
		{KindString, 50},
		{KindProto, 2},
		{KindGoFunction, 1},
		{KindOther, 1},
	} {
		if s := kindStats(c, tc.k); s.Count < tc.min || s.Bytes <= 0 {
			t.Errorf("%s: %+v, want at least %d", tc.k, s, tc.min)
		}
	}
	if len(c.Largest) != 0 {
		t.Errorf("largest tables listed with top 0: %+v", c.Largest)
	}
	var sum int64
	for _, o := range c.Objects {
		sum += o.Bytes
	}
	if sum != c.Total {
		t.Errorf("kinds sum to %d, total %d", sum, c.Total)
	}
}

// TestCensusSites checks that the largest tables carry their creation
// line when TrackSites is on.
func TestCensusSites(t *testing.T) {
	st := NewState(Options{TrackSites: true})
	runIn(t, st, `
local function make(n)
  local t = {}
  for i = 1, n do t[i] = i end
  return t
end
big = make(5000)
medium = {}
for i = 1, 1000 do medium["k" .. i] = i end
`)
	c := censusOf(t, st, 3)
	if len(c.Largest) < 2 {
		t.Fatalf("largest: %+v", c.Largest)
	}
	if got := c.Largest[0].Site; got != "t:3" {
		t.Errorf("largest table's site = %q, want t:3", got)
	}
	if got := c.Largest[1].Site; got != "t:8" {
		t.Errorf("second table's site = %q, want t:8", got)
	}
	if !c.TrackSites {
		t.Error("TrackSites not reported")
	}
}

// TestSitesDoNotRetain checks that recording sites keeps no table alive
// and that the side table is purged of freed tables.
func TestSitesDoNotRetain(t *testing.T) {
	st := NewState(Options{TrackSites: true})
	runIn(t, st, `for i = 1, 3000 do local t = {} end`)
	runtime.GC()
	runtime.GC()
	s := st.gc.col.sites
	if s == nil {
		t.Fatal("no site recorded")
	}
	alive := 0
	for k := range s.m {
		if k.Value() != nil {
			alive++
		}
	}
	if alive > 100 {
		t.Errorf("%d of %d tables still alive after GC", alive, len(s.m))
	}
	// the 3000 freed entries go at the next purge, when the table
	// reaches 4096 entries; without a GC since, the new ones stay
	runIn(t, st, `for i = 1, 5000 do local t = {} end`)
	if n := len(s.m); n >= 8000-2000 {
		t.Errorf("side table holds %d entries, want the freed ones purged", n)
	}
	// a census purges it, and a map left mostly empty is made anew
	runtime.GC()
	censusOf(t, st, 0)
	if s := st.gc.col.sites; len(s.m) > 100 || s.peak > 100 {
		t.Errorf("after a census the side table holds %d entries (peak %d)", len(s.m), s.peak)
	}
}

// TestCensusInsideCollection checks that a census refuses to run during a
// collection instead of corrupting its marks.
func TestCensusInsideCollection(t *testing.T) {
	st := NewState(Options{})
	st.gc.busy = true
	if _, ok := st.Census(nil, 10); ok {
		t.Error("census ran during a collection")
	}
	if _, ok := st.Coroutines(nil); ok {
		t.Error("inventory ran during a collection")
	}
	st.gc.busy = false
	if _, ok := st.Census(nil, 10); !ok {
		t.Error("census refused on an idle State")
	}
}

// BenchmarkNewTableSites measures table constructors with and without
// TrackSites.
func BenchmarkNewTableSites(b *testing.B) {
	for _, track := range []bool{false, true} {
		name := "off"
		if track {
			name = "on"
		}
		b.Run(name, func(b *testing.B) {
			st := NewState(Options{TrackSites: track})
			fn, err := st.Load([]byte(`local n = ... for i = 1, n do local t = {} end`), "=b", "t", value.Nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := st.Main().Call(fn, value.Int(int64(b.N))); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// TestNewTableAllocs checks that a table constructor allocates only the
// table when TrackSites is off.
func TestNewTableAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under -race")
	}
	st := NewState(Options{})
	fn, err := st.Load([]byte(`for i = 1, 100 do local t = {} end`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	l := st.Main()
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := l.Call(fn); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 100+2 {
		t.Errorf("%v allocations for 100 empty tables", allocs)
	}
}
