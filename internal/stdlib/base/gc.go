package base

import (
	"runtime"
	"runtime/metrics"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// collectgarbage over the vm's collector (weak tables and finalizers, see
// internal/vm/gc.go) and Go's. The Lua knobs (mode, pause, step
// multiplier) are remembered per State and reported back as the reference
// does, but neither collector uses them; "collect" runs a full collection
// of the vm and then of Go, "step" a full collection of the vm only, and
// "count" reports the process's heap in KiB.
type gcState struct {
	stopped      bool
	generational bool
	pause        int64
	stepmul      int64
}

func newGC() *gcState {
	// lua.c switches to generational mode at startup.
	return &gcState{generational: true, pause: 200, stepmul: 100}
}

var gcOptions = []string{"stop", "restart", "collect", "count", "step", "setpause",
	"setstepmul", "isrunning", "generational", "incremental"}

// heapBytes returns the bytes held by heap objects (live or not yet swept).
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		return s[0].Value.Uint64()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func (g *gcState) collectgarbage(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	opt, err := check.OptString(args, 1, "collect")
	if err != nil {
		return nil, err
	}
	found := false
	for _, o := range gcOptions {
		if o == opt {
			found = true
			break
		}
	}
	if !found {
		return nil, vm.ArgError(1, "invalid option '"+opt+"'")
	}
	if l.State().InFinalizer() {
		// the reference refuses every option inside a finalizer (fail)
		return l.Ret1(value.Nil), nil
	}
	switch opt {
	case "stop":
		g.stopped = true
		return l.Ret1(value.Int(0)), nil
	case "restart":
		g.stopped = false
		return l.Ret1(value.Int(0)), nil
	case "collect":
		// the vm's collection clears weak tables and runs finalizers; Go's
		// then frees what they released, so that "count" drops as in Lua
		l.CollectGarbage()
		runtime.GC()
		return l.Ret1(value.Int(0)), nil
	case "count":
		return l.Ret1(value.Float(float64(heapBytes()) / 1024)), nil
	case "step":
		if _, err := check.OptInt(args, 2, 0); err != nil {
			return nil, err
		}
		// every step is a full collection; the result is what lua5.4
		// reports after one: false in generational mode (lua.c's default)
		l.CollectGarbage()
		return l.Ret1(value.Bool(!g.generational)), nil
	case "setpause":
		n, err := check.OptInt(args, 2, 0)
		if err != nil {
			return nil, err
		}
		old := g.pause
		g.pause = n
		return l.Ret1(value.Int(old)), nil
	case "setstepmul":
		n, err := check.OptInt(args, 2, 0)
		if err != nil {
			return nil, err
		}
		old := g.stepmul
		g.stepmul = n
		return l.Ret1(value.Int(old)), nil
	case "isrunning":
		return l.Ret1(value.Bool(!g.stopped)), nil
	}
	// "generational" or "incremental": extra tuning arguments are checked
	// and ignored; the previous mode is returned.
	for i := 2; i <= 4; i++ {
		if _, err := check.OptInt(args, i, 0); err != nil {
			return nil, err
		}
	}
	old := "incremental"
	if g.generational {
		old = "generational"
	}
	g.generational = opt == "generational"
	return l.Ret1(value.String(old)), nil
}

// emit writes a warning from the vm (an error in a finalizer) the way
// warn does, when warnings are on.
func (w *warner) emit(st *vm.State, msg string) {
	if w.on {
		_, _ = stderr(st).Write([]byte("Lua warning: " + msg + "\n"))
	}
}
