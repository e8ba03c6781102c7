package shdict

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/tidelua/tide"
)

// Open returns, for the State s, the table of the dicts: shared[name] is
// an object with the methods of OpenResty's ngx.shared.DICT, called with
// ':' (shared.cache:get("k")). Call it once per State and give the same
// table to every name Lua code reaches it by (tide.shared, ngx.shared);
// the dicts themselves are shared by all the States they are opened in.
// As in OpenResty, a dict object is a table (here {id, name}) whose
// metatable holds the methods; the binding needs the base library
// (error, next, select, setmetatable) when it is opened.
//
// Methods and results (key errors such as "nil key", "empty key" and
// "key too long" come back as nil, err; bad argument types raise errors):
//
//	value, flags = d:get(key)            -- flags only when not 0; nil if absent
//	value, flags, stale = d:get_stale(key)
//	ok, err, forcible = d:set(key, value [, exptime [, flags]])
//	ok, err, forcible = d:safe_set(...)  -- "no memory" rather than evicting
//	ok, err, forcible = d:add(...)       -- "exists"
//	ok, err, forcible = d:safe_add(...)
//	ok, err, forcible = d:replace(...)   -- "not found"
//	d:delete(key)
//	newval, err, forcible = d:incr(key, value [, init [, init_ttl]])
//	length, err = d:lpush(key, value)     -- and rpush
//	value, err = d:lpop(key)              -- and rpop
//	length, err = d:llen(key)
//	ttl, err = d:ttl(key)                 -- seconds left, 0 for never
//	ok, err = d:expire(key, exptime)
//	d:flush_all()
//	count = d:flush_expired([max])
//	keys = d:get_keys([max])              -- default 1024, 0 for all
//	bytes = d:capacity()
//	bytes = d:free_space()
//
// exptime and init_ttl are seconds (floats allowed), 0 for none. Values
// are nil (set: delete), booleans, numbers (integers stay integers) and
// strings.
func Open(s *tide.State, dicts map[string]*Dict) (tide.Value, error) {
	names := make([]string, 0, len(dicts))
	for name := range dicts {
		names = append(names, name)
	}
	sort.Strings(names)
	b := &binding{}
	for _, name := range names {
		b.dicts = append(b.dicts, dicts[name])
	}
	marker, err := s.ToValue(map[string]any{})
	if err != nil {
		return tide.Value{}, err
	}
	b.errMark = marker
	fns := make(map[string]tide.Value, len(methods))
	for name, m := range methods {
		fns[name] = s.NewFunction(name, func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			d, err := b.self(args, name)
			if err == nil {
				var res []tide.Value
				if res, err = m(b, s, d, args); err == nil {
					return res, nil
				}
			}
			return b.results(b.errMark, tide.String(err.Error())), nil
		})
	}
	fnTable, err := s.ToValue(fns)
	if err != nil {
		return tide.Value{}, err
	}
	ctx := context.Background()
	maker, err := s.Load([]byte(objectsLua), "=shdict")
	if err != nil {
		return tide.Value{}, err
	}
	res, err := s.Call(ctx, maker, b.errMark, fnTable, tide.String("shdict"))
	if err != nil {
		return tide.Value{}, err
	}
	newObject := res[0]
	objs := make(map[string]tide.Value, len(dicts))
	for id, name := range names {
		obj, err := s.Call(ctx, newObject, tide.Int(int64(id)), tide.String(name))
		if err != nil {
			return tide.Value{}, err
		}
		objs[name] = obj[0]
	}
	return s.ToValue(objs)
}

// objectsLua makes the Lua objects of a binding. Each object is a table
// {id, name} whose metatable's methods call the Go functions with the id
// rather than the object itself: a table argument would cost the Go call
// a pin (an allocation and a weak pointer, about 2 µs), an integer costs
// nothing. A Go function reports an error by returning the marker ERR
// and the message, which check raises at the level of the method's
// caller (as luaL_error names the caller's line).
const objectsLua = `local ERR, F, typename = ...
local error, next, select, setmetatable = error, next, select, setmetatable
local function check(...)
  if ... == ERR then error((select(2, ...)), 2) end
  return ...
end
local M = {}
for name, f in next, F do
  M[name] = function(self, ...) return check(f(self and self[1], ...)) end
end
local mt = {__index = M, __name = typename}
return function(id, name) return setmetatable({id, name}, mt) end
`

// binding is one State's view of the dicts: the dicts by id, the error
// marker, and a buffer for the results of its methods (a State runs one
// method at a time, and the results are copied out before the next call).
type binding struct {
	dicts   []*Dict
	errMark tide.Value
	ret     [4]tide.Value
}

func (b *binding) results(vs ...tide.Value) []tide.Value {
	return append(b.ret[:0], vs...)
}

// self returns the dict a method is called on, from its id.
func (b *binding) self(args []tide.Value, name string) (*Dict, error) {
	if len(args) > 0 && args[0].Type() == "number" {
		if id, ok := args[0].ToInt(); ok && id >= 0 && id < int64(len(b.dicts)) {
			return b.dicts[id], nil
		}
	}
	return nil, fmt.Errorf("bad \"zone\" argument (call %s with ':')", name)
}

type method func(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error)

var methods = map[string]method{
	"get":           luaGet,
	"get_stale":     luaGetStale,
	"set":           storeMethod("set", opSet, true),
	"safe_set":      storeMethod("safe_set", opSet, false),
	"add":           storeMethod("add", opAdd, true),
	"safe_add":      storeMethod("safe_add", opAdd, false),
	"replace":       storeMethod("replace", opReplace, true),
	"delete":        luaDelete,
	"incr":          luaIncr,
	"lpush":         pushMethod("lpush", true),
	"rpush":         pushMethod("rpush", false),
	"lpop":          popMethod("lpop", true),
	"rpop":          popMethod("rpop", false),
	"llen":          luaLLen,
	"ttl":           luaTTL,
	"expire":        luaExpire,
	"flush_all":     luaFlushAll,
	"flush_expired": luaFlushExpired,
	"get_keys":      luaGetKeys,
	"capacity":      luaCapacity,
	"free_space":    luaFreeSpace,
}

var (
	luaNil  = tide.Value{}
	luaTrue = tide.Bool(true)
)

// arg returns args[i] (nil past the end).
func arg(args []tide.Value, i int) tide.Value {
	if i < len(args) {
		return args[i]
	}
	return luaNil
}

// typeName names args[i]'s type for an error message.
func typeName(args []tide.Value, i int) string {
	if i >= len(args) {
		return "no value"
	}
	return args[i].Type()
}

// argError is luaL_argerror's message; the arguments are counted as in
// a method call (the key is #1).
func argError(args []tide.Value, i int, fname, expected string) error {
	return fmt.Errorf("bad argument #%d to '%s' (%s expected, got %s)", i, fname, expected, typeName(args, i))
}

// key reads the key argument (args[1]): nil gives the "nil key" result,
// numbers are converted as tostring does, other types raise an error.
func key(s *tide.State, args []tide.Value, fname string) (k string, nilKey bool, err error) {
	v := arg(args, 1)
	switch v.Type() {
	case "nil":
		return "", true, nil
	case "string", "number":
		k, err = s.ToString(v)
		return k, false, err
	}
	return "", false, argError(args, 1, fname, "string")
}

var nilKeyResult = []tide.Value{luaNil, tide.String("nil key")}

// fromLua converts a Lua value to a Value; ok is false for types a dict
// cannot hold.
func fromLua(s *tide.State, v tide.Value) (Value, bool) {
	switch v.Type() {
	case "nil":
		return Nil, true
	case "boolean":
		return Bool(v.Truthy()), true
	case "number":
		return number(v), true
	case "string":
		str, err := s.ToString(v)
		return String(str), err == nil
	}
	return Nil, false
}

// number returns the Lua number v, keeping its subtype. tide.Value has no
// subtype query; an integer is the only Value equal to tide.Int of its
// own integer value.
func number(v tide.Value) Value {
	if i, ok := v.ToInt(); ok && v == tide.Int(i) {
		return Int(i)
	}
	f, _ := v.ToFloat()
	return Float(f)
}

// numberArg reads a number argument as luaL_checknumber does (numeric
// strings convert); ok is false for other values.
func numberArg(s *tide.State, v tide.Value) (Value, bool) {
	switch v.Type() {
	case "number":
		return number(v), true
	case "string":
		str, err := s.ToString(v)
		if err != nil {
			return Nil, false
		}
		if i, ok := v.ToInt(); ok && !strings.ContainsAny(str, ".eEnNpP") {
			return Int(i), true
		}
		if f, ok := v.ToFloat(); ok {
			return Float(f), true
		}
	}
	return Nil, false
}

// toLua converts a Value for Lua.
func toLua(v Value) tide.Value {
	switch v.kind {
	case KindBool:
		return tide.Bool(v.n != 0)
	case KindInt:
		return tide.Int(int64(v.n))
	case KindFloat:
		return tide.Float(math.Float64frombits(v.n))
	case KindString:
		return tide.String(v.s)
	}
	return luaNil
}

// seconds converts a time in seconds to a Duration (saturating).
func seconds(f float64) time.Duration {
	if f*1e9 >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(f * 1e9)
}

// exptimeArg reads an optional expiry argument; what names it in the
// error ("exptime", "init_ttl").
func exptimeArg(args []tide.Value, i int, fname, what string) (time.Duration, error) {
	v := arg(args, i)
	if v.IsNil() {
		return 0, nil
	}
	f, ok := v.ToFloat()
	if !ok {
		return 0, argError(args, i, fname, "number")
	}
	if !(f >= 0) {
		return 0, fmt.Errorf("bad %q argument", what)
	}
	return seconds(f), nil
}

// intArg reads an optional integer argument as luaL_optinteger does.
func intArg(args []tide.Value, i int, fname string, def int64) (int64, error) {
	v := arg(args, i)
	if v.IsNil() {
		return def, nil
	}
	n, ok := v.ToInt()
	if !ok {
		if _, isNum := v.ToFloat(); isNum {
			return 0, fmt.Errorf("bad argument #%d to '%s' (number has no integer representation)", i, fname)
		}
		return 0, argError(args, i, fname, "number")
	}
	return n, nil
}

func errResult(b *binding, err error) []tide.Value {
	return b.results(luaNil, tide.String(err.Error()))
}

func luaGet(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	k, nilKey, err := key(s, args, "get")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	v, flags, err := d.Get(k)
	switch {
	case err != nil:
		return errResult(b, err), nil
	case flags != 0:
		return b.results(toLua(v), tide.Int(flags)), nil
	}
	return b.results(toLua(v)), nil
}

func luaGetStale(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	k, nilKey, err := key(s, args, "get_stale")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	v, flags, stale, err := d.GetStale(k)
	switch {
	case err != nil:
		return errResult(b, err), nil
	case v.IsNil():
		return b.results(luaNil), nil
	}
	fl := luaNil
	if flags != 0 {
		fl = tide.Int(flags)
	}
	return b.results(toLua(v), fl, tide.Bool(stale)), nil
}

func storeMethod(fname string, mode int, evict bool) method {
	return func(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
		k, nilKey, err := key(s, args, fname)
		if err != nil || nilKey {
			return nilKeyResult, err
		}
		v, ok := fromLua(s, arg(args, 2))
		if !ok {
			return b.results(luaNil, tide.String(ErrBadValue.Error())), nil
		}
		ttl, err := exptimeArg(args, 3, fname, "exptime")
		if err != nil {
			return nil, err
		}
		flags, err := intArg(args, 4, fname, 0)
		if err != nil {
			return nil, err
		}
		forcible, err := d.store(mode, evict, k, v, ttl, flags)
		switch err {
		case nil:
			return b.results(luaTrue, luaNil, tide.Bool(forcible)), nil
		case ErrEmptyKey, ErrKeyTooLong:
			return errResult(b, err), nil
		}
		return b.results(tide.Bool(false), tide.String(err.Error()), tide.Bool(forcible)), nil
	}
}

func luaDelete(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	k, nilKey, err := key(s, args, "delete")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	if err := d.Delete(k); err != nil {
		return errResult(b, err), nil
	}
	return b.results(luaTrue), nil
}

func luaIncr(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	k, nilKey, err := key(s, args, "incr")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	delta, ok := numberArg(s, arg(args, 2))
	if !ok {
		return nil, argError(args, 2, "incr", "number")
	}
	init := Nil
	if a := arg(args, 3); !a.IsNil() {
		if init, ok = numberArg(s, a); !ok {
			return nil, argError(args, 3, "incr", "number")
		}
	}
	ttl, err := exptimeArg(args, 4, "incr", "init_ttl")
	if err != nil {
		return nil, err
	}
	if !arg(args, 4).IsNil() && init.IsNil() {
		return nil, fmt.Errorf("must provide \"init\" when providing \"init_ttl\"")
	}
	v, forcible, err := d.Incr(k, delta, init, ttl)
	switch {
	case err != nil:
		return errResult(b, err), nil
	case init.IsNil():
		return b.results(toLua(v)), nil
	}
	return b.results(toLua(v), luaNil, tide.Bool(forcible)), nil
}

func pushMethod(fname string, front bool) method {
	return func(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
		k, nilKey, err := key(s, args, fname)
		if err != nil || nilKey {
			return nilKeyResult, err
		}
		v, ok := fromLua(s, arg(args, 2))
		if !ok || !v.IsNumber() && v.kind != KindString {
			return b.results(luaNil, tide.String(ErrBadValue.Error())), nil
		}
		n, err := d.push(k, v, front)
		if err != nil {
			return errResult(b, err), nil
		}
		return b.results(tide.Int(int64(n))), nil
	}
}

func popMethod(fname string, front bool) method {
	return func(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
		k, nilKey, err := key(s, args, fname)
		if err != nil || nilKey {
			return nilKeyResult, err
		}
		v, err := d.pop(k, front)
		if err != nil {
			return errResult(b, err), nil
		}
		return b.results(toLua(v)), nil
	}
}

func luaLLen(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	k, nilKey, err := key(s, args, "llen")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	n, err := d.LLen(k)
	if err != nil {
		return errResult(b, err), nil
	}
	return b.results(tide.Int(int64(n))), nil
}

func luaTTL(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	k, nilKey, err := key(s, args, "ttl")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	ttl, err := d.TTL(k)
	if err != nil {
		return errResult(b, err), nil
	}
	return b.results(tide.Float(ttl.Seconds())), nil
}

func luaExpire(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	if arg(args, 2).IsNil() {
		return nil, fmt.Errorf("bad \"exptime\" argument")
	}
	ttl, err := exptimeArg(args, 2, "expire", "exptime")
	if err != nil {
		return nil, err
	}
	k, nilKey, err := key(s, args, "expire")
	if err != nil || nilKey {
		return nilKeyResult, err
	}
	if err := d.Expire(k, ttl); err != nil {
		return errResult(b, err), nil
	}
	return b.results(luaTrue), nil
}

func luaFlushAll(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	d.FlushAll()
	return nil, nil
}

func luaFlushExpired(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	max, err := intArg(args, 1, "flush_expired", 0)
	if err != nil {
		return nil, err
	}
	return b.results(tide.Int(int64(d.FlushExpired(clampInt(max))))), nil
}

func luaGetKeys(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	max, err := intArg(args, 1, "get_keys", 1024)
	if err != nil {
		return nil, err
	}
	keys := d.Keys(clampInt(max))
	if keys == nil {
		keys = []string{}
	}
	t, err := s.ToValue(keys)
	if err != nil {
		return nil, err
	}
	return b.results(t), nil
}

// clampInt converts a count to int; negative counts mean no limit, as 0.
func clampInt(n int64) int {
	if n < 0 {
		return 0
	}
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(n)
}

func luaCapacity(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	return b.results(tide.Int(d.Capacity())), nil
}

func luaFreeSpace(b *binding, s *tide.State, d *Dict, args []tide.Value) ([]tide.Value, error) {
	return b.results(tide.Int(d.FreeSpace())), nil
}
