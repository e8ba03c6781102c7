package table

import (
	randv2 "math/rand/v2"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// table.sort: the reference's quicksort (ltablib.c auxsort), step for
// step, so that the comparator sees the same calls and a non-strict order
// gives the same result or the same "invalid order function" error.

// ranLimit is the interval size above which the pivot is randomized once
// partitions turn out unbalanced (RANLIMIT).
const ranLimit = 100

type sorter struct {
	l    *vm.Thread
	s    seq
	cmp  value.Value // nil: use <
	ncmp int64       // comparisons made, billed to the quota in batches
}

func tabSort(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, n, err := getn(l, args, needRead|needWrite)
	if err != nil {
		return nil, err
	}
	if n > 1 {
		if n >= 1<<31-1 {
			return nil, vm.ArgError(1, "array too big")
		}
		var cmp value.Value
		if len(args) >= 2 && !args[1].IsNil() {
			if !args[1].IsFunction() {
				return nil, vm.TypeError(args, 2, "function")
			}
			cmp = args[1]
		}
		so := &sorter{l: l, s: s, cmp: cmp}
		if err := so.auxsort(1, n, 0); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// less is sort_comp: a < b by the comparator or by the < operator.
func (so *sorter) less(a, b value.Value) (bool, error) {
	if so.ncmp++; so.ncmp%check.ChargeInterval == 0 {
		if err := check.Charge(so.l, check.ChargeInterval); err != nil {
			return false, err
		}
	}
	if so.cmp.IsNil() {
		if r, ok := value.LessThan(a, b); ok {
			return r, nil
		}
		return so.l.LessThan(a, b)
	}
	r, err := so.l.Call1(so.cmp, a, b)
	if err != nil {
		return false, err
	}
	return r.Truthy(), nil
}

// set2 stores x at i and y at j.
func (so *sorter) set2(i int64, x value.Value, j int64, y value.Value) error {
	if err := so.s.set(i, x); err != nil {
		return err
	}
	return so.s.set(j, y)
}

func (so *sorter) auxsort(lo, up int64, rnd uint32) error {
	for lo < up {
		alo, err := so.s.get(lo)
		if err != nil {
			return err
		}
		aup, err := so.s.get(up)
		if err != nil {
			return err
		}
		lt, err := so.less(aup, alo)
		if err != nil {
			return err
		}
		if lt {
			if err := so.set2(lo, aup, up, alo); err != nil {
				return err
			}
		}
		if up-lo == 1 {
			break
		}
		var p int64
		if up-lo < ranLimit || rnd == 0 {
			p = (lo + up) / 2
		} else {
			r4 := (up - lo) / 4
			p = int64(uint64(rnd)%uint64(r4*2)) + lo + r4
		}
		ap, err := so.s.get(p)
		if err != nil {
			return err
		}
		alo, err = so.s.get(lo)
		if err != nil {
			return err
		}
		if lt, err = so.less(ap, alo); err != nil {
			return err
		}
		if lt {
			if err := so.set2(p, alo, lo, ap); err != nil {
				return err
			}
		} else {
			aup, err := so.s.get(up)
			if err != nil {
				return err
			}
			if lt, err = so.less(aup, ap); err != nil {
				return err
			}
			if lt {
				if err := so.set2(p, aup, up, ap); err != nil {
					return err
				}
			}
		}
		if up-lo == 2 {
			break
		}
		pivot, err := so.s.get(p)
		if err != nil {
			return err
		}
		aup1, err := so.s.get(up - 1)
		if err != nil {
			return err
		}
		if err := so.set2(p, aup1, up-1, pivot); err != nil {
			return err
		}
		if p, err = so.partition(lo, up, pivot); err != nil {
			return err
		}
		var n int64
		if p-lo < up-p {
			if err := so.auxsort(lo, p-1, rnd); err != nil {
				return err
			}
			n = p - lo
			lo = p + 1
		} else {
			if err := so.auxsort(p+1, up, rnd); err != nil {
				return err
			}
			n = up - p
			up = p - 1
		}
		if (up-lo)/128 > n {
			rnd = randv2.Uint32()
		}
	}
	return nil
}

// partition splits a[lo..up] around pivot P (stored at up-1) and returns
// P's final index.
func (so *sorter) partition(lo, up int64, pivot value.Value) (int64, error) {
	i, j := lo, up-1
	for {
		var ai, aj value.Value
		var err error
		for {
			i++
			if ai, err = so.s.get(i); err != nil {
				return 0, err
			}
			lt, err := so.less(ai, pivot)
			if err != nil {
				return 0, err
			}
			if !lt {
				break
			}
			if i == up-1 {
				return 0, errString("invalid order function for sorting")
			}
		}
		for {
			j--
			if aj, err = so.s.get(j); err != nil {
				return 0, err
			}
			lt, err := so.less(pivot, aj)
			if err != nil {
				return 0, err
			}
			if !lt {
				break
			}
			if j < i {
				return 0, errString("invalid order function for sorting")
			}
		}
		if j < i {
			if err := so.set2(up-1, ai, i, pivot); err != nil {
				return 0, err
			}
			return i, nil
		}
		if err := so.set2(i, aj, j, ai); err != nil {
			return 0, err
		}
	}
}
