package check

import "github.com/tidelua/tide/internal/vm"

// ChargeInterval is how many units of work (elements moved, comparisons,
// pattern steps) the libraries do between two calls of Charge.
const ChargeInterval = 1024

// Charge bills n units of work done inside a library function against the
// State's instruction quota, so that a long Go loop (table.move over a huge
// range, a catastrophically backtracking pattern) stops when the quota
// runs out. It returns the vm's quota error, which the caller must return
// unchanged.
func Charge(l *vm.Thread, n int64) error { return l.Charge(n) }

// Charging reports whether the State has an instruction quota or a
// cancellable run to bill library work to, so that callers can skip
// setting up the billing.
func Charging(l *vm.Thread) bool { return l.State().Charging() }
