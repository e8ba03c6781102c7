// Package math is Lua's mathematical library (§6.7): math.floor, max,
// random, ... Integer and float results follow lmathlib.c: floor/ceil
// return integers when the result fits, fmod keeps integers integral.
package math

import (
	"math"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Open registers the math table in st's globals. The random generator
// state belongs to this State.
func Open(st *vm.State) {
	t := value.NewTable(0, 32)
	reg := vm.Registrar(t, "math")
	reg("abs", mathAbs)
	reg("ceil", mathCeil)
	reg("floor", mathFloor)
	reg("fmod", mathFmod)
	reg("max", mathMax)
	reg("min", mathMin)
	reg("modf", mathModf)
	reg("sqrt", float1(math.Sqrt))
	reg("exp", float1(math.Exp))
	reg("sin", float1(math.Sin))
	reg("cos", float1(math.Cos))
	reg("tan", float1(math.Tan))
	reg("asin", float1(math.Asin))
	reg("acos", float1(math.Acos))
	reg("atan", mathAtan)
	reg("log", mathLog)
	reg("tointeger", mathToInteger)
	reg("type", mathType)
	reg("ult", mathUlt)
	openCompat(reg)
	g := newRandom()
	reg("random", g.random)
	reg("randomseed", g.randomseed)
	t.SetStr("pi", value.Float(math.Pi))
	t.SetStr("huge", value.Float(math.Inf(1)))
	t.SetStr("maxinteger", value.Int(math.MaxInt64))
	t.SetStr("mininteger", value.Int(math.MinInt64))
	st.Globals().SetStr("math", value.TableValue(t))
}

// float1 wraps a float function of one argument.
func float1(f func(float64) float64) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		x, err := check.Float(args, 1)
		if err != nil {
			return nil, err
		}
		return l.Ret1(value.Float(cNaN(f(x), x, 0))), nil
	}
}

// defaultNaN is the NaN an invalid x86 operation produces (sign bit set);
// the reference prints it as "-nan".
var defaultNaN = math.Float64frombits(0xfff8000000000000)

// cNaN makes a NaN result look like the C library's: an input NaN
// propagates, a NaN made from numbers is the x86 default NaN.
func cNaN(r, a, b float64) float64 {
	if r == r {
		return r
	}
	if a != a {
		return a
	}
	if b != b {
		return b
	}
	return defaultNaN
}

// numInt returns f as an integer when it has an exact integer value in
// range, else as a float (lmathlib.c pushnumint).
func numInt(f float64) value.Value {
	if i, ok := value.FloatToInt(f); ok {
		return value.Int(i)
	}
	return value.Float(f)
}

func mathAbs(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) > 0 && args[0].IsInt() {
		if i := args[0].AsInt(); i < 0 {
			return l.Ret1(value.Int(0 - i)), nil
		}
		return l.Ret1(args[0]), nil
	}
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Float(math.Abs(x))), nil
}

func mathCeil(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) > 0 && args[0].IsInt() {
		return l.Ret1(args[0]), nil
	}
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	return l.Ret1(numInt(math.Ceil(x))), nil
}

func mathFloor(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) > 0 && args[0].IsInt() {
		return l.Ret1(args[0]), nil
	}
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	return l.Ret1(numInt(math.Floor(x))), nil
}

func mathFmod(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) >= 2 && args[0].IsInt() && args[1].IsInt() {
		a, d := args[0].AsInt(), args[1].AsInt()
		switch d {
		case 0:
			return nil, vm.ArgError(2, "zero")
		case -1:
			return l.Ret1(value.Int(0)), nil
		}
		return l.Ret1(value.Int(a % d)), nil
	}
	a, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	b, err := check.Float(args, 2)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Float(cNaN(math.Mod(a, b), a, b))), nil
}

// less compares a < b: numbers (and strings) directly, anything else
// through the vm (__lt, or "attempt to compare ...").
func less(l *vm.Thread, a, b value.Value) (bool, error) {
	if r, ok := value.LessThan(a, b); ok {
		return r, nil
	}
	return l.LessThan(a, b)
}

func mathMax(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) < 1 {
		return nil, vm.ArgError(1, "value expected")
	}
	best := args[0]
	for i := 1; i < len(args); i++ {
		v := args[i]
		lt, err := less(l, best, v)
		if err != nil {
			return nil, err
		}
		if lt {
			best = v
		}
	}
	return l.Ret1(best), nil
}

func mathMin(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) < 1 {
		return nil, vm.ArgError(1, "value expected")
	}
	best := args[0]
	for i := 1; i < len(args); i++ {
		v := args[i]
		lt, err := less(l, v, best)
		if err != nil {
			return nil, err
		}
		if lt {
			best = v
		}
	}
	return l.Ret1(best), nil
}

func mathModf(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) >= 1 && args[0].IsInt() {
		return l.Ret(args[0], value.Float(0)), nil
	}
	n, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	var ip float64
	if n < 0 {
		ip = math.Ceil(n)
	} else {
		ip = math.Floor(n)
	}
	frac := 0.0
	if n != ip {
		frac = n - ip
	}
	return l.Ret(numInt(ip), value.Float(frac)), nil
}

func mathAtan(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	y, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	x := 1.0
	if !check.IsNoneOrNil(args, 2) {
		if x, err = check.Float(args, 2); err != nil {
			return nil, err
		}
	}
	return l.Ret1(value.Float(math.Atan2(y, x))), nil
}

func mathLog(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	x, err := check.Float(args, 1)
	if err != nil {
		return nil, err
	}
	if check.IsNoneOrNil(args, 2) {
		return l.Ret1(value.Float(cNaN(math.Log(x), x, 0))), nil
	}
	b, err := check.Float(args, 2)
	if err != nil {
		return nil, err
	}
	var r float64
	switch b {
	case 2:
		r = math.Log2(x)
	case 10:
		r = log10(x)
	default:
		r = math.Log(x) / math.Log(b)
	}
	return l.Ret1(value.Float(cNaN(r, x, b))), nil
}

func mathToInteger(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) >= 1 {
		if i, ok := value.ToInteger(args[0]); ok && (args[0].IsNumber() || args[0].IsString()) {
			return l.Ret1(value.Int(i)), nil
		}
		return l.Ret1(value.Nil), nil
	}
	return nil, vm.ArgError(1, "value expected")
}

func mathType(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	switch {
	case args[0].IsInt():
		return l.Ret1(value.String("integer")), nil
	case args[0].IsFloat():
		return l.Ret1(value.String("float")), nil
	}
	return l.Ret1(value.Nil), nil
}

func mathUlt(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	a, err := check.Int(args, 1)
	if err != nil {
		return nil, err
	}
	b, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Bool(uint64(a) < uint64(b))), nil
}

// log10 is math.Log10 made exact at powers of ten, as the C library's
// (correctly rounded there) is: Go's log(x)/ln(10) can miss by an ulp, and
// math.floor(math.log(1e15, 10)) must be 15.
func log10(x float64) float64 {
	r := math.Log10(x)
	if n := math.Round(r); n != r && math.Abs(r-n) < 1e-9 && n >= -323 && n <= 308 && math.Pow10(int(n)) == x {
		return n
	}
	return r
}
