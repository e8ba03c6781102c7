package shdict_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/shdict"
)

// newLuaState returns a State with the global shared holding dicts and a
// global advance(seconds) moving c.
func newLuaState(t testing.TB, dicts map[string]*shdict.Dict, c *fakeClock, out *bytes.Buffer) *tide.State {
	t.Helper()
	s := tide.NewState(tide.Options{Stdout: out})
	t.Cleanup(func() { s.Close() })
	shared, err := shdict.Open(s, dicts)
	if err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("shared", shared)
	if c != nil {
		s.SetFunction("advance", func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			f, _ := args[0].ToFloat()
			c.Advance(time.Duration(f * float64(time.Second)))
			return nil, nil
		})
	}
	return s
}

func TestLua(t *testing.T) {
	cases := []struct {
		name     string
		capacity int64
		src      string
		want     string
	}{
		{"get set", 1 << 20, `
local d = shared.cache
print(d:get("k"))
print(d:set("k", "v"))
print(d:get("k"))
print(d:set("i", 42), d:set("f", 42.0), d:set("b", false))
print(math.type(d:get("i")), math.type(d:get("f")), d:get("b"))
print(d:set("k", "w", 0, 9))
print(d:get("k"))
print(d:get_stale("k"))
print(d:get_stale("i"))
print(d:get_stale("absent"))
print(d:set(12, "number key"), d:get("12"), d:get(12))
print(d:delete("k"), d:get("k"))
print(d:set("i", nil), d:get("i"))
`, `nil
true	nil	false
v
true	true	true	nil	false
integer	float	false
true	nil	false
w	9
w	9	false
42	nil	false
nil
true	number key	number key
true	nil
true	nil
`},
		{"key errors", 1 << 20, `
local d = shared.cache
print(d:get(nil))
print(d:get())
print(d:set(nil, 1))
print(d:get(""))
print(d:set("", 1))
print(d:get(("k"):rep(65536)))
print(d:incr(nil, 1))
print(d:ttl(""))
print(pcall(d.get, d, {}))
print(pcall(d.get, {}, "k"))
print(pcall(d.get))
print(pcall(function() local v = d:get({}) return v end))
`, `nil	nil key
nil	nil key
nil	nil key
nil	empty key
nil	empty key
nil	key too long
nil	nil key
nil	empty key
false	bad argument #1 to 'get' (string expected, got table)
false	bad "zone" argument (call get with ':')
false	bad "zone" argument (call get with ':')
false	t:13: bad argument #1 to 'get' (string expected, got table)
`},
		{"value and argument errors", 1 << 20, `
local d = shared.cache
print(d:set("k", {}))
print(d:set("k", print))
print(pcall(d.set, d, "k", 1, -1))
print(pcall(d.set, d, "k", 1, "soon"))
print(pcall(d.set, d, "k", 1, 0, 1.5))
print(pcall(d.set, d, "k", 1, "2", "3"), d:get("k"))
print(d:add("k", nil))
print(d:replace("k", nil))
`, `nil	bad value type
nil	bad value type
false	bad "exptime" argument
false	bad argument #3 to 'set' (number expected, got string)
false	bad argument #4 to 'set' (number has no integer representation)
true	1	3
false	attempt to add or replace nil values	false
false	attempt to add or replace nil values	false
`},
		{"add replace safe", 3 * entry(1, 1), `
local d = shared.cache
print(d:add("a", "1"))
print(d:add("a", "2"))
print(d:replace("b", "2"))
print(d:replace("a", "x"), d:get("a"))
print(d:safe_add("b", "2"))
print(d:safe_set("c", "3"))
print(d:safe_set("d", "4"))
print(d:set("d", "4"))
print(d:get("a"), d:get("b"), d:get("c"), d:get("d"))
print(d:safe_add("e", "5"))
print(d:capacity(), d:free_space())
`, `true	nil	false
false	exists	false
false	not found	false
true	x
true	nil	false
true	nil	false
false	no memory	false
true	nil	true
nil	2	3	4
false	no memory	false
390	0
`},
		{"incr", 1 << 20, `
local d = shared.cache
print(d:incr("n", 1))
print(d:incr("n", 1, 0))
print(d:incr("n", 1))
print(d:incr("n", 0.5))
print(d:incr("m", 2, 40, 10))
print(d:ttl("m"))
print(d:incr("m", "3"))
print(d:incr("m", "1.0"))
print(pcall(d.incr, d, "m", nil))
print(pcall(d.incr, d, "m", {}))
print(pcall(d.incr, d, "m", 1, {}))
print(pcall(d.incr, d, "m", 1, nil, 5))
print(pcall(d.incr, d, "m", 1, 0, -1))
d:set("s", "str")
print(d:incr("s", 1))
print(math.type(d:incr("i", 2, 3)), math.type(d:incr("i", 1)), math.type(d:incr("i", 1.0)))
`, `nil	not found
1	nil	false
2
2.5
42	nil	false
10.0
45
46.0
false	bad argument #2 to 'incr' (number expected, got nil)
false	bad argument #2 to 'incr' (number expected, got table)
false	bad argument #3 to 'incr' (number expected, got table)
false	must provide "init" when providing "init_ttl"
false	bad "init_ttl" argument
nil	not a number
integer	integer	float
`},
		{"ttl and expiry", 1 << 20, `
local d = shared.cache
d:set("k", "v", 1.5, 4)
print(d:ttl("k"))
advance(1)
print(d:get("k"))
print(d:ttl("k"))
advance(0.5)
print(d:get_stale("k"))
print(d:get("k"))
print(d:get_stale("k"))
print(d:ttl("k"))
print(d:expire("k", 10))
print(pcall(d.expire, d, "k"))
d:set("p", 1)
print(d:ttl("p"), d:expire("p", 2), d:ttl("p"))
print(d:expire("p", 0), d:ttl("p"))
d:set("q", 1, 1)
print(#d:get_keys(), #d:get_keys(0), #d:get_keys(1))
advance(1)
print(table.concat(d:get_keys(), ","))
d:flush_all()
print(#d:get_keys(), d:get_stale("p"))
print(d:flush_expired(), d:flush_expired(), d:free_space() == d:capacity())
`, `1.5
v	4
0.5
v	4	true
nil
nil
nil	not found
nil	not found
false	bad "exptime" argument
0.0	true	2.0
true	0.0
2	2	1
p
0	1	nil	true
2	0	true
`},
		{"lists", 1 << 20, `
local d = shared.cache
print(d:lpush("l", "a"), d:rpush("l", 2), d:lpush("l", 1.5), d:llen("l"))
print(d:get("l"))
print(d:lpush("l", true))
print(d:lpop("l"), d:rpop("l"), d:rpop("l"), d:rpop("l"), d:llen("l"))
d:set("v", 1)
print(d:lpush("v", 1))
print(d:lpop("v"))
print(d:llen("v"))
`, `1	2	3	3
nil	value is a list
nil	bad value type
1.5	2	a	nil	0
nil	value not a list
nil	value not a list
nil	value not a list
`},
		{"object", 1 << 20, `
print(type(shared.cache), tostring(shared.cache):match("^shdict: ") ~= nil, shared.other)
print(shared.cache.get == shared.cache.set, shared.cache.get == shared.cache.get)
print(select("#", shared.cache:flush_all()), select("#", shared.cache:get("x")), select("#", shared.cache:get_stale("x")))
`, `table	true	nil
false	true
0	1	1
`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock()
			d := shdict.NewWithOptions("cache", tc.capacity, shdict.Options{Clock: c.Now})
			var out bytes.Buffer
			s := newLuaState(t, map[string]*shdict.Dict{"cache": d}, c, &out)
			if err := s.DoString(context.Background(), strings.TrimPrefix(tc.src, "\n"), "=t"); err != nil {
				t.Fatalf("%v\noutput so far:\n%s", err, out.String())
			}
			if got := out.String(); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if err := d.CheckInvariants(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestLuaStatesShare runs two States on two goroutines over one dict:
// each sees the other's writes, and concurrent incr calls sum exactly.
func TestLuaStatesShare(t *testing.T) {
	d := shdict.New("cache", 1<<20)
	dicts := map[string]*shdict.Dict{"cache": d}
	var out1, out2 bytes.Buffer
	s1 := newLuaState(t, dicts, nil, &out1)
	s2 := newLuaState(t, dicts, nil, &out2)
	ctx := context.Background()
	if err := s1.DoString(ctx, `shared.cache:set("greeting", "hello from 1")`, "=s1"); err != nil {
		t.Fatal(err)
	}
	if err := s2.DoString(ctx, `print(shared.cache:get("greeting")) shared.cache:set("reply", 2)`, "=s2"); err != nil {
		t.Fatal(err)
	}
	if err := s1.DoString(ctx, `print(shared.cache:get("reply"))`, "=s1"); err != nil {
		t.Fatal(err)
	}
	if out2.String() != "hello from 1\n" || out1.String() != "2\n" {
		t.Errorf("s1 printed %q, s2 printed %q", out1.String(), out2.String())
	}
	const n = 5000
	var wg sync.WaitGroup
	for _, s := range []*tide.State{s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.DoString(ctx, `local d = shared.cache for i = 1, 5000 do d:incr("hits", 1, 0) end`, "=count"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if v, _, _ := d.Get("hits"); v != shdict.Int(2*n) {
		t.Errorf("hits = %v, want %d", v, 2*n)
	}
}

// TestGoSeesLua checks values cross between the Go API and Lua with
// their types.
func TestGoSeesLua(t *testing.T) {
	d := shdict.New("cache", 1<<20)
	var out bytes.Buffer
	s := newLuaState(t, map[string]*shdict.Dict{"cache": d}, nil, &out)
	d.Set("fromgo", shdict.Float(2), 0, 0)
	src := `local d = shared.cache
print(d:get("fromgo"), math.type(d:get("fromgo")))
d:set("int", 7) d:set("float", 7.0) d:set("str", "7") d:set("bool", true)`
	if err := s.DoString(context.Background(), src, "=t"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "2.0\tfloat\n" {
		t.Errorf("Lua printed %q", out.String())
	}
	want := map[string]shdict.Value{"int": shdict.Int(7), "float": shdict.Float(7), "str": shdict.String("7"), "bool": shdict.Bool(true)}
	for k, w := range want {
		if v, _, _ := d.Get(k); v != w {
			t.Errorf("%s: got %s, want %s", k, show(v), show(w))
		}
	}
}

// TestLuaOddArguments calls every method with many argument shapes: each
// call returns or raises a Lua error, never panics, and the dict's
// bookkeeping stays exact.
func TestLuaOddArguments(t *testing.T) {
	d := shdict.New("cache", 4096)
	var out bytes.Buffer
	s := newLuaState(t, map[string]*shdict.Dict{"cache": d}, nil, &out)
	src := `
local d = shared.cache
local odd = {nil, false, true, 0, -1, 1.5, -0.0, 1/0, -1/0, 0/0, math.maxinteger, math.mininteger,
  "", "k", ("x"):rep(70000), "10", "1e400", {}, print, coroutine.create(print)}
local function try(...)
  local ok, err = pcall(...)
  if not ok and tostring(err):find("panic") then print(err) end
end
local n, methods = 0, {}
for name in pairs(getmetatable(d).__index) do methods[#methods + 1] = name end
table.sort(methods)
for _, m in ipairs(methods) do
  local f = d[m]
  for i = 1, 20 do
    for j = 1, 20 do
      for k = 1, 20, 3 do
        n = n + 1
        try(f, d, odd[i], odd[j], odd[k], odd[(i + j + k) % 20 + 1])
      end
    end
    try(f, odd[i])
    try(f, d, odd[i])
  end
end
print(n > 0)`
	if err := s.DoString(context.Background(), src, "=odd"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "true\n" {
		t.Errorf("printed %q", out.String())
	}
	if err := d.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}
