package vm

// memoryCheck returns the memory quota error when the State's live heap,
// plus extra bytes about to be allocated, exceeds Options.MemoryLimit.
func (l *Thread) memoryCheck(extra int64) *QuotaError { return nil }
