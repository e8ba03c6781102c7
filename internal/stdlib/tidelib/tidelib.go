// Package tidelib is the tide module: tide's own functions for Lua code,
// offered to require("tide") (it is not a global). This package opens it
// with the diagnostics (memreport, coroutines); other packages add their
// fields to the same table with [Module] or [Register] (the server adds
// its own).
//
// It builds the memory report out of the vm's census (vm.State.Census)
// and the Go runtime's figures (runtime/metrics, the process's RSS), and
// formats the report and the coroutine inventory as text: the root
// package and the tide command print the same text.
//
// It imports the vm, value, check and loadlib packages; nothing above them.
package tidelib

import (
	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// registryKey is where the module table lives in the registry.
const registryKey = "tide.module"

// Open makes the tide module available to require("tide").
func Open(st *vm.State) {
	t := Module(st)
	loadlib.Preload(st, "tide", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.TableValue(t)), nil
	})
	r := vm.Registrar(t, "tide")
	r("memreport", memreport)
	r("coroutines", coroutines)
}

// Module returns st's tide module table, creating it on first use. Other
// packages add their functions and values to it.
func Module(st *vm.State) *value.Table {
	reg := st.Registry()
	if t := reg.GetStr(registryKey).ToTable(); t != nil {
		return t
	}
	t := value.NewTable(0, 8)
	reg.SetStr(registryKey, value.TableValue(t))
	return t
}

// Register adds the Go function fn to st's tide module as name; it is
// named "tide.<name>" in messages.
func Register(st *vm.State, name string, fn vm.Fn) {
	vm.Registrar(Module(st), "tide")(name, fn)
}

// defaultTop is how many of the largest tables a report lists.
const defaultTop = 10

// memreport is tide.memreport([n]): the memory report as a table of
// figures whose tostring is the text report; n is how many of the
// largest tables to list (10).
func memreport(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	top, err := check.OptInt(args, 1, defaultTop)
	if err != nil {
		return nil, err
	}
	top = min(max(top, 0), 1000)
	r, ok := NewReport(l.State(), l, int(top))
	if !ok {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret1(value.TableValue(r.table())), nil
}

// coroutines is tide.coroutines(): the coroutine inventory, a list of
// tables {status, created, where, age, traceback, thread}.
func coroutines(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	infos, ok := l.State().Coroutines(l)
	if !ok {
		return l.Ret1(value.Nil), nil
	}
	list := value.NewTable(len(infos), 0)
	for i := range infos {
		ci := &infos[i]
		t := value.NewTable(0, 6)
		t.SetStr("status", value.String(ci.Status))
		t.SetStr("created", value.String(ci.Created))
		t.SetStr("where", value.String(ci.Where()))
		t.SetStr("age", value.Float(ci.Age.Seconds()))
		t.SetStr("traceback", value.String(ci.Traceback()))
		t.SetStr("thread", vm.ThreadValue(ci.Value))
		list.SetInt(int64(i+1), value.TableValue(t))
	}
	return l.Ret1(value.TableValue(list)), nil
}
