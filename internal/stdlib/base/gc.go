package base

import (
	"runtime"
	"runtime/metrics"

	"github.com/tidelua/tide/internal/stdlib/base/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// collectgarbage over Go's collector. The Lua knobs (mode, pause, step
// multiplier) are remembered per State and reported back as the reference
// does, but Go's collector ignores them; "collect" runs runtime.GC and
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
	switch opt {
	case "stop":
		g.stopped = true
		return l.Ret1(value.Int(0)), nil
	case "restart":
		g.stopped = false
		return l.Ret1(value.Int(0)), nil
	case "collect":
		runtime.GC()
		return l.Ret1(value.Int(0)), nil
	case "count":
		return l.Ret1(value.Float(float64(heapBytes()) / 1024)), nil
	case "step":
		if _, err := check.OptInt(args, 2, 0); err != nil {
			return nil, err
		}
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
