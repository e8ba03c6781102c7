package vm

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
		return nil
	}
	st.budget -= units
	if st.budget < 0 {
		g := &st.gc
		st.budget += g.reserve
		g.reserve = 0
		if st.budget < 0 {
			st.budget = 0
			return &QuotaError{Msg: "instruction limit exceeded"}
		}
		if g.armed && st.budget > gcCheckInterval {
			g.reserve = st.budget - gcCheckInterval
			st.budget = gcCheckInterval
		}
	}
	return nil
}
