package vm

import "context"

// Charge bills units of work done inside a Go function (elements moved,
// comparisons, pattern-matching steps) against the State's instruction
// quota, Options.MaxInstructions. It returns the quota error, which the
// caller must return unchanged, once the budget is spent; without a quota
// it never fails.
//
// The quota is the budget countdown of the dispatch loop plus, once
// automatic collections are armed, a reserve that refills the countdown in
// slices (see outOfBudget in gc.go); Charge draws from both. Without a
// quota the countdown is left alone: it paces the collector's checks.
func (l *Thread) Charge(units int64) error {
	st := l.st
	if st.opts.MaxInstructions <= 0 {
		if !st.watched {
			return nil
		}
		// No quota, but a checkpoint: the countdown paces it.
		st.budget -= units
		if st.budget < 0 {
			st.budget = gcCheckInterval
			if err := l.checkpoint(); err != nil {
				return err
			}
			return nil
		}
		return nil
	}
	st.budget -= units
	if st.budget < 0 {
		if err := l.checkpoint(); err != nil {
			return err
		}
		g := &st.gc
		st.budget += g.reserve
		g.reserve = 0
		if st.budget < 0 {
			st.budget = 0
			return l.errInstructions()
		}
		if (g.armed || st.watched) && st.budget > gcCheckInterval {
			g.reserve = st.budget - gcCheckInterval
			st.budget = gcCheckInterval
		}
		st.profSlice() // shorter slices while profiling (profile.go)
	}
	return nil
}

// SetContext makes the code the State runs stop with a *QuotaError whose
// Cause is ctx.Err() once ctx is done: the dispatch loop and Charge check
// it every gcCheckInterval budget units (calls, backward jumps, library
// work), so a loop, a pattern match or a long library call stops within
// that many units. A nil ctx, or one that is never done, clears it.
func (st *State) SetContext(ctx context.Context) {
	st.ctx, st.done = nil, nil
	if ctx == nil || ctx.Done() == nil {
		st.watched = st.prof != nil || st.memQuota > 0
		return
	}
	st.ctx, st.done = ctx, ctx.Done()
	st.watch()
}

// watch makes every budget slice end in a checkpoint (the context, the
// profiler, the memory quota), starting with the current one.
func (st *State) watch() {
	st.watched = true
	if st.budget > gcCheckInterval {
		if st.opts.MaxInstructions > 0 {
			st.gc.reserve += st.budget - gcCheckInterval
		}
		st.budget = gcCheckInterval
	}
}

// Charging reports whether library work is billed: the State has an
// instruction quota or runs under a context that can be cancelled.
func (st *State) Charging() bool { return st.opts.MaxInstructions > 0 || st.watched }

// Context returns the context SetContext set, or nil.
func (st *State) Context() context.Context { return st.ctx }

// contextErr returns the error that stops a run whose context is done,
// or nil.
func (st *State) contextErr() *QuotaError {
	if st.done == nil {
		return nil
	}
	select {
	case <-st.done:
		err := st.ctx.Err()
		return &QuotaError{Msg: err.Error(), Cause: err}
	default:
		return nil
	}
}

// checkpoint runs at the end of every budget slice of a watched State
// (about every gcCheckInterval calls, backward jumps and units of library
// work): it returns the error that stops the run when the context is done
// or the memory quota is exceeded, and takes the profiler's samples.
func (l *Thread) checkpoint() *QuotaError {
	st := l.st
	if err := st.contextErr(); err != nil {
		return l.stopped(err)
	}
	if st.prof != nil {
		st.profTick(l)
	}
	if st.memQuota > 0 {
		return l.memoryCheck(0)
	}
	return nil
}

// SetInstructionLimit replaces the State's instruction quota: from now on
// the code it runs may spend n more units (Options.MaxInstructions
// becomes n); n <= 0 removes the quota. A server calls it before each
// request to give every request its own budget. It must not be called
// while the State runs code.
func (st *State) SetInstructionLimit(n int64) {
	g := &st.gc
	g.reserve = 0
	if n <= 0 {
		st.opts.MaxInstructions = 0
		st.budget = 1<<63 - 1
		if g.armed || st.watched {
			st.budget = gcCheckInterval
		}
		return
	}
	st.opts.MaxInstructions = n
	st.budget = n
	if (g.armed || st.watched) && n > gcCheckInterval {
		g.reserve = n - gcCheckInterval
		st.budget = gcCheckInterval
	}
}
