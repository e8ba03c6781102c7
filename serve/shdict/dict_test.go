package shdict_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidelua/tide/serve/shdict"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

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

func newDict(capacity int64) (*shdict.Dict, *fakeClock) {
	c := newClock()
	return shdict.NewWithOptions("test", capacity, shdict.Options{Clock: c.Now}), c
}

// show formats a Value with its kind, so that 1 and 1.0 differ.
func show(v shdict.Value) string {
	if v.IsNil() {
		return "nil"
	}
	return v.Kind().String() + ":" + v.String()
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// A step is one operation and the text of its results.
type step struct {
	do   func(d *shdict.Dict, c *fakeClock) string
	want string
}

func get(k string) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		v, fl, err := d.Get(k)
		return fmt.Sprintf("%s %d %s", show(v), fl, errText(err))
	}
}

func getStale(k string) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		v, fl, stale, err := d.GetStale(k)
		return fmt.Sprintf("%s %d %t %s", show(v), fl, stale, errText(err))
	}
}

func set(k string, v shdict.Value, ttl time.Duration, fl int64) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		forcible, err := d.Set(k, v, ttl, fl)
		return fmt.Sprintf("%t %s", forcible, errText(err))
	}
}

func safeSet(k string, v shdict.Value, ttl time.Duration) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return errText(d.SafeSet(k, v, ttl, 0)) }
}

func add(k string, v shdict.Value, ttl time.Duration) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		forcible, err := d.Add(k, v, ttl, 0)
		return fmt.Sprintf("%t %s", forcible, errText(err))
	}
}

func safeAdd(k string, v shdict.Value) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return errText(d.SafeAdd(k, v, 0, 0)) }
}

func replace(k string, v shdict.Value, ttl time.Duration) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		forcible, err := d.Replace(k, v, ttl, 0)
		return fmt.Sprintf("%t %s", forcible, errText(err))
	}
}

func del(k string) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return errText(d.Delete(k)) }
}

func incr(k string, delta, init shdict.Value, ttl time.Duration) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		v, forcible, err := d.Incr(k, delta, init, ttl)
		return fmt.Sprintf("%s %t %s", show(v), forcible, errText(err))
	}
}

func ttl(k string) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		t, err := d.TTL(k)
		return fmt.Sprintf("%v %s", t, errText(err))
	}
}

func expire(k string, t time.Duration) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return errText(d.Expire(k, t)) }
}

func advance(t time.Duration) func(*shdict.Dict, *fakeClock) string {
	return func(_ *shdict.Dict, c *fakeClock) string { c.Advance(t); return "" }
}

func keys(max int) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return strings.Join(d.Keys(max), ",") }
}

func free() func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return fmt.Sprint(d.FreeSpace()) }
}

func flushAll() func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { d.FlushAll(); return "" }
}

func flushExpired(max int) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string { return fmt.Sprint(d.FlushExpired(max)) }
}

func push(k string, v shdict.Value, left bool) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		var n int
		var err error
		if left {
			n, err = d.LPush(k, v)
		} else {
			n, err = d.RPush(k, v)
		}
		return fmt.Sprintf("%d %s", n, errText(err))
	}
}

func pop(k string, left bool) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		var v shdict.Value
		var err error
		if left {
			v, err = d.LPop(k)
		} else {
			v, err = d.RPop(k)
		}
		return fmt.Sprintf("%s %s", show(v), errText(err))
	}
}

func llen(k string) func(*shdict.Dict, *fakeClock) string {
	return func(d *shdict.Dict, _ *fakeClock) string {
		n, err := d.LLen(k)
		return fmt.Sprintf("%d %s", n, errText(err))
	}
}

var (
	i  = shdict.Int
	f  = shdict.Float
	s  = shdict.String
	b  = shdict.Bool
	nv = shdict.Nil
)

// entry is the accounted size of an entry with a key and string value
// of the given lengths.
func entry(key, val int) int64 { return shdict.EntryOverhead + int64(key+val) }

func TestOperations(t *testing.T) {
	const big = 1 << 20
	sec := time.Second
	cases := []struct {
		name     string
		capacity int64
		steps    []step
	}{
		{"kinds", big, []step{
			{get("k"), "nil 0 <nil>"},
			{set("i", i(42), 0, 0), "false <nil>"},
			{set("f", f(42), 0, 0), "false <nil>"},
			{set("s", s("hello"), 0, 0), "false <nil>"},
			{set("t", b(true), 0, 0), "false <nil>"},
			{set("n", b(false), 0, 0), "false <nil>"},
			{get("i"), "integer:42 0 <nil>"},
			{get("f"), "float:42.0 0 <nil>"},
			{get("s"), "string:hello 0 <nil>"},
			{get("t"), "boolean:true 0 <nil>"},
			{get("n"), "boolean:false 0 <nil>"},
			{set("s", nv, 0, 0), "false <nil>"},
			{get("s"), "nil 0 <nil>"},
		}},
		{"flags", big, []step{
			{set("k", s("v"), 0, 7), "false <nil>"},
			{get("k"), "string:v 7 <nil>"},
			{set("k", s("w"), 0, 0), "false <nil>"},
			{get("k"), "string:w 0 <nil>"},
		}},
		{"key errors", big, []step{
			{get(""), "nil 0 empty key"},
			{set("", i(1), 0, 0), "false empty key"},
			{get(strings.Repeat("k", 65536)), "nil 0 key too long"},
			{set(strings.Repeat("k", 65535), i(1), 0, 0), "false <nil>"},
		}},
		{"add", big, []step{
			{add("k", i(1), 0), "false <nil>"},
			{add("k", i(2), 0), "false exists"},
			{get("k"), "integer:1 0 <nil>"},
			{add("k", nv, 0), "false attempt to add or replace nil values"},
			{safeAdd("k", i(3)), "exists"},
			{safeAdd("j", i(3)), "<nil>"},
			{set("e", i(1), sec, 0), "false <nil>"},
			{advance(sec), ""},
			{add("e", i(2), 0), "false <nil>"},
			{get("e"), "integer:2 0 <nil>"},
		}},
		{"replace", big, []step{
			{replace("k", i(1), 0), "false not found"},
			{set("k", i(1), sec, 0), "false <nil>"},
			{replace("k", s("x"), 0), "false <nil>"},
			{get("k"), "string:x 0 <nil>"},
			{ttl("k"), "0s <nil>"},
			{set("k", i(1), sec, 0), "false <nil>"},
			{advance(2 * sec), ""},
			{replace("k", i(2), 0), "false not found"},
			{replace("k", nv, 0), "false attempt to add or replace nil values"},
		}},
		{"expiry", big, []step{
			{set("k", s("v"), 1500*time.Millisecond, 3), "false <nil>"},
			{ttl("k"), "1.5s <nil>"},
			{advance(sec), ""},
			{get("k"), "string:v 3 <nil>"},
			{ttl("k"), "500ms <nil>"},
			{getStale("k"), "string:v 3 false <nil>"},
			{advance(500 * time.Millisecond), ""},
			{getStale("k"), "string:v 3 true <nil>"},
			{get("k"), "nil 0 <nil>"},
			{ttl("k"), "0s not found"},
			{expire("k", sec), "not found"},
			{keys(0), ""},
		}},
		{"expire", big, []step{
			{expire("k", sec), "not found"},
			{set("k", i(1), 0, 0), "false <nil>"},
			{expire("k", 2*sec), "<nil>"},
			{ttl("k"), "2s <nil>"},
			{advance(sec), ""},
			{expire("k", 0), "<nil>"},
			{ttl("k"), "0s <nil>"},
			{advance(time.Hour), ""},
			{get("k"), "integer:1 0 <nil>"},
		}},
		{"incr", big, []step{
			{incr("n", i(1), nv, 0), "nil false not found"},
			{incr("n", i(1), i(10), 0), "integer:11 false <nil>"},
			{incr("n", i(-2), i(10), 0), "integer:9 false <nil>"},
			{incr("n", f(0.5), nv, 0), "float:9.5 false <nil>"},
			{set("m", i(9223372036854775807), 0, 0), "false <nil>"},
			{incr("m", i(1), nv, 0), "integer:-9223372036854775808 false <nil>"},
			{set("s", s("1"), 0, 0), "false <nil>"},
			{incr("s", i(1), nv, 0), "nil false not a number"},
			{incr("s", i(1), i(0), 0), "nil false not a number"},
			{incr("x", s("1"), nv, 0), "nil false bad value type"},
			{incr("f", f(1.5), f(1), 0), "float:2.5 false <nil>"},
		}},
		{"incr keeps ttl and flags", big, []step{
			{set("n", i(1), 2*sec, 5), "false <nil>"},
			{advance(sec), ""},
			{incr("n", i(1), nv, 0), "integer:2 false <nil>"},
			{get("n"), "integer:2 5 <nil>"},
			{ttl("n"), "1s <nil>"},
			{advance(sec), ""},
			{incr("n", i(1), nv, 0), "nil false not found"},
			{incr("n", i(1), i(0), 3*sec), "integer:1 false <nil>"},
			{get("n"), "integer:1 0 <nil>"},
			{ttl("n"), "3s <nil>"},
		}},
		{"lru eviction", 3 * entry(1, 1), []step{
			{set("a", s("1"), 0, 0), "false <nil>"},
			{set("b", s("2"), 0, 0), "false <nil>"},
			{set("c", s("3"), 0, 0), "false <nil>"},
			{free(), "0"},
			{get("a"), "string:1 0 <nil>"},
			{keys(0), "b,c,a"},
			{set("d", s("4"), 0, 0), "true <nil>"},
			{keys(0), "c,a,d"},
			{get("b"), "nil 0 <nil>"},
			{safeSet("e", s("5"), 0), "no memory"},
			{safeSet("a", s("x"), 0), "<nil>"},
			{keys(0), "c,d,a"},
			{set("e", s("55"), 0, 0), "true <nil>"},
			{keys(0), "a,e"},
			{free(), fmt.Sprint(3*entry(1, 1) - entry(1, 1) - entry(1, 2))},
		}},
		{"expired entries go first", 3 * entry(1, 1), []step{
			{set("a", s("1"), 0, 0), "false <nil>"},
			{set("b", s("2"), sec, 0), "false <nil>"},
			{set("c", s("3"), 0, 0), "false <nil>"},
			{get("a"), "string:1 0 <nil>"},
			{advance(sec), ""},
			{safeSet("d", s("4"), 0), "<nil>"},
			{keys(0), "c,a,d"},
		}},
		{"too big", 2 * entry(1, 1), []step{
			{set("a", s("1"), 0, 0), "false <nil>"},
			{set("b", s(strings.Repeat("x", int(2*entry(1, 1)))), 0, 0), "false no memory"},
			{keys(0), "a"},
			{set("a", s(strings.Repeat("x", int(2*entry(1, 1)))), 0, 0), "false no memory"},
			{keys(0), ""},
			{free(), fmt.Sprint(2 * entry(1, 1))},
		}},
		{"accounting", big, []step{
			{free(), fmt.Sprint(big)},
			{set("key", s("value"), 0, 0), "false <nil>"},
			{free(), fmt.Sprint(big - entry(3, 5))},
			{set("key", s("longer value"), 0, 0), "false <nil>"},
			{free(), fmt.Sprint(big - entry(3, 12))},
			{set("key", i(1), 0, 0), "false <nil>"},
			{free(), fmt.Sprint(big - entry(3, 0))},
			{push("list", s("abc"), true), "1 <nil>"},
			{free(), fmt.Sprint(big - entry(3, 0) - entry(4, 0) - shdict.ListItemOverhead - 3)},
			{del("list"), "<nil>"},
			{del("key"), "<nil>"},
			{del("absent"), "<nil>"},
			{free(), fmt.Sprint(big)},
		}},
		{"flush", big, []step{
			{set("a", i(1), 0, 0), "false <nil>"},
			{set("b", i(2), 0, 0), "false <nil>"},
			{set("c", i(3), 0, 0), "false <nil>"},
			{flushAll(), ""},
			{getStale("b"), "integer:2 0 true <nil>"},
			{keys(0), ""},
			{free(), fmt.Sprint(big - 3*entry(1, 0))},
			{flushExpired(1), "1"}, // a, the least recently used
			{getStale("a"), "nil 0 false <nil>"},
			{getStale("c"), "integer:3 0 true <nil>"},
			{set("d", i(4), 0, 0), "false <nil>"}, // reclaims up to two expired LRU entries
			{getStale("b"), "nil 0 false <nil>"},
			{getStale("c"), "nil 0 false <nil>"},
			{flushExpired(0), "0"},
			{free(), fmt.Sprint(big - entry(1, 0))},
			{get("d"), "integer:4 0 <nil>"},
		}},
		{"flush all then expired", big, []step{
			{set("a", i(1), 0, 0), "false <nil>"},
			{set("b", s("x"), 0, 0), "false <nil>"},
			{push("c", i(1), true), "1 <nil>"},
			{flushAll(), ""},
			{flushExpired(0), "3"},
			{free(), fmt.Sprint(big)},
		}},
		{"get_keys", big, []step{
			{set("a", i(1), 0, 0), "false <nil>"},
			{set("b", i(1), sec, 0), "false <nil>"},
			{set("c", i(1), 0, 0), "false <nil>"},
			{keys(2), "a,b"},
			{keys(0), "a,b,c"},
			{advance(sec), ""},
			{keys(0), "a,c"},
		}},
		{"lists", big, []step{
			{push("l", s("a"), true), "1 <nil>"},
			{push("l", s("b"), true), "2 <nil>"},
			{push("l", i(3), false), "3 <nil>"},
			{push("l", f(4.5), false), "4 <nil>"},
			{push("l", b(true), false), "0 bad value type"},
			{llen("l"), "4 <nil>"},
			{get("l"), "nil 0 value is a list"},
			{incr("l", i(1), nv, 0), "nil false not a number"},
			{pop("l", true), "string:b <nil>"},
			{pop("l", false), "float:4.5 <nil>"},
			{pop("l", false), "integer:3 <nil>"},
			{pop("l", false), "string:a <nil>"},
			{pop("l", false), "nil <nil>"},
			{llen("l"), "0 <nil>"},
			{keys(0), ""},
			{set("v", i(1), 0, 0), "false <nil>"},
			{push("v", i(1), true), "0 value not a list"},
			{pop("v", true), "nil value not a list"},
			{llen("v"), "0 value not a list"},
			{set("v", nv, 0, 0), "false <nil>"},
			{push("v", i(1), true), "1 <nil>"},
			{set("v", s("x"), 0, 0), "false <nil>"},
			{get("v"), "string:x 0 <nil>"},
		}},
		{"list expiry", big, []step{
			{push("l", s("a"), false), "1 <nil>"},
			{expire("l", sec), "<nil>"},
			{ttl("l"), "1s <nil>"},
			{advance(sec), ""},
			{llen("l"), "0 <nil>"},
			{push("l", s("b"), false), "1 <nil>"},
			{ttl("l"), "0s <nil>"},
			{pop("l", true), "string:b <nil>"},
		}},
		{"list ring growth", big, func() []step {
			var st []step
			for n := 1; n <= 10; n++ {
				st = append(st, step{push("l", i(int64(n)), n%2 == 0), fmt.Sprintf("%d <nil>", n)})
			}
			for _, w := range []string{"10", "8", "6", "4", "2", "1", "3", "5", "7", "9"} {
				st = append(st, step{pop("l", true), "integer:" + w + " <nil>"})
			}
			return st
		}()},
		{"lists do not evict", entry(1, 0) + shdict.ListItemOverhead + entry(1, 0), []step{
			{set("a", i(1), 0, 0), "false <nil>"},
			{push("l", i(1), true), "1 <nil>"},
			{push("l", i(2), true), "0 no memory"},
			{push("m", i(2), true), "0 no memory"},
			{get("a"), "integer:1 0 <nil>"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, c := newDict(tc.capacity)
			for n, st := range tc.steps {
				if got := st.do(d, c); got != st.want {
					t.Errorf("step %d: got %q, want %q", n+1, got, st.want)
				}
				if err := d.CheckInvariants(); err != nil {
					t.Fatalf("step %d: %v", n+1, err)
				}
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	d, c := newDict(1 << 20)
	count := func(now time.Duration, e shdict.Entry) (shdict.Entry, bool) {
		e.Value = shdict.Int(e.Value.AsInt() + 1)
		e.TTL = time.Second
		return e, true
	}
	for range 3 {
		if _, err := d.Update("n", count); err != nil {
			t.Fatal(err)
		}
	}
	if v, _, _ := d.Get("n"); v != shdict.Int(3) {
		t.Errorf("got %v, want 3", v)
	}
	var seen shdict.Entry
	var seenNow time.Duration
	c.Advance(300 * time.Millisecond)
	d.Update("n", func(now time.Duration, e shdict.Entry) (shdict.Entry, bool) { seen, seenNow = e, now; return e, false })
	if seen.Value != shdict.Int(3) || seen.TTL != 700*time.Millisecond || seenNow != 300*time.Millisecond {
		t.Errorf("fn saw %+v at %v", seen, seenNow)
	}
	d.Update("n", func(now time.Duration, e shdict.Entry) (shdict.Entry, bool) { e.Value = shdict.Nil; return e, true })
	if v, _, _ := d.Get("n"); !v.IsNil() {
		t.Errorf("got %v after deleting", v)
	}
	d.LPush("l", shdict.Int(1))
	if _, err := d.Update("l", count); err != shdict.ErrIsList {
		t.Errorf("update of a list: %v", err)
	}
	if _, err := d.Update("", count); err != shdict.ErrEmptyKey {
		t.Errorf("empty key: %v", err)
	}
	if err := d.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentIncr(t *testing.T) {
	d := shdict.New("c", 1<<20)
	const workers, each = 8, 2000
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range each {
				if _, _, err := d.Incr("hits", shdict.Int(1), shdict.Int(0), 0); err != nil {
					t.Error(err)
					return
				}
				if _, err := d.Update("upd", func(_ time.Duration, e shdict.Entry) (shdict.Entry, bool) {
					e.Value = shdict.Int(e.Value.AsInt() + 2)
					return e, true
				}); err != nil {
					t.Error(err)
					return
				}
				// Churn other keys meanwhile, with eviction.
				d.Set(fmt.Sprintf("k%d-%d", w, n%50), shdict.String("v"), 0, 0)
				d.Get(fmt.Sprintf("k%d-%d", (w+1)%workers, n%50))
			}
		}()
	}
	wg.Wait()
	if v, _, _ := d.Get("hits"); v != shdict.Int(workers*each) {
		t.Errorf("hits = %v, want %d", v, workers*each)
	}
	if v, _, _ := d.Get("upd"); v != shdict.Int(2*workers*each) {
		t.Errorf("upd = %v, want %d", v, 2*workers*each)
	}
	if err := d.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}

// TestHammer runs every operation from many goroutines on a dict small
// enough to evict constantly; the bookkeeping must stay exact.
func TestHammer(t *testing.T) {
	d := shdict.New("h", 40*entry(4, 8))
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 3000 {
				k := fmt.Sprintf("k%03d", (n*7+w)%100)
				switch n % 9 {
				case 0:
					d.Set(k, shdict.String(strings.Repeat("v", n%16)), time.Duration(n%3)*time.Millisecond, 0)
				case 1:
					d.Get(k)
				case 2:
					d.Incr(k, shdict.Int(1), shdict.Int(0), 0)
				case 3:
					d.RPush(k, shdict.String("item"))
				case 4:
					d.LPop(k)
				case 5:
					d.SafeAdd(k, shdict.Float(1.5), 0, 0)
				case 6:
					d.Delete(k)
				case 7:
					d.FlushExpired(5)
				case 8:
					d.Keys(10)
				}
			}
		}()
	}
	wg.Wait()
	if err := d.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}

func TestAllocs(t *testing.T) {
	d := shdict.New("a", 1<<20)
	d.Set("k", shdict.String("value"), 0, 0)
	d.Set("n", shdict.Int(0), time.Hour, 0)
	key := []byte("n")
	cases := []struct {
		name string
		fn   func()
	}{
		{"get", func() { d.Get("k") }},
		{"incr", func() { d.Incr("n", shdict.Int(1), shdict.Nil, 0) }},
		{"set same value", func() { d.Set("k", shdict.String("value"), 0, 0) }},
		{"set number", func() { d.Set("n", shdict.Int(5), time.Minute, 0) }},
		{"update bytes", func() {
			d.UpdateBytes(key, func(_ time.Duration, e shdict.Entry) (shdict.Entry, bool) { e.Value = shdict.Int(2); return e, true })
		}},
		{"update", func() {
			d.Update("n", func(_ time.Duration, e shdict.Entry) (shdict.Entry, bool) { e.Value = shdict.Int(1); return e, true })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tc.fn); n != 0 {
				t.Errorf("%v allocations", n)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	cases := []struct {
		in   string
		want int64
	}{
		{"10m", 10 << 20}, {"10M", 10 << 20}, {"512k", 512 << 10}, {"1g", 1 << 30},
		{"64MiB", 64 << 20}, {"1KiB", 1024}, {"1.5MB", 1_500_000}, {"4096", 4096},
		{"100B", 100}, {" 2 MiB ", 2 << 20},
		{"", -1}, {"0", -1}, {"-1m", -1}, {"m", -1}, {"10x", -1}, {"1e30g", -1}, {"NaN", -1},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := shdict.ParseSize(tc.in)
			if tc.want < 0 {
				if err == nil {
					t.Errorf("got %d, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}

func TestParseSpec(t *testing.T) {
	cases := []struct {
		in, name string
		size     int64
		err      string
	}{
		{"cache=10m", "cache", 10 << 20, ""},
		{"limits = 1MiB", "limits", 1 << 20, ""},
		{"cache", "", 0, `bad shared dict "cache" (NAME=SIZE expected, e.g. cache=10m)`},
		{"=10m", "", 0, `bad shared dict "=10m" (NAME=SIZE expected, e.g. cache=10m)`},
		{"cache=lots", "", 0, `shared dict "cache": bad size "lots" (a size such as 10m, 512k or 64MiB expected)`},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			name, size, err := shdict.ParseSpec(tc.in)
			if name != tc.name || size != tc.size || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
				t.Errorf("got %q %d %v; want %q %d %s", name, size, err, tc.name, tc.size, tc.err)
			}
		})
	}
}

func TestValueString(t *testing.T) {
	cases := []struct {
		v    shdict.Value
		want string
	}{
		{shdict.Nil, "nil"}, {shdict.Bool(true), "true"}, {shdict.Int(-3), "-3"},
		{shdict.Float(3), "3.0"}, {shdict.Float(0.1), "0.1"}, {shdict.Float(1e20), "1e+20"},
		{shdict.Float(-0.0 * 1), "0.0"}, {shdict.String("x"), "x"},
	}
	for _, tc := range cases {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("%#v: got %q, want %q", tc.v, got, tc.want)
		}
	}
}
