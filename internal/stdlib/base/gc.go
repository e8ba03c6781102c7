package base

import (
	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// collectgarbage (luaB_collectgarbage) over the vm's collector (weak
// tables and finalizers, internal/vm/gc.go) and Go's:
//
//   - "collect": a full collection of the vm, then of Go (vm.Thread.FullGC),
//     which then gives memory back to the OS when worth it (vm breathe.go);
//   - "count": the State's live heap in KiB as the vm estimates it during
//     its mark phase, plus what was allocated since (vm.Thread.HeapBytes);
//   - "step": a full collection of the vm only; true in incremental mode
//     (every step finishes a cycle), false in generational mode, as 5.4.4
//     reports after a step in that mode (lua.c starts in it);
//   - "stop"/"restart"/"isrunning": the vm's automatic collections
//     (vm.State.SetGCRunning);
//   - the tuning knobs (mode, pause, step multiplier) are remembered per
//     State and reported back exactly as 5.4.4 does (with its storage: a
//     byte holding the value divided by 4), but no collector uses them.
//
// Why the knobs are not mapped to Go's collector: Go's collector is
// concurrent and non-generational for the whole process, so neither mode
// describes it ("incremental" is the nearer: short pauses, work spread
// over the run) and there is nothing to switch. The pause is Lua's
// version of GOGC (setpause 200, the heap doubling, is GOGC 100) and the
// step multiplier has no Go counterpart (Go paces its own assists), but
// debug.SetGCPercent is process-wide: one script in a Pool of States, or
// a sandboxed one, would change the pacing (or, with a huge pause, turn
// collection off) for every State of the host. So the pacing belongs to
// the host: GOGC and GOMEMLIMIT, tide --memory-target in the command.
type gcState struct {
	generational bool
	pause        uint8 // the reference's gcpause: the setting / 4, truncated to a byte
	stepmul      uint8 // gcstepmul, likewise
}

func newGC() *gcState {
	// lua.c switches to generational mode at startup; LUAI_GCPAUSE 200 and
	// LUAI_GCMUL 100 are the defaults.
	return &gcState{generational: true, pause: 200 / 4, stepmul: 100 / 4}
}

// gcParam stores v as setgcparam does: the C int argument divided by 4,
// kept in a lu_byte.
func gcParam(v int64) uint8 { return uint8(int32(v) / 4) }

var gcOptions = []string{"stop", "restart", "collect", "count", "step", "setpause",
	"setstepmul", "isrunning", "generational", "incremental"}

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
	// the integer arguments are checked before lua_gc refuses
	var nums [3]int64
	nargs := 0
	switch opt {
	case "step", "setpause", "setstepmul":
		nargs = 1
	case "generational":
		nargs = 2
	case "incremental":
		nargs = 3
	}
	for i := 0; i < nargs; i++ {
		if nums[i], err = check.OptInt(args, i+2, 0); err != nil {
			return nil, err
		}
	}
	st := l.State()
	if st.InFinalizer() {
		// the reference refuses every option inside a finalizer (fail)
		return l.Ret1(value.Nil), nil
	}
	switch opt {
	case "stop":
		st.SetGCRunning(false)
		return l.Ret1(value.Int(0)), nil
	case "restart":
		st.SetGCRunning(true)
		return l.Ret1(value.Int(0)), nil
	case "collect":
		l.FullGC()
		return l.Ret1(value.Int(0)), nil
	case "count":
		return l.Ret1(value.Float(float64(l.HeapBytes()) / 1024)), nil
	case "step":
		// every step is a full collection of the vm; Go frees the memory
		// on its own schedule
		l.CollectGarbage()
		return l.Ret1(value.Bool(!g.generational)), nil
	case "setpause":
		old := int64(g.pause) * 4
		g.pause = gcParam(nums[0])
		return l.Ret1(value.Int(old)), nil
	case "setstepmul":
		old := int64(g.stepmul) * 4
		g.stepmul = gcParam(nums[0])
		return l.Ret1(value.Int(old)), nil
	case "isrunning":
		return l.Ret1(value.Bool(st.GCRunning())), nil
	}
	// "generational" (minor and major multipliers, not observable) or
	// "incremental" (pause, step multiplier, step size: a zero keeps the
	// current value); the previous mode is returned.
	old := "incremental"
	if g.generational {
		old = "generational"
	}
	if opt == "incremental" {
		if int32(nums[0]) != 0 {
			g.pause = gcParam(nums[0])
		}
		if int32(nums[1]) != 0 {
			g.stepmul = gcParam(nums[1])
		}
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
