// Package compat51 adds the Lua 5.1 functions that LuaJIT (and so
// OpenResty code) relies on to a Lua 5.4 State, for tide's luajit
// language mode: the globals unpack, loadstring, getfenv, setfenv,
// module, newproxy and gcinfo, 5.1's coroutine.running (nil in the main
// coroutine), table.getn, table.maxn, table.foreach and
// table.foreachi, package.seeall and package.loaders, and the modules
// "table.new" and "table.clear" for require; and the string, table and
// math functions convert float arguments as LuaJIT's do: truncated where
// they want integers, "%.14g" text where they want strings (intargs.go). The math functions of 5.1
// (math.pow, math.log10, math.ldexp, math.frexp, ...) are already in the
// math library; bit is package bitlib.
//
// Environments (§2.9 of the 5.1 manual) do not exist in 5.4: a
// function's globals are its _ENV upvalue. getfenv and setfenv work on
// that upvalue, which is what 5.1 code observes, with these limits:
//   - setfenv gives the function a fresh _ENV upvalue holding the table,
//     so only that function (and the closures it creates afterwards) see
//     the new environment, as in 5.1.
//   - A Lua function that reads no global has no _ENV upvalue: getfenv
//     returns the global table for it and setfenv changes nothing (the
//     function cannot observe its environment anyway).
//   - Go functions have the global table as their environment, and
//     setfenv refuses them, as 5.1 refuses C functions.
//   - Level 0 (the thread's environment) reads as the global table;
//     setfenv(0, t) is supported only for t being the global table
//     already: tide has no per-thread globals.
//
// The package must not import the root package or other libraries'
// packages beyond loadlib and check.
package compat51

import (
	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Open adds the 5.1 functions to st's globals and libraries. It takes
// the functions it builds on (load, table.unpack) from the globals as they
// are when it runs, so it must run after the standard libraries are
// opened (and after a sandbox trimmed them: loadstring is then the
// sandbox's text-only load). Libraries that are not open get nothing:
// without a table library there is no unpack nor table.getn.
func Open(st *vm.State) {
	g := st.Globals()
	wrapLibArgs(g)
	reg := func(name string, fn vm.Fn) { g.SetStr(name, vm.NewGoFunction(name, fn)) }
	if load := g.GetStr("load"); !load.IsNil() {
		g.SetStr("loadstring", vm.NewGoClosure("loadstring", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return loadstring(l, load, args)
		}, load))
	}
	if cg := g.GetStr("collectgarbage"); !cg.IsNil() {
		g.SetStr("gcinfo", vm.NewGoClosure("gcinfo", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return gcinfo(l, cg)
		}, cg))
	}
	if co := g.GetStr("coroutine").ToTable(); co != nil && !co.GetStr("running").IsNil() {
		co.SetStr("running", vm.NewGoFunction("coroutine.running", coroutineRunning))
	}
	reg("getfenv", getfenv)
	reg("setfenv", setfenv)
	reg("newproxy", newproxy)
	if t := g.GetStr("table").ToTable(); t != nil {
		if unpack := t.GetStr("unpack"); !unpack.IsNil() {
			g.SetStr("unpack", unpack)
		}
		treg := vm.Registrar(t, "table")
		treg("getn", getn)
		treg("maxn", maxn)
		treg("foreach", foreach)
		treg("foreachi", foreachi)
	}
	pkg := g.GetStr("package").ToTable()
	if pkg != nil {
		if s := pkg.GetStr("searchers"); !s.IsNil() {
			pkg.SetStr("loaders", s)
		}
		pkg.SetStr("seeall", vm.NewGoFunction("package.seeall", seeall))
	}
	if !g.GetStr("require").IsNil() {
		reg("module", module)
		loadlib.Preload(st, "table.new", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return l.Ret1(vm.NewGoFunction("table.new", tableNew)), nil
		})
		loadlib.Preload(st, "table.clear", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return l.Ret1(vm.NewGoFunction("table.clear", tableClear)), nil
		})
	}
}

// loadstring is 5.1's loadstring(s [, chunkname]): load for strings.
func loadstring(l *vm.Thread, load value.Value, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	if len(args) >= 2 && !args[1].IsNil() {
		name, err := check.String(args, 2)
		if err != nil {
			return nil, err
		}
		return l.TailCall(load, value.String(s), value.String(name))
	}
	return l.TailCall(load, value.String(s))
}

// gcinfo is 5.1's gcinfo(): the memory in use, in whole KiB.
func gcinfo(l *vm.Thread, collectgarbage value.Value) ([]value.Value, error) {
	r, err := l.Call1(collectgarbage, value.String("count"))
	if err != nil {
		return nil, err
	}
	f, _ := value.ToFloat(r)
	return l.Ret1(value.Int(int64(f))), nil
}

// coroutineRunning is 5.1's coroutine.running(): the running coroutine,
// or nil in the main one (5.4 returns the thread and whether it is the
// main one).
func coroutineRunning(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if l.IsMain() {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret1(vm.ThreadValue(l)), nil
}

// newproxy is 5.1's undocumented newproxy([bool|proxy]): a userdata, with
// an empty metatable of its own for true, sharing the metatable of
// another proxy when given one.
func newproxy(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	u := &vm.Userdata{}
	if len(args) >= 1 {
		a := args[0]
		switch {
		case a.Type() == value.TypeBoolean:
			if a.AsBool() {
				u.Meta = value.NewTable(0, 0)
			}
		case vm.AsUserdata(a) != nil:
			u.Meta = vm.AsUserdata(a).Meta
			if u.Meta == nil {
				return nil, vm.ArgError(1, "boolean or proxy expected")
			}
		default:
			return nil, vm.ArgError(1, "boolean or proxy expected")
		}
	}
	return l.Ret1(vm.UserdataValue(u)), nil
}

// getn is table.getn(t): the raw length (lua_objlen).
func getn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Int(t.Len())), nil
}

// maxn is table.maxn(t): the largest positive numeric key, 0 if none.
func maxn(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	best := value.Int(0)
	bestF := 0.0
	n := int64(0)
	for k := range t.All() {
		n++
		if f, ok := value.ToFloat(k); ok && k.IsNumber() && f > bestF {
			best, bestF = k, f
		}
	}
	if err := l.Charge(n); err != nil {
		return nil, err
	}
	return l.Ret1(best), nil
}

// foreach is table.foreach(t, f): f(k, v) for every pair until f
// returns a non-nil value, which foreach returns.
func foreach(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	if len(args) < 2 || !args[1].IsFunction() {
		return nil, vm.TypeError(args, 2, "function")
	}
	f := args[1]
	k := value.Nil
	for {
		nk, nv, ok := t.Next(k)
		if !ok {
			return nil, vm.ArgError(1, "invalid key to 'next'")
		}
		if nk.IsNil() {
			return nil, nil
		}
		r, err := l.Call1(f, nk, nv)
		if err != nil {
			return nil, err
		}
		if !r.IsNil() {
			return l.Ret1(r), nil
		}
		k = nk
	}
}

// foreachi is table.foreachi(t, f): f(i, t[i]) for i = 1, #t until f
// returns a non-nil value, which foreachi returns.
func foreachi(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	if len(args) < 2 || !args[1].IsFunction() {
		return nil, vm.TypeError(args, 2, "function")
	}
	f := args[1]
	for i := int64(1); i <= t.Len(); i++ {
		r, err := l.Call1(f, value.Int(i), t.GetInt(i))
		if err != nil {
			return nil, err
		}
		if !r.IsNil() {
			return l.Ret1(r), nil
		}
	}
	return nil, nil
}

// tableNew is LuaJIT's table.new(narray, nhash): an empty table with
// room for narray array items and nhash others.
func tableNew(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	na, err := check.Int(args, 1)
	if err != nil {
		return nil, err
	}
	nh, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	// Bound the preallocation: a hint, not a promise; the table grows past
	// it as any other.
	na = min(max(na, 0), 1<<20)
	nh = min(max(nh, 0), 1<<20)
	if err := l.State().CheckAlloc((na + nh) * 32); err != nil {
		return nil, err
	}
	return l.Ret1(value.TableValue(value.NewTable(int(na), int(nh)))), nil
}

// tableClear is LuaJIT's table.clear(t): removes every key, keeping the
// table's identity (and metatable).
func tableClear(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	var keys []value.Value
	for k := range t.All() {
		keys = append(keys, k)
	}
	for _, k := range keys {
		t.Set(k, value.Nil)
	}
	return nil, l.Charge(int64(len(keys)))
}
