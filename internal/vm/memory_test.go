package vm

import (
	"errors"
	"testing"
)

// limitAbove returns a memory limit giving room beyond what the test
// process already holds (more under the race detector), so that the
// expectations do not depend on the other tests.
func limitAbove(room int64) int64 { return processMemory() + room }

func TestCheckAlloc(t *testing.T) {
	limit := limitAbove(1 << 30)
	st := NewState(Options{MemoryLimit: limit})
	cases := []struct {
		name  string
		bytes int64
		ok    bool
	}{
		{"small", 1 << 10, true},
		{"negative", -1, false},
		{"over the limit", limit + 1, false},
		{"most of the limit", limit - 1<<20, false}, // leaves no headroom
		{"large but fits", 128 << 20, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := st.CheckAlloc(tc.bytes)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckAlloc(%d) = %v, want ok=%v", tc.bytes, err, tc.ok)
			}
			// the quota refuses a request larger than itself; the process
			// check, one that leaves no headroom
			if err != nil && err.Error() != "not enough memory" && !errors.Is(err, ErrMemoryLimit) {
				t.Fatalf("message %q", err.Error())
			}
		})
	}
}

func TestGrow(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates up to 1 GiB")
	}
	limit := limitAbove(1 << 30)
	st := NewState(Options{MemoryLimit: limit})
	b := []byte("abc")
	b, err := st.Grow(b, 100)
	if err != nil || len(b) != 3 || cap(b) < 103 || string(b) != "abc" {
		t.Fatalf("Grow: len %d cap %d %q, %v", len(b), cap(b), b, err)
	}
	// Growing by doubling until the limit refuses: the buffer never
	// exceeds the limit and the error is the memory error.
	var grown []byte
	for {
		grown, err = st.Grow(grown, 64<<20)
		if err != nil {
			break
		}
		grown = grown[:len(grown)+64<<20]
		if int64(cap(grown)) > limit {
			t.Fatalf("buffer of %d bytes grew past the %d-byte limit", cap(grown), limit)
		}
	}
	var me memError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want the memory error", err)
	}
}
