package string

import (
	"math"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// The string metatable's arithmetic metamethods (lstrlib.c
// stringmetamethods): in Lua 5.4 "10" + 1 works because strings have an
// __add that converts both operands to numbers.

var arithEvents = [...]string{"add", "sub", "mul", "mod", "pow", "div", "idiv", "unm"}

func openArith(meta *value.Table) {
	for _, ev := range arithEvents {
		ev := ev
		meta.SetStr("__"+ev, vm.NewGoFunction("__"+ev, func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return stringArith(l, ev, args)
		}))
	}
}

// toNum converts an operand as the reference's tonum: numbers as they
// are, strings when the whole string is a numeral.
func toNum(v value.Value) (value.Value, bool) {
	if v.IsNumber() {
		return v, true
	}
	if v.IsString() {
		return value.StringToNumber(v.AsString())
	}
	return value.Nil, false
}

func stringArith(l *vm.Thread, ev string, args []value.Value) ([]value.Value, error) {
	var a, b value.Value
	if len(args) > 0 {
		a = args[0]
	}
	if len(args) > 1 {
		b = args[1]
	}
	if x, ok := toNum(a); ok {
		if y, ok := toNum(b); ok {
			r, err := arith(ev, x, y)
			if err != nil {
				return nil, err
			}
			return l.Ret1(r), nil
		}
	}
	// trymt: the other operand may have its own metamethod.
	if !b.IsString() {
		if mt := l.Metatable(b); mt != nil {
			if h := mt.GetStr("__" + ev); !h.IsNil() {
				r, err := l.Call1(h, a, b)
				if err != nil {
					return nil, err
				}
				return l.Ret1(r), nil
			}
		}
	}
	return nil, errString("attempt to " + ev + " a '" + a.TypeName() + "' with a '" + b.TypeName() + "'")
}

// arith applies a binary arithmetic operator to two numbers (lua_arith).
func arith(ev string, a, b value.Value) (value.Value, error) {
	if a.IsInt() && b.IsInt() {
		x, y := a.AsInt(), b.AsInt()
		switch ev {
		case "add":
			return value.Int(x + y), nil
		case "sub":
			return value.Int(x - y), nil
		case "mul":
			return value.Int(x * y), nil
		case "unm":
			return value.Int(-x), nil
		case "mod":
			if y == 0 {
				return value.Nil, errString("attempt to perform 'n%0'")
			}
			return value.Int(value.IntMod(x, y)), nil
		case "idiv":
			if y == 0 {
				return value.Nil, errString("attempt to perform 'n//0'")
			}
			return value.Int(value.IntFloorDiv(x, y)), nil
		}
	}
	x, _ := value.ToFloat(a)
	y, _ := value.ToFloat(b)
	var r float64
	switch ev {
	case "add":
		r = x + y
	case "sub":
		r = x - y
	case "mul":
		r = x * y
	case "unm":
		r = -x
	case "mod":
		r = value.FloatMod(x, y)
	case "idiv":
		r = math.Floor(x / y)
	case "div":
		r = x / y
	case "pow":
		r = value.Pow(x, y)
	}
	return value.Float(r), nil
}
