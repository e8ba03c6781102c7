package compat51

import (
	"errors"
	"math"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// LuaJIT converts a number argument that a library function wants as an
// integer by truncating it toward zero (lj_lib_checkint), where Lua 5.4
// raises "number has no integer representation": s:sub(1, #s / 2) and
// string.format("%d", ngx.now() * 1000) work there. And a float argument
// that a function wants as a string is LuaJIT's "%.14g" text, so
// string.len(10/2) is 1, not 3 ("5.0").
//
// argSpecs lists the library functions that take integer arguments and
// check them before any effect, with the positions (1-based) of their
// string parameters; the luajit mode wraps them so that a float string
// argument is converted LuaJIT's way, and an integer argument without an
// integer value is truncated and the call made again.
var argSpecs = map[string]map[string][]int{
	"_G": {"select": nil},
	"string": {
		"byte": {1}, "char": nil, "find": {1, 2}, "format": {1}, "gmatch": {1, 2},
		"gsub": {1, 2, 3}, "len": {1}, "lower": {1}, "match": {1, 2}, "rep": {1, 3},
		"reverse": {1}, "sub": {1}, "upper": {1},
	},
	"table": {"concat": {2}, "insert": nil, "remove": nil, "unpack": nil, "move": nil},
	"math":  {"random": nil},
}

// wrapLibArgs wraps the functions of argSpecs present in g.
func wrapLibArgs(g *value.Table) {
	for lib, fns := range argSpecs {
		t := g
		if lib != "_G" {
			t = g.GetStr(lib).ToTable()
		}
		if t == nil {
			continue
		}
		for name, strs := range fns {
			if gf := vm.AsGoFunction(t.GetStr(name)); gf != nil {
				w := &vm.GoFunction{Name: gf.Name, Fn: luajitArgs(gf.Fn, strs), Refs: gf.Refs}
				t.SetStr(name, vm.GoFunctionValue(w))
			}
		}
	}
}

const noIntRep = "number has no integer representation"

// luajitArgs returns fn with LuaJIT's conversions of arguments: floats at
// the string positions strs become LuaJIT's text for them, and when fn
// rejects argument n for having no integer representation, the argument
// is truncated toward zero and fn called again.
func luajitArgs(fn vm.Fn, strs []int) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		for _, n := range strs {
			if n <= len(args) && args[n-1].IsFloat() {
				args[n-1] = value.String(value.NumberToStringLuaJIT(args[n-1]))
			}
		}
		for {
			r, err := fn(l, args)
			var ae *vm.ArgErr
			if err == nil || !errors.As(err, &ae) || ae.Msg != noIntRep || ae.N < 1 || ae.N > len(args) || args[ae.N-1].IsInt() {
				return r, err
			}
			f, ok := value.ToFloat(args[ae.N-1])
			if !ok {
				return r, err
			}
			i, ok := value.FloatToInt(math.Trunc(f))
			if !ok {
				return r, err
			}
			args[ae.N-1] = value.Int(i)
		}
	}
}
