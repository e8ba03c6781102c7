package vm

// profiler is the State's sampling profiler while it runs.
type profiler struct{}

// profTick is called at every checkpoint while the profiler runs.
func (st *State) profTick(l *Thread) {}
