package math

import (
	"math"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// openCompat registers deg and rad, and the functions Lua 5.4 keeps only
// under LUA_COMPAT_MATHLIB (cosh, sinh, tanh, pow, frexp, ldexp, log10,
// atan2): the reference lua5.4 is built with LUA_COMPAT_5_3, which turns
// that option on, so scripts written for it find them.
func openCompat(reg func(string, vm.Fn)) {
	reg("deg", float1(func(x float64) float64 { return x * (180.0 / math.Pi) }))
	reg("rad", float1(func(x float64) float64 { return x * (math.Pi / 180.0) }))
	reg("cosh", float1(math.Cosh))
	reg("sinh", float1(math.Sinh))
	reg("tanh", float1(math.Tanh))
	reg("log10", float1(log10))
	reg("atan2", mathAtan)
	reg("pow", mathPow)
	reg("frexp", mathFrexp)
	reg("ldexp", mathLdexp)
}

func mathPow(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	y, err := check.Float(args, 2)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Float(cNaN(math.Pow(x, y), x, y))), nil
}

func mathFrexp(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	m, e := math.Frexp(x)
	return l.Ret(value.Float(m), value.Int(int64(e))), nil
}

func mathLdexp(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	e, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	// lmathlib casts the exponent to a C int, keeping its low 32 bits.
	return l.Ret1(value.Float(math.Ldexp(x, int(int32(e))))), nil
}
