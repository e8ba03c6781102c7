package tide

// SetInstructionLimit gives the State a fresh instruction budget: the
// code it runs from now on may spend n units (calls, loop iterations,
// units of library work) before it stops with a *QuotaError matching
// ErrInstructionLimit; n <= 0 removes the limit. It replaces what was
// left of Options.MaxInstructions, which is a budget for the State's
// whole life: a server calls SetInstructionLimit before each request to
// give every request its own. Call it between runs, not from a Function
// while Lua code runs.
func (s *State) SetInstructionLimit(n int64) {
	if s.closed {
		return
	}
	s.vm.SetInstructionLimit(n)
}
