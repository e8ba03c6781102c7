package check

import (
	"errors"
	"math"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// outcome renders a checker's result: the value, or "error: " and the
// message (which must come from a *vm.ArgErr, so the vm can add the
// function's name as the reference does).
func outcome(t *testing.T, v string, err error) string {
	t.Helper()
	if err != nil {
		var ae *vm.ArgErr
		if !errors.As(err, &ae) {
			t.Errorf("error %v is a %T, want a *vm.ArgErr", err, err)
		}
		return "error: " + err.Error()
	}
	return v
}

func show(v value.Value) string {
	switch {
	case v.IsNil():
		return "nil"
	case v.IsFloat():
		return value.NumberToString(v) + " (float)"
	case v.IsInt():
		return value.NumberToString(v) + " (int)"
	case v.IsString():
		return "string " + v.AsString()
	case v.IsTable():
		return "table"
	}
	return v.TypeName()
}

func named(name string) value.Value {
	mt := value.NewTable(0, 1)
	mt.SetStr("__name", value.String(name))
	t := value.NewTable(0, 0)
	t.Meta = mt
	return value.TableValue(t)
}

var (
	tbl    = value.TableValue(value.NewTable(0, 0))
	goFn   = vm.NewGoFunction("f", func(*vm.Thread, []value.Value) ([]value.Value, error) { return nil, nil })
	allArg = []value.Value{
		value.Int(7),                        // 1
		value.Float(-3.0),                   // 2
		value.Float(0.5),                    // 3
		value.String(" 0x10 "),              // 4
		value.String("2.5e1"),               // 5
		value.String("abc"),                 // 6
		value.Nil,                           // 7
		value.False,                         // 8
		tbl,                                 // 9
		goFn,                                // 10
		named("MyType"),                     // 11
		value.Float(math.Ldexp(1, 63)),      // 12
		value.Float(math.NaN()),             // 13
		value.Float(math.Inf(-1)),           // 14
		value.String("9223372036854775808"), // 15: a float by the lexer's rules
	}
)

func TestArg(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "7 (int)"}, {6, "string abc"}, {7, "nil"}, {9, "table"},
		{16, "nil"}, {100, "nil"},
	}
	for _, tc := range tests {
		if got := show(Arg(allArg, tc.n)); got != tc.want {
			t.Errorf("Arg(#%d) = %s, want %s", tc.n, got, tc.want)
		}
	}
	if got := show(Arg(nil, 1)); got != "nil" {
		t.Errorf("Arg(nil, 1) = %s", got)
	}
}

func TestIsNoneOrNilAndAny(t *testing.T) {
	tests := []struct {
		n         int
		noneOrNil bool
		anyErr    string
	}{
		{1, false, ""},
		{7, true, ""}, // nil is a value for Any
		{8, false, ""},
		{15, false, ""},
		{16, true, "bad argument #16 (value expected)"},
		{40, true, "bad argument #40 (value expected)"},
	}
	for _, tc := range tests {
		if got := IsNoneOrNil(allArg, tc.n); got != tc.noneOrNil {
			t.Errorf("IsNoneOrNil(#%d) = %v, want %v", tc.n, got, tc.noneOrNil)
		}
		got := outcome(t, "", Any(allArg, tc.n))
		if want := map[bool]string{true: "error: " + tc.anyErr, false: ""}[tc.anyErr != ""]; got != want {
			t.Errorf("Any(#%d) = %q, want %q", tc.n, got, want)
		}
	}
	if err := Any(nil, 1); err == nil || err.Error() != "bad argument #1 (value expected)" {
		t.Errorf("Any(nil, 1) = %v", err)
	}
}

// The messages are those of lauxlib (lua5.4 adds " to 'name'" after the
// argument number, which the vm does for us).
func TestNumberChecks(t *testing.T) {
	type fn func(n int) string
	intOf := func(n int) string {
		i, err := Int(allArg, n)
		return outcome(t, value.NumberToString(value.Int(i)), err)
	}
	optInt := func(n int) string {
		i, err := OptInt(allArg, n, -99)
		return outcome(t, value.NumberToString(value.Int(i)), err)
	}
	number := func(n int) string {
		v, err := Number(allArg, n)
		return outcome(t, show(v), err)
	}
	float := func(n int) string {
		f, err := Float(allArg, n)
		return outcome(t, value.NumberToString(value.Float(f)), err)
	}
	tests := []struct {
		name string
		f    fn
		n    int
		want string
	}{
		{"Int int", intOf, 1, "7"},
		{"Int integral float", intOf, 2, "-3"},
		{"Int fractional float", intOf, 3, "error: bad argument #3 (number has no integer representation)"},
		{"Int hex string", intOf, 4, "16"},
		{"Int float string", intOf, 5, "25"},
		{"Int non-numeric string", intOf, 6, "error: bad argument #6 (number expected, got string)"},
		{"Int nil", intOf, 7, "error: bad argument #7 (number expected, got nil)"},
		{"Int boolean", intOf, 8, "error: bad argument #8 (number expected, got boolean)"},
		{"Int table", intOf, 9, "error: bad argument #9 (number expected, got table)"},
		{"Int function", intOf, 10, "error: bad argument #10 (number expected, got function)"},
		{"Int __name", intOf, 11, "error: bad argument #11 (number expected, got MyType)"},
		{"Int 2^63", intOf, 12, "error: bad argument #12 (number has no integer representation)"},
		{"Int NaN", intOf, 13, "error: bad argument #13 (number has no integer representation)"},
		{"Int -inf", intOf, 14, "error: bad argument #14 (number has no integer representation)"},
		{"Int 2^63 string", intOf, 15, "error: bad argument #15 (number has no integer representation)"},
		{"Int absent", intOf, 16, "error: bad argument #16 (number expected, got no value)"},

		{"OptInt present", optInt, 1, "7"},
		{"OptInt nil", optInt, 7, "-99"},
		{"OptInt absent", optInt, 16, "-99"},
		{"OptInt bad", optInt, 6, "error: bad argument #6 (number expected, got string)"},
		{"OptInt fraction", optInt, 3, "error: bad argument #3 (number has no integer representation)"},

		{"Number int", number, 1, "7 (int)"},
		{"Number float", number, 3, "0.5 (float)"},
		{"Number hex string keeps integer", number, 4, "16 (int)"},
		{"Number float string", number, 5, "25.0 (float)"},
		{"Number bad string", number, 6, "error: bad argument #6 (number expected, got string)"},
		{"Number nil", number, 7, "error: bad argument #7 (number expected, got nil)"},
		{"Number absent", number, 20, "error: bad argument #20 (number expected, got no value)"},

		{"Float int", float, 1, "7.0"},
		{"Float float", float, 3, "0.5"},
		{"Float string", float, 4, "16.0"},
		{"Float -inf", float, 14, "-inf"},
		{"Float bad", float, 8, "error: bad argument #8 (number expected, got boolean)"},
		{"Float absent", float, 16, "error: bad argument #16 (number expected, got no value)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f(tc.n); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStringChecks(t *testing.T) {
	str := func(n int) string {
		s, err := String(allArg, n)
		return outcome(t, s, err)
	}
	opt := func(n int) string {
		s, err := OptString(allArg, n, "dflt")
		return outcome(t, s, err)
	}
	tests := []struct {
		name string
		f    func(int) string
		n    int
		want string
	}{
		{"String int", str, 1, "7"},
		{"String float", str, 2, "-3.0"},
		{"String string", str, 6, "abc"},
		{"String keeps spaces", str, 4, " 0x10 "},
		{"String nil", str, 7, "error: bad argument #7 (string expected, got nil)"},
		{"String table", str, 9, "error: bad argument #9 (string expected, got table)"},
		{"String __name", str, 11, "error: bad argument #11 (string expected, got MyType)"},
		{"String absent", str, 16, "error: bad argument #16 (string expected, got no value)"},
		{"OptString present", opt, 6, "abc"},
		{"OptString number", opt, 3, "0.5"},
		{"OptString nil", opt, 7, "dflt"},
		{"OptString absent", opt, 30, "dflt"},
		{"OptString bad", opt, 8, "error: bad argument #8 (string expected, got boolean)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f(tc.n); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTableCheck(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{9, "ok"},
		{11, "ok"}, // a table with a metatable is still a table
		{1, "error: bad argument #1 (table expected, got number)"},
		{6, "error: bad argument #6 (table expected, got string)"},
		{7, "error: bad argument #7 (table expected, got nil)"},
		{10, "error: bad argument #10 (table expected, got function)"},
		{16, "error: bad argument #16 (table expected, got no value)"},
	}
	for _, tc := range tests {
		tb, err := Table(allArg, tc.n)
		got := outcome(t, "ok", err)
		if got != tc.want {
			t.Errorf("Table(#%d) = %q, want %q", tc.n, got, tc.want)
		}
		if err == nil && tb != allArg[tc.n-1].AsTable() {
			t.Errorf("Table(#%d) returned another table", tc.n)
		}
		if err != nil && tb != nil {
			t.Errorf("Table(#%d) returned a table with its error", tc.n)
		}
	}
}

// TestCharge checks the quota billing: without a quota, billing never
// fails and Charging is false; with one, Charging is true, small bills
// pass and a bill beyond the quota fails with the vm's quota error.
func TestCharge(t *testing.T) {
	free := vm.NewState(vm.Options{}).Main()
	if Charging(free) {
		t.Error("Charging without a quota = true")
	}
	for _, n := range []int64{0, 1, ChargeInterval, math.MaxInt32} {
		if err := Charge(free, n); err != nil {
			t.Errorf("Charge(%d) without a quota = %v", n, err)
		}
	}
	limited := vm.NewState(vm.Options{MaxInstructions: 10_000}).Main()
	if !Charging(limited) {
		t.Error("Charging with a quota = false")
	}
	if err := Charge(limited, 10); err != nil {
		t.Errorf("Charge(10) against a quota of 10000 = %v", err)
	}
	err := Charge(limited, math.MaxInt32)
	if err == nil {
		t.Fatal("Charge(2^31-1) against a quota of 10000 did not fail")
	}
	var qe *vm.QuotaError
	if !errors.As(err, &qe) {
		t.Errorf("Charge error %v is a %T, want a *vm.QuotaError", err, err)
	}
}
