package vm

import (
	"errors"
	"testing"
)

func TestCheckAlloc(t *testing.T) {
	st := NewState(Options{MemoryLimit: 1 << 30})
	cases := []struct {
		name  string
		bytes int64
		ok    bool
	}{
		{"small", 1 << 10, true},
		{"negative", -1, false},
		{"over the limit", 2 << 30, false},
		{"most of the limit", 1<<30 - 1<<20, false}, // leaves no headroom
		{"large but fits", 128 << 20, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := st.CheckAlloc(tc.bytes)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckAlloc(%d) = %v, want ok=%v", tc.bytes, err, tc.ok)
			}
			if err != nil && err.Error() != "not enough memory" {
				t.Fatalf("message %q", err.Error())
			}
		})
	}
}

func TestGrow(t *testing.T) {
	st := NewState(Options{MemoryLimit: 1 << 30})
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
		if len(grown) > 1<<30 {
			t.Fatalf("buffer of %d bytes grew past the 1 GiB limit", len(grown))
		}
	}
	var me memError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want the memory error", err)
	}
}
