package check

import "github.com/tidelua/tide/internal/vm"

// ChargeInterval is how many units of work (elements moved, comparisons,
// pattern steps) the libraries do between two calls of Charge.
const ChargeInterval = 1024

// charger is the method the vm may offer to bill work done inside Go
// functions against the State's instruction quota (Options.MaxInstructions).
type charger interface {
	Charge(units int64) error
}

// Charge bills n units of work done inside a library function against the
// State's instruction quota, so that a long Go loop (table.move over a huge
// range, a catastrophically backtracking pattern) stops when the quota
// runs out. It returns the vm's quota error, which the caller must return
// unchanged; it is a no-op while the vm offers no Charge method.
func Charge(l *vm.Thread, n int64) error {
	if c, ok := any(l).(charger); ok {
		return c.Charge(n)
	}
	return nil
}

// Charging reports whether the vm bills library work to a quota (whether
// Charge does anything), so that callers can skip setting up the billing.
func Charging(l *vm.Thread) bool {
	_, ok := any(l).(charger)
	return ok
}
