package shdict_test

import (
	"bytes"
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/tidelua/tide/serve/shdict"
)

// benchKeys are the keys the benchmarks spread their operations over.
var benchKeys = func() []string {
	ks := make([]string, 1024)
	for n := range ks {
		ks[n] = "key:" + strconv.Itoa(n)
	}
	return ks
}()

func filledDict() *shdict.Dict {
	d := shdict.New("bench", 64<<20)
	for _, k := range benchKeys {
		d.Set(k, shdict.String("a value of some length"), 0, 0)
	}
	return d
}

func BenchmarkGet(b *testing.B) {
	d := filledDict()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		d.Get(benchKeys[n&1023])
		n++
	}
}

func BenchmarkSet(b *testing.B) {
	d := filledDict()
	v := shdict.String("another value, same size")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		d.Set(benchKeys[n&1023], v, 0, 0)
		n++
	}
}

func BenchmarkIncr(b *testing.B) {
	d := filledDict()
	b.ReportAllocs()
	for b.Loop() {
		d.Incr("counter", shdict.Int(1), shdict.Int(0), 0)
	}
}

// The parallel benchmarks run b.N operations over GOMAXPROCS goroutines
// (go test -bench Parallel -cpu 1,2).

func BenchmarkGetParallel(b *testing.B) {
	d := filledDict()
	var seed atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		n := int(seed.Add(97))
		for pb.Next() {
			d.Get(benchKeys[n&1023])
			n++
		}
	})
}

func BenchmarkSetParallel(b *testing.B) {
	d := filledDict()
	v := shdict.String("another value, same size")
	var seed atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		n := int(seed.Add(97))
		for pb.Next() {
			d.Set(benchKeys[n&1023], v, 0, 0)
			n++
		}
	})
}

func BenchmarkIncrParallel(b *testing.B) {
	d := filledDict()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			d.Incr("counter", shdict.Int(1), shdict.Int(0), 0)
		}
	})
}

// BenchmarkLua times the Lua methods, one call per iteration, inside a
// Lua loop of 1000 calls (so the loop's own cost is included).
func BenchmarkLua(b *testing.B) {
	cases := []struct{ name, body string }{
		{"get", `d:get("key:1")`},
		{"set", `d:set("key:1", "a value of some length")`},
		{"incr", `d:incr("counter", 1, 0)`},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			d := filledDict()
			var out bytes.Buffer
			s := newLuaState(b, map[string]*shdict.Dict{"bench": d}, nil, &out)
			fn, err := s.Load([]byte("local d = shared.bench for i = 1, 1000 do "+tc.body+" end"), "=bench")
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Call(ctx, fn); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/call")
		})
	}
}
