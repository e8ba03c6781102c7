// Package base is Lua's basic library (§6.1): print, type, pairs, pcall, ...
//
// pcall, xpcall, error, load, loadfile and dofile live in protected.go and
// load.go (they need the vm's unwinding and compiler); this file registers
// them with the rest.
package base

import (
	"io"
	"os"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Open registers the base library in st's globals.
func Open(st *vm.State) {
	g := st.Globals()
	reg := func(name string, fn vm.Fn) {
		g.SetStr(name, vm.NewGoFunction(name, fn))
	}
	reg("print", basePrint)
	reg("type", baseType)
	reg("tostring", baseToString)
	reg("tonumber", baseToNumber)
	reg("ipairs", baseIpairs)
	reg("pairs", basePairs)
	g.SetStr("next", nextFn)
	reg("select", baseSelect)
	reg("rawget", baseRawGet)
	reg("rawset", baseRawSet)
	reg("rawequal", baseRawEqual)
	reg("rawlen", baseRawLen)
	reg("setmetatable", baseSetMetatable)
	reg("getmetatable", baseGetMetatable)
	reg("assert", baseAssert)
	reg("collectgarbage", newGC().collectgarbage)
	w := newWarner()
	reg("warn", w.warn)
	st.SetWarnFunc(func(msg string) { w.emit(st, msg) })
	reg("pcall", basePCall)
	reg("xpcall", baseXPCall)
	reg("error", baseError)
	reg("load", baseLoad)
	reg("loadfile", baseLoadfile)
	reg("dofile", baseDofile)
	g.SetStr("_G", value.TableValue(g))
	g.SetStr("_VERSION", value.String("Lua 5.4"))
}

// raiseValue is an error carrying msg as the Lua error value as it is,
// without a position prefix (what the reference's luaG_runerror gives when
// raised inside a C function).
func raiseValue(msg string) error { return &vm.LuaError{Value: value.String(msg)} }

// errString is a plain error: the vm prefixes it with the caller's
// position, like luaL_error.
type errString string

func (e errString) Error() string { return string(e) }

func stdout(st *vm.State) io.Writer {
	if w := st.Options().Stdout; w != nil {
		return w
	}
	return os.Stdout
}

func stderr(st *vm.State) io.Writer {
	if w := st.Options().Stderr; w != nil {
		return w
	}
	return os.Stderr
}

func basePrint(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	var b []byte
	for i := range args {
		if i > 0 {
			b = append(b, '\t')
		}
		s, err := l.ToString(args[i])
		if err != nil {
			return nil, err
		}
		b = append(b, s...)
	}
	b = append(b, '\n')
	_, err := stdout(l.State()).Write(b)
	return nil, err
}

func baseType(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	return l.Ret1(value.String(args[0].TypeName())), nil
}

func baseToString(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	s, err := l.ToString(args[0])
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.String(s)), nil
}

func baseToNumber(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if check.IsNoneOrNil(args, 2) {
		if err := check.Any(args, 1); err != nil {
			return nil, err
		}
		v := args[0]
		if v.IsNumber() {
			return l.Ret1(v), nil
		}
		if v.IsString() {
			if n, ok := value.StringToNumber(v.AsString()); ok {
				return l.Ret1(n), nil
			}
		}
		return l.Ret1(value.Nil), nil
	}
	base, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	if !args[0].IsString() {
		return nil, vm.TypeError(args, 1, "string")
	}
	if base < 2 || base > 36 {
		return nil, vm.ArgError(2, "base out of range")
	}
	if n, ok := strToInt(args[0].AsString(), base); ok {
		return l.Ret1(value.Int(n)), nil
	}
	return l.Ret1(value.Nil), nil
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool { return c == ' ' || ('\t' <= c && c <= '\r') }

func isAlnum(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c|0x20 && c|0x20 <= 'z')
}

// strToInt converts s, an integer numeral in the given base with optional
// sign and surrounding spaces, wrapping around on overflow (l_str2int).
func strToInt(s string, base int64) (int64, bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	if i >= len(s) || !isAlnum(s[i]) {
		return 0, false
	}
	var n uint64
	for ; i < len(s) && isAlnum(s[i]); i++ {
		c := s[i]
		var d int64
		if '0' <= c && c <= '9' {
			d = int64(c - '0')
		} else {
			d = int64(c|0x20-'a') + 10
		}
		if d >= base {
			return 0, false
		}
		n = n*uint64(base) + uint64(d)
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i != len(s) {
		return 0, false
	}
	if neg {
		n = -n
	}
	return int64(n), true
}

// ipairsIter is the iterator ipairs returns (ipairsaux): t[i+1] through
// __index.
func ipairsIter(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	i, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	i++
	t := check.Arg(args, 1)
	var v value.Value
	if tb := t.ToTable(); tb != nil && tb.Meta == nil {
		v = tb.GetInt(i)
	} else if v, err = l.Index(t, value.Int(i)); err != nil {
		return nil, err
	}
	if v.IsNil() {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret(value.Int(i), v), nil
}

var ipairsIterFn = vm.NewGoFunction("ipairs_iterator", ipairsIter)

func baseIpairs(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	return l.Ret(ipairsIterFn, args[0], value.Int(0)), nil
}

var nextFn = vm.NewGoFunction("next", baseNext)

func basePairs(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	t := args[0]
	if mt := l.Metatable(t); mt != nil {
		if h := mt.GetStr("__pairs"); !h.IsNil() {
			if l.IsYieldable() {
				// __pairs may yield, as with the reference's lua_callk;
				// its results are then not cut or padded to three.
				return l.TailCall(h, t)
			}
			r, err := l.Call(h, t)
			if err != nil {
				return nil, err
			}
			res := l.RetN(3)
			for i := range res {
				res[i] = value.Nil
				if i < len(r) {
					res[i] = r[i]
				}
			}
			return res, nil
		}
	}
	return l.Ret(nextFn, t, value.Nil), nil
}

func baseNext(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	k, v, ok := t.Next(check.Arg(args, 2))
	if !ok {
		return nil, raiseValue("invalid key to 'next'")
	}
	if k.IsNil() {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret(k, v), nil
}

func baseSelect(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	n := int64(len(args))
	if len(args) > 0 && args[0].IsString() && strings.HasPrefix(args[0].AsString(), "#") {
		return l.Ret1(value.Int(n - 1)), nil
	}
	i, err := check.Int(args, 1)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		i = n + i
	} else if i > n {
		i = n
	}
	if i < 1 {
		return nil, vm.ArgError(1, "index out of range")
	}
	return args[i:], nil
}

func baseRawGet(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	if err := check.Any(args, 2); err != nil {
		return nil, err
	}
	return l.Ret1(t.Get(args[1])), nil
}

func baseRawSet(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	if err := check.Any(args, 2); err != nil {
		return nil, err
	}
	if err := check.Any(args, 3); err != nil {
		return nil, err
	}
	k := args[1]
	switch {
	case k.IsNil():
		return nil, raiseValue("table index is nil")
	case k.IsFloat() && k.AsFloat() != k.AsFloat():
		return nil, raiseValue("table index is NaN")
	}
	t.Set(k, args[2])
	return l.Ret1(args[0]), nil
}

func baseRawEqual(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	if err := check.Any(args, 2); err != nil {
		return nil, err
	}
	return l.Ret1(value.Bool(value.RawEqual(args[0], args[1]))), nil
}

func baseRawLen(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	v := check.Arg(args, 1)
	switch {
	case v.IsTable():
		return l.Ret1(value.Int(v.AsTable().Len())), nil
	case v.IsString():
		return l.Ret1(value.Int(int64(v.StrLen()))), nil
	}
	return nil, vm.TypeError(args, 1, "table or string")
}

func baseSetMetatable(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	mv := check.Arg(args, 2)
	if len(args) < 2 || !(mv.IsNil() || mv.IsTable()) {
		return nil, vm.TypeError(args, 2, "nil or table")
	}
	if t.Meta != nil && !t.Meta.GetStr("__metatable").IsNil() {
		return nil, errString("cannot change a protected metatable")
	}
	l.SetMetatable(args[0], mv.ToTable())
	return l.Ret1(args[0]), nil
}

func baseGetMetatable(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	mt := l.Metatable(args[0])
	if mt == nil {
		return l.Ret1(value.Nil), nil
	}
	if p := mt.GetStr("__metatable"); !p.IsNil() {
		return l.Ret1(p), nil
	}
	return l.Ret1(value.TableValue(mt)), nil
}

func baseAssert(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) > 0 && args[0].Truthy() {
		return args, nil
	}
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	msg := value.String("assertion failed!")
	if len(args) > 1 {
		msg = args[1]
	}
	if msg.IsString() {
		// error(msg, 1): the position of the caller is prepended.
		return nil, errString(msg.AsString())
	}
	return nil, &vm.LuaError{Value: msg}
}
