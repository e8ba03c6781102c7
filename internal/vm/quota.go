package vm

import "math"

// Charge bills units of work done inside a Go function (elements moved,
// comparisons, pattern-matching steps) against the State's instruction
// quota, Options.MaxInstructions. It returns the quota error, which the
// caller must return unchanged, once the budget is spent; without a quota
// it never fails.
func (l *Thread) Charge(units int64) error {
	st := l.st
	if st.opts.MaxInstructions <= 0 {
		st.budget = math.MaxInt64
		return nil
	}
	st.budget -= units
	if st.budget < 0 {
		st.budget = 0
		return &QuotaError{Msg: "instruction limit exceeded"}
	}
	return nil
}
