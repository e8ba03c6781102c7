package ratelimit

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/shdict"
)

// Open returns, for the State s, the ratelimit module (tide serve offers
// it to require as "tide.ratelimit"), its limiters backed by dicts:
//
//	rl = ratelimit.token_bucket{dict = "limits", rate = 10, burst = 20}
//	rl = ratelimit.fixed_window{dict = "limits", limit = 100, window = 60}
//	rl = ratelimit.sliding_window{dict = "limits", limit = 100, window = 60}
//
//	ok, retry_after, remaining = rl:take(key [, n])
//	ok, retry_after, remaining = rl:peek(key)  -- take(key, 0): state only
//	rl:reset(key)
//
// Options: dict, a dict name or a dict object (ngx.shared.limits);
// prefix (default ""), prepended to every key in the dict: limiters that
// share a dict need distinct prefixes; rate, tokens per second (a
// float); burst, the bucket's size (default: rate rounded up); limit,
// units per window; window, its length in seconds (a float). A bad
// option raises an error. Constructing the same limiter twice (same
// kind, dict, prefix and numbers) returns the same object, so handlers
// may construct limiters per request.
//
// take takes n units (default 1) for key (a string or a number): ok is
// true when admitted; retry_after is the time in seconds (a float, 0
// when admitted) after which the same take would be admitted if nothing
// else takes meanwhile; remaining is how many units could still be taken
// now. A take that can never succeed (n above the burst or limit) or
// that the dict cannot store returns nil and an error message.
func Open(s *tide.State, dicts map[string]*shdict.Dict) (tide.Value, error) {
	b := &binding{dicts: dicts, ids: make(map[config]int)}
	marker, err := s.ToValue(map[string]any{})
	if err != nil {
		return tide.Value{}, err
	}
	b.errMark = marker
	fns := map[string]tide.Function{
		"take":           b.take,
		"reset":          b.reset,
		"token_bucket":   b.constructor("token_bucket"),
		"fixed_window":   b.constructor("fixed_window"),
		"sliding_window": b.constructor("sliding_window"),
	}
	fnValues := make(map[string]tide.Value, len(fns))
	for name, fn := range fns {
		fnValues[name] = s.NewFunction(name, func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			res, err := fn(s, args)
			if err != nil {
				return b.results(b.errMark, tide.String(err.Error())), nil
			}
			return res, nil
		})
	}
	fnTable, err := s.ToValue(fnValues)
	if err != nil {
		return tide.Value{}, err
	}
	chunk, err := s.Load([]byte(moduleLua), "=ratelimit")
	if err != nil {
		return tide.Value{}, err
	}
	res, err := s.Call(context.Background(), chunk, b.errMark, fnTable, tide.String("ratelimiter"))
	if err != nil {
		return tide.Value{}, err
	}
	return res[0], nil
}

// Loader returns the open function of the module for [tide.State.Preload]:
//
//	s.Preload("tide.ratelimit", ratelimit.Loader(dicts))
//
// makes require "tide.ratelimit" return [Open]'s module.
func Loader(dicts map[string]*shdict.Dict) tide.Function {
	return func(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
		mod, err := Open(s, dicts)
		if err != nil {
			return nil, err
		}
		return []tide.Value{mod}, nil
	}
}

// moduleLua builds the module from the Go functions. A limiter object is
// a table {id}; its methods pass the id, not the object, to Go (a table
// argument would cost each call a pin). Go functions report errors to
// raise by returning ERR and the message; check raises them at the level
// of the method's caller.
const moduleLua = `local ERR, F, typename = ...
local error, select, setmetatable = error, select, setmetatable
local function check(...)
  if ... == ERR then error((select(2, ...)), 2) end
  return ...
end
local take, reset = F.take, F.reset
local M = {
  take = function(self, ...) return check(take(self and self[1], ...)) end,
  peek = function(self, key) return check(take(self and self[1], key, 0)) end,
  reset = function(self, ...) return check(reset(self and self[1], ...)) end,
}
local mt = {__index = M, __name = typename}
local objects = {}
local function constructor(f)
  return function(opts)
    local id, msg = f(opts)
    if id == ERR then error(msg, 2) end
    local o = objects[id]
    if not o then
      o = setmetatable({id}, mt)
      objects[id] = o
    end
    return o
  end
end
return {
  token_bucket = constructor(F.token_bucket),
  fixed_window = constructor(F.fixed_window),
  sliding_window = constructor(F.sliding_window),
}
`

// binding is one State's module: its limiters by id, each distinct
// configuration made once.
type binding struct {
	dicts    map[string]*shdict.Dict
	limiters []Limiter
	ids      map[config]int
	errMark  tide.Value
	ret      [4]tide.Value
}

// config identifies a limiter.
type config struct {
	kind   string
	dict   *shdict.Dict
	prefix string
	rate   float64
	burst  int64
	limit  int64
	window time.Duration
}

func (b *binding) results(vs ...tide.Value) []tide.Value {
	return append(b.ret[:0], vs...)
}

// options are the fields of a constructor's table.
type options struct {
	Dict   tide.Value `lua:"dict"`
	Prefix string     `lua:"prefix"`
	Rate   float64    `lua:"rate"`
	Burst  int64      `lua:"burst"`
	Limit  int64      `lua:"limit"`
	Window float64    `lua:"window"`
}

func (b *binding) constructor(kind string) tide.Function {
	fname := "ratelimit." + kind
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		if len(args) == 0 || args[0].Type() != "table" {
			return nil, fmt.Errorf("%s: options table expected, got %s", fname, typeName(args, 0))
		}
		var o options
		if err := s.FromValue(args[0], &o); err != nil {
			msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "tide: "), "value.")
			return nil, fmt.Errorf("%s: bad option %s", fname, msg)
		}
		d, err := b.dict(s, o.Dict)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", fname, err)
		}
		c := config{kind: kind, dict: d, prefix: o.Prefix}
		switch kind {
		case "token_bucket":
			c.rate, c.burst = o.Rate, o.Burst
			if c.burst == 0 && o.Rate > 0 && o.Rate < math.MaxInt32 {
				c.burst = int64(math.Ceil(o.Rate))
			}
		default:
			if !(o.Window > 0) || o.Window > 1e9 {
				return nil, fmt.Errorf("%s: window must be a positive number of seconds", fname)
			}
			c.limit, c.window = o.Limit, time.Duration(o.Window*1e9)
		}
		if id, ok := b.ids[c]; ok {
			return b.results(tide.Int(int64(id))), nil
		}
		var l Limiter
		switch kind {
		case "token_bucket":
			l, err = NewTokenBucket(d, c.prefix, c.rate, c.burst)
		case "fixed_window":
			l, err = NewFixedWindow(d, c.prefix, c.limit, c.window)
		default:
			l, err = NewSlidingWindow(d, c.prefix, c.limit, c.window)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s", fname, strings.TrimPrefix(err.Error(), "ratelimit: "))
		}
		id := len(b.limiters)
		b.limiters = append(b.limiters, l)
		b.ids[c] = id
		return b.results(tide.Int(int64(id))), nil
	}
}

// dict resolves the dict option: a name, or a dict object of the shdict
// binding (a table {id, name}).
func (b *binding) dict(s *tide.State, v tide.Value) (*shdict.Dict, error) {
	var name string
	switch v.Type() {
	case "string":
		name, _ = s.ToString(v)
	case "table":
		var fields []any
		if err := s.FromValue(v, &fields); err == nil && len(fields) == 2 {
			name, _ = fields[1].(string)
		}
		if name == "" {
			return nil, fmt.Errorf("bad option dict (not a shared dict)")
		}
	case "nil":
		return nil, fmt.Errorf("option dict missing (a shared dict or its name)")
	default:
		return nil, fmt.Errorf("bad option dict (a shared dict or its name expected, got %s)", v.Type())
	}
	d := b.dicts[name]
	if d == nil {
		return nil, fmt.Errorf("no shared dict %q", name)
	}
	return d, nil
}

// limiter returns the limiter a method is called on, from its id.
func (b *binding) limiter(args []tide.Value, method string) (Limiter, error) {
	if len(args) > 0 && args[0].Type() == "number" {
		if id, ok := args[0].ToInt(); ok && id >= 0 && id < int64(len(b.limiters)) {
			return b.limiters[id], nil
		}
	}
	return nil, fmt.Errorf("bad self (call %s with ':' on a rate limiter)", method)
}

func typeName(args []tide.Value, i int) string {
	if i >= len(args) {
		return "no value"
	}
	return args[i].Type()
}

// key reads the key argument: a string or a number.
func key(s *tide.State, args []tide.Value, method string) (string, error) {
	if len(args) > 1 {
		switch args[1].Type() {
		case "string", "number":
			return s.ToString(args[1])
		}
	}
	return "", fmt.Errorf("bad argument #1 to '%s' (string expected, got %s)", method, typeName(args, 1))
}

func (b *binding) take(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	l, err := b.limiter(args, "take")
	if err != nil {
		return nil, err
	}
	k, err := key(s, args, "take")
	if err != nil {
		return nil, err
	}
	n := int64(1)
	if len(args) > 2 && !args[2].IsNil() {
		var ok bool
		if n, ok = args[2].ToInt(); !ok || n < 0 {
			return nil, fmt.Errorf("bad argument #2 to 'take' (non-negative integer expected, got %s)", typeName(args, 2))
		}
	}
	r, err := l.Take(k, n)
	if err != nil {
		return b.results(tide.Value{}, tide.String(err.Error())), nil
	}
	return b.results(tide.Bool(r.Allowed), tide.Float(r.RetryAfter.Seconds()), tide.Int(r.Remaining)), nil
}

func (b *binding) reset(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	l, err := b.limiter(args, "reset")
	if err != nil {
		return nil, err
	}
	k, err := key(s, args, "reset")
	if err != nil {
		return nil, err
	}
	if err := l.Reset(k); err != nil {
		return b.results(tide.Value{}, tide.String(err.Error())), nil
	}
	return b.results(tide.Bool(true)), nil
}
