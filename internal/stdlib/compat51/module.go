package compat51

import (
	"fmt"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// module is 5.1's module(name [, ...]) (loadlib.c ll_module): it finds or
// creates the module table (package.loaded[name], else the global of
// that dotted name, created as needed), fills in _NAME, _M and _PACKAGE
// the first time, makes it the environment of the calling function, and
// calls each further argument (package.seeall, ...) with it.
func module(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	st := l.State()
	loaded := loadlib.Loaded(st)
	mod := loaded.GetStr(name).ToTable()
	if mod == nil {
		mod, err = findTable(st.Globals(), name)
		if err != nil {
			return nil, err
		}
		loaded.SetStr(name, value.TableValue(mod))
	}
	if mod.GetStr("_NAME").IsNil() {
		mod.SetStr("_M", value.TableValue(mod))
		mod.SetStr("_NAME", value.String(name))
		pkg := ""
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			pkg = name[:i+1]
		}
		mod.SetStr("_PACKAGE", value.String(pkg))
	}
	// setfenv(level 1): the function calling module.
	fr, ok := l.Level(1)
	var caller value.Value
	if ok {
		d, _ := l.FrameInfo(fr, "f")
		caller = d.Func
	}
	if vm.AsClosure(caller) == nil {
		return nil, fmt.Errorf("'module' not called from a Lua function")
	}
	if i := envIndex(caller); i >= 0 {
		vm.AsClosure(caller).Upvals[i] = vm.NewUpvalue(value.TableValue(mod))
	}
	for _, opt := range args[1:] {
		if _, err := l.Call(opt, value.TableValue(mod)); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// findTable walks the dotted name from t, creating missing tables
// (luaL_findtable); a non-table value on the way is a name conflict.
func findTable(t *value.Table, name string) (*value.Table, error) {
	rest := name
	for {
		part, after, more := strings.Cut(rest, ".")
		v := t.GetStr(part)
		switch {
		case v.IsNil():
			nt := value.NewTable(0, 4)
			t.SetStr(part, value.TableValue(nt))
			t = nt
		case v.IsTable():
			t = v.AsTable()
		default:
			return nil, fmt.Errorf("name conflict for module '%s'", name)
		}
		if !more {
			return t, nil
		}
		rest = after
	}
}

// seeall is 5.1's package.seeall(module): the module's metatable gets
// __index = the global table, so the module's code sees the globals.
func seeall(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t, err := check.Table(args, 1)
	if err != nil {
		return nil, err
	}
	if t.Meta == nil {
		t.Meta = value.NewTable(0, 1)
	}
	t.Meta.SetStr("__index", value.TableValue(l.State().Globals()))
	return nil, nil
}
