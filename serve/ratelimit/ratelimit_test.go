package ratelimit_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidelua/tide/serve/ratelimit"
	"github.com/tidelua/tide/serve/shdict"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// newClock starts on a minute boundary, so that windows start with it.
func newClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_040, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newDict() (*shdict.Dict, *fakeClock) {
	c := newClock()
	return shdict.NewWithOptions("limits", 1<<20, shdict.Options{Clock: c.Now}), c
}

// A take is one step of a sequence: move the clock, take n, and the
// expected result ("ok 2" admitted with 2 left, "no 1.5s 0" denied,
// retry after 1.5 s, 0 left).
type take struct {
	advance time.Duration
	key     string
	n       int64
	want    string
}

func format(r ratelimit.Result) string {
	if r.Allowed {
		return fmt.Sprintf("ok %d", r.Remaining)
	}
	return fmt.Sprintf("no %v %d", r.RetryAfter, r.Remaining)
}

func runTakes(t *testing.T, l ratelimit.Limiter, c *fakeClock, d *shdict.Dict, takes []take) {
	t.Helper()
	for i, tk := range takes {
		c.Advance(tk.advance)
		k := tk.key
		if k == "" {
			k = "client"
		}
		r, err := l.Take(k, tk.n)
		got := format(r)
		if err != nil {
			got = "error " + err.Error()
		}
		if got != tk.want {
			t.Errorf("take %d (+%v, %s, n=%d): got %q, want %q", i+1, tk.advance, k, tk.n, got, tk.want)
		}
	}
}

func TestTokenBucket(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		name  string
		rate  float64
		burst int64
		takes []take
	}{
		{"burst then rate", 2, 3, []take{
			{0, "", 1, "ok 2"},
			{0, "", 1, "ok 1"},
			{0, "", 1, "ok 0"},
			{0, "", 1, "no 500ms 0"},
			{250 * ms, "", 1, "no 250ms 0"},
			{250 * ms, "", 1, "ok 0"},
			{500 * ms, "", 2, "no 500ms 1"},
			{500 * ms, "", 2, "ok 0"},
			{10 * time.Second, "", 0, "ok 3"},
			{0, "", 3, "ok 0"},
		}},
		{"keys are independent", 1, 1, []take{
			{0, "a", 1, "ok 0"},
			{0, "b", 1, "ok 0"},
			{0, "a", 1, "no 1s 0"},
			{999 * ms, "a", 1, "no 1ms 0"},
			{ms, "a", 1, "ok 0"},
		}},
		{"peek and limits", 10, 5, []take{
			{0, "", 0, "ok 5"},
			{0, "", 5, "ok 0"},
			{0, "", 0, "ok 0"},
			{0, "", 6, "error n exceeds the limit"},
			{0, "", -1, "error n must not be negative"},
			{100 * ms, "", 0, "ok 1"},
		}},
		{"fractional rate", 0.5, 1, []take{
			{0, "", 1, "ok 0"},
			{time.Second, "", 1, "no 1s 0"},
			{time.Second, "", 1, "ok 0"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, c := newDict()
			l, err := ratelimit.NewTokenBucket(d, "tb:", tc.rate, tc.burst)
			if err != nil {
				t.Fatal(err)
			}
			runTakes(t, l, c, d, tc.takes)
		})
	}
}

func TestFixedWindow(t *testing.T) {
	d, c := newDict()
	l, err := ratelimit.NewFixedWindow(d, "fw:", 3, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	sec := time.Second
	runTakes(t, l, c, d, []take{
		{0, "", 1, "ok 2"},
		{sec, "", 2, "ok 0"},
		{sec, "", 1, "no 8s 0"},
		{0, "", 0, "ok 0"},
		{7 * sec, "", 1, "no 1s 0"},
		{sec, "", 3, "ok 0"}, // a new window: the boundary burst fixed windows allow
		{9 * sec, "", 1, "no 1s 0"},
		{25 * sec, "", 1, "ok 2"},
		{0, "other", 3, "ok 0"},
		{0, "", 4, "error n exceeds the limit"},
	})
	if err := l.Reset("client"); err != nil {
		t.Fatal(err)
	}
	runTakes(t, l, c, d, []take{{0, "", 3, "ok 0"}})
}

func TestSlidingWindow(t *testing.T) {
	d, c := newDict()
	l, err := ratelimit.NewSlidingWindow(d, "sw:", 10, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	sec := time.Second
	runTakes(t, l, c, d, []take{
		{0, "", 10, "ok 0"},
		{0, "", 1, "no 11s 0"},       // next window, once 1/10 of this one has slid out
		{10 * sec, "", 1, "no 1s 0"}, // previous 10 weigh 10 at the window's start
		{sec, "", 1, "ok 0"},         // 10*0.9 + 0 + 1
		{sec, "", 1, "ok 0"},         // 10*0.8 + 1 + 1
		{0, "", 2, "no 2s 0"},        // 8 + 2 + 2 > 10 until the weight is 0.6
		{5 * sec, "", 5, "ok 0"},     // 10*0.3 + 2 + 5
		{3 * sec, "", 0, "ok 3"},     // the next window: 7*1 + 0
		{20 * sec, "", 0, "ok 10"},   // two windows later: nothing counts
		{0, "", 11, "error n exceeds the limit"},
	})
}

func TestBadConfig(t *testing.T) {
	d, _ := newDict()
	cases := []struct {
		name string
		make func() error
		want string
	}{
		{"rate", func() error { _, err := ratelimit.NewTokenBucket(d, "", 0, 1); return err }, "ratelimit: rate must be a positive number (got 0)"},
		{"burst", func() error { _, err := ratelimit.NewTokenBucket(d, "", 1, 0); return err }, "ratelimit: burst must be at least 1 (got 0)"},
		{"no dict", func() error { _, err := ratelimit.NewTokenBucket(nil, "", 1, 1); return err }, "ratelimit: no dict"},
		{"limit", func() error { _, err := ratelimit.NewFixedWindow(d, "", 0, time.Second); return err }, "ratelimit: limit must be between 1 and 2147483647 (got 0)"},
		{"window", func() error { _, err := ratelimit.NewSlidingWindow(d, "", 1, 0); return err }, "ratelimit: window must be positive (got 0s)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.make(); err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %s", err, tc.want)
			}
		})
	}
}

// TestConcurrentTakes hammers each limiter from many goroutines with the
// clock stopped: exactly the limit is admitted.
func TestConcurrentTakes(t *testing.T) {
	cases := []struct {
		name  string
		make  func(d *shdict.Dict) (ratelimit.Limiter, error)
		limit int64
	}{
		{"token bucket", func(d *shdict.Dict) (ratelimit.Limiter, error) { return ratelimit.NewTokenBucket(d, "", 100, 250) }, 250},
		{"fixed window", func(d *shdict.Dict) (ratelimit.Limiter, error) {
			return ratelimit.NewFixedWindow(d, "", 250, time.Minute)
		}, 250},
		{"sliding window", func(d *shdict.Dict) (ratelimit.Limiter, error) {
			return ratelimit.NewSlidingWindow(d, "", 250, time.Minute)
		}, 250},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := newDict()
			l, err := tc.make(d)
			if err != nil {
				t.Fatal(err)
			}
			var admitted atomic.Int64
			var wg sync.WaitGroup
			for range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 100 {
						r, err := l.Take("k", 1)
						if err != nil {
							t.Error(err)
							return
						}
						if r.Allowed {
							admitted.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			if got := admitted.Load(); got != tc.limit {
				t.Errorf("admitted %d, want %d", got, tc.limit)
			}
		})
	}
}

func TestTakeAllocs(t *testing.T) {
	d := shdict.New("limits", 1<<20)
	tb, _ := ratelimit.NewTokenBucket(d, "tb:", 1000, 1e9)
	fw, _ := ratelimit.NewFixedWindow(d, "fw:", 1e9, time.Hour)
	sw, _ := ratelimit.NewSlidingWindow(d, "sw:", 1e9, time.Hour)
	for _, l := range []ratelimit.Limiter{tb, fw, sw} {
		l.Take("key", 1) // creates the entry
		if n := testing.AllocsPerRun(100, func() { l.Take("key", 1) }); n != 0 {
			t.Errorf("%T: %v allocations per take", l, n)
		}
	}
}

func BenchmarkTake(b *testing.B) {
	d := shdict.New("limits", 1<<20)
	tb, _ := ratelimit.NewTokenBucket(d, "tb:", 1000, 1e9)
	fw, _ := ratelimit.NewFixedWindow(d, "fw:", 1e9, time.Hour)
	sw, _ := ratelimit.NewSlidingWindow(d, "sw:", 1e9, time.Hour)
	for _, c := range []struct {
		name string
		l    ratelimit.Limiter
	}{{"token_bucket", tb}, {"fixed_window", fw}, {"sliding_window", sw}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.l.Take("client", 1)
			}
		})
		b.Run(c.name+"/parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c.l.Take("client", 1)
				}
			})
		})
	}
}
