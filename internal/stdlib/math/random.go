package math

import (
	"errors"
	"math/bits"
	randv2 "math/rand/v2"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// random is the per-State xoshiro256** generator of lmathlib.c, seeded
// the same way so that math.randomseed(n) gives the reference's sequence.
type random struct {
	s [4]uint64
}

func newRandom() *random {
	g := &random{}
	// The reference seeds from the clock and an address; any unpredictable
	// value will do (the runtime's generator: no clock, no package state).
	g.seed(randv2.Uint64(), randv2.Uint64())
	return g
}

func (g *random) next() uint64 {
	s := &g.s
	s0, s1 := s[0], s[1]
	s2, s3 := s[2]^s0, s[3]^s1
	res := bits.RotateLeft64(s1*5, 7) * 9
	s[0] = s0 ^ s3
	s[1] = s1 ^ s2
	s[2] = s2 ^ (s1 << 17)
	s[3] = bits.RotateLeft64(s3, 45)
	return res
}

func (g *random) seed(n1, n2 uint64) {
	g.s = [4]uint64{n1, 0xff, n2, 0}
	for range 16 {
		g.next()
	}
}

// project maps ran into [0, n] without bias, drawing again when needed.
func (g *random) project(ran, n uint64) uint64 {
	if n&(n+1) == 0 {
		return ran & n
	}
	lim := n
	lim |= lim >> 1
	lim |= lim >> 2
	lim |= lim >> 4
	lim |= lim >> 8
	lim |= lim >> 16
	lim |= lim >> 32
	for {
		if ran &= lim; ran <= n {
			return ran
		}
		ran = g.next()
	}
}

func (g *random) random(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	rv := g.next()
	var low, up int64
	var err error
	switch len(args) {
	case 0:
		return l.Ret1(value.Float(float64(rv>>11) * (1.0 / (1 << 53)))), nil
	case 1:
		low = 1
		if up, err = check.Int(args, 1); err != nil {
			return nil, err
		}
		if up == 0 {
			return l.Ret1(value.Int(int64(rv))), nil
		}
	case 2:
		if low, err = check.Int(args, 1); err != nil {
			return nil, err
		}
		if up, err = check.Int(args, 2); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("wrong number of arguments")
	}
	if low > up {
		return nil, vm.ArgError(1, "interval is empty")
	}
	p := g.project(rv, uint64(up)-uint64(low))
	return l.Ret1(value.Int(int64(p + uint64(low)))), nil
}

func (g *random) randomseed(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	var n1, n2 int64
	if len(args) == 0 {
		n1, n2 = int64(randv2.Uint64()), int64(randv2.Uint64())
	} else {
		var err error
		if n1, err = check.Int(args, 1); err != nil {
			return nil, err
		}
		if n2, err = check.OptInt(args, 2, 0); err != nil {
			return nil, err
		}
	}
	g.seed(uint64(n1), uint64(n2))
	return l.Ret(value.Int(n1), value.Int(n2)), nil
}
