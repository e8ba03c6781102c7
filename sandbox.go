package tide

import (
	"errors"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// errSandboxFile is what file access gives in a sandboxed State.
var errSandboxFile = errors.New("file access is disabled in the sandbox")

// sandboxKeep lists, per library, what a sandboxed State keeps: nothing
// that reaches the host (files, processes, the environment, the clock is
// fine), loads binary code, or looks inside other functions.
var sandboxKeep = map[string][]string{
	"_G": {"assert", "error", "getmetatable", "ipairs", "load", "next", "pairs", "pcall",
		"print", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
		"tonumber", "tostring", "type", "warn", "xpcall", "_G", "_VERSION",
		"collectgarbage", "require",
		"coroutine", "table", "string", "math", "utf8", "os", "debug"},
	"os":    {"clock", "date", "difftime", "time"},
	"debug": {"traceback"},
}

// sandboxDrop lists functions removed from libraries that are otherwise
// kept whole.
var sandboxDrop = map[string][]string{
	"string": {"dump"},
}

// sandboxGC are the collectgarbage options a sandboxed script may use.
var sandboxGC = map[string]bool{"count": true, "collect": true, "step": true, "isrunning": true}

// sandbox trims the opened libraries of s to the sandbox's curated set.
// It runs on a fresh State, before any code: the tables it trims are this
// State's own, so nothing is shared with other States.
func (s *State) sandbox() {
	st := s.vm
	g := st.Globals()
	loaded := loadlib.Loaded(st)
	for lib, keep := range sandboxKeep {
		t := g
		if lib != "_G" {
			t = g.GetStr(lib).ToTable()
		}
		if t == nil {
			continue
		}
		prune(t, keep)
	}
	for lib, drop := range sandboxDrop {
		if t := g.GetStr(lib).ToTable(); t != nil {
			for _, name := range drop {
				t.SetStr(name, value.Nil)
			}
		}
	}
	// package.loaded holds only what the globals still offer; require
	// finds modules in package.preload (the host's) and nowhere else.
	for k := range loaded.All() {
		if !k.IsString() {
			continue
		}
		name := k.AsString()
		if name == "_G" {
			continue
		}
		if v := g.GetStr(name); v.IsNil() || name == "package" {
			loaded.Set(k, value.Nil)
		} else {
			loaded.Set(k, v)
		}
	}
	gc := g.GetStr("collectgarbage")
	if f := vm.AsGoFunction(gc); f != nil {
		inner := f.Fn
		g.SetStr("collectgarbage", vm.NewGoFunction("collectgarbage", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			opt, err := check.OptString(args, 1, "collect")
			if err != nil {
				return nil, err
			}
			if !sandboxGC[opt] {
				return nil, vm.ArgError(1, "option '"+opt+"' is not allowed in the sandbox")
			}
			return inner(l, args)
		}))
	}
}

// prune removes from t the string keys not in keep.
func prune(t *value.Table, keep []string) {
	ok := make(map[string]bool, len(keep))
	for _, k := range keep {
		ok[k] = true
	}
	var drop []value.Value
	for k := range t.All() {
		if !k.IsString() || !ok[k.AsString()] {
			drop = append(drop, k)
		}
	}
	for _, k := range drop {
		t.Set(k, value.Nil)
	}
}
