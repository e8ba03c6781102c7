package value

import (
	"math"
	"runtime"
	"strconv"
	"testing"
)

// Expected values printed by lua5.4 (amd64).

func TestIntArith(t *testing.T) {
	const minInt, maxInt = math.MinInt64, math.MaxInt64
	tests := []struct {
		name string
		got  int64
		want int64
	}{
		{"7 // -2", IntFloorDiv(7, -2), -4},
		{"-7 // 2", IntFloorDiv(-7, 2), -4},
		{"-7 // -2", IntFloorDiv(-7, -2), 3},
		{"7 // 2", IntFloorDiv(7, 2), 3},
		{"-8 // 2", IntFloorDiv(-8, 2), -4},
		{"minint // -1", IntFloorDiv(minInt, -1), minInt},
		{"minint // 1", IntFloorDiv(minInt, 1), minInt},
		{"maxint // -1", IntFloorDiv(maxInt, -1), -maxInt},
		{"-7 % 3", IntMod(-7, 3), 2},
		{"7 % -3", IntMod(7, -3), -2},
		{"-7 % -3", IntMod(-7, -3), -1},
		{"6 % -3", IntMod(6, -3), 0},
		{"minint % -1", IntMod(minInt, -1), 0},
		{"minint % maxint", IntMod(minInt, maxInt), maxInt - 1},
		{"1 << 63", ShiftLeft(1, 63), minInt},
		{"1 << 64", ShiftLeft(1, 64), 0},
		{"-1 >> 1", ShiftRight(-1, 1), maxInt},
		{"-1 >> 63", ShiftRight(-1, 63), 1},
		{"1 << -1", ShiftLeft(1, -1), 0},
		{"2 >> -1", ShiftRight(2, -1), 4},
		{"-1 << 0", ShiftLeft(-1, 0), -1},
		{"3 >> minint", ShiftRight(3, minInt), 0},
		{"1 << minint", ShiftLeft(1, minInt), 0},
		{"1 << maxint", ShiftLeft(1, maxInt), 0},
		{"-1 >> 64", ShiftRight(-1, 64), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %d, want %d", tc.got, tc.want)
			}
		})
	}
}

func TestFloatArith(t *testing.T) {
	inf := math.Inf(1)
	negZero := math.Copysign(0, -1)
	tests := []struct {
		name string
		got  float64
		want string // FormatFloat of the lua5.4 result
		// NaN signs are the x86 hardware's; only checked on amd64.
		nanSign bool
	}{
		{"-5.5 % -2", FloatMod(-5.5, -2), "-1.5", false},
		{"5.5 % -2", FloatMod(5.5, -2), "-0.5", false},
		{"-5.5 % 2", FloatMod(-5.5, 2), "0.5", false},
		{"3.5 % 2", FloatMod(3.5, 2), "1.5", false},
		{"5 % inf", FloatMod(5, inf), "5.0", false},
		{"-5 % inf", FloatMod(-5, inf), "inf", false},
		{"5 % -inf", FloatMod(5, -inf), "-inf", false},
		{"-5 % -inf", FloatMod(-5, -inf), "-5.0", false},
		{"0.0 % -2", FloatMod(0, -2), "0.0", false},
		{"-0.0 % 2", FloatMod(negZero, 2), "-0.0", false},
		{"1 % 0.0", FloatMod(1, 0), "-nan", true},
		{"5.3 % -0.0", FloatMod(5.3, negZero), "-nan", true},
		{"inf % 2", FloatMod(inf, 2), "-nan", true},
		{"(0/0) % 1", FloatMod(negNaN, 1), "-nan", true},
		{"-(0/0) % 0.0", FloatMod(posNaN, 0), "nan", true},
		{"7.0 // 0", FloatFloorDiv(7, 0), "inf", false},
		{"-7 // 0.0", FloatFloorDiv(-7, 0), "-inf", false},
		{"inf // 1", FloatFloorDiv(inf, 1), "inf", false},
		{"-7.5 // 2", FloatFloorDiv(-7.5, 2), "-4.0", false},
		{"-(0/0) // 1", FloatFloorDiv(posNaN, 1), "nan", true},
		{"(0/0) // 1", FloatFloorDiv(negNaN, 1), "-nan", true},
		{"2 ^ 10", Pow(2, 10), "1024.0", false},
		{"3 ^ 2", Pow(3, 2), "9.0", false},
		{"2 ^ -1", Pow(2, -1), "0.5", false},
		{"(0/0) ^ 0.5", Pow(negNaN, 0.5), "-nan", true},
		{"-(0/0) ^ 0.5", Pow(posNaN, 0.5), "nan", true},
		{"2 ^ (0/0)", Pow(2, negNaN), "-nan", true},
		{"2 ^ -(0/0)", Pow(2, posNaN), "nan", true},
		{"1 ^ (0/0)", Pow(1, negNaN), "1.0", false},
		{"(0/0) ^ 0", Pow(negNaN, 0), "1.0", false},
		{"(-8) ^ (1/3)", Pow(-8, 1.0/3), "-nan", true},
		{"0 ^ -1", Pow(0, -1), "inf", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FormatFloat(tc.got)
			want := tc.want
			if tc.nanSign && runtime.GOARCH != "amd64" && tc.got != tc.got {
				got, want = "nan", "nan"
			}
			if got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	const maxInt, minInt = math.MaxInt64, math.MinInt64
	nan := negNaN
	two63 := math.Ldexp(1, 63)
	type cmp struct {
		name   string
		a, b   Value
		lt, le bool
	}
	tests := []cmp{
		{"nan < maxint", Float(nan), Int(maxInt), false, false},
		{"maxint < nan", Int(maxInt), Float(nan), false, false},
		{"nan < minint", Float(nan), Int(minInt), false, false},
		{"minint < nan", Int(minInt), Float(nan), false, false},
		{"-nan < maxint", Float(posNaN), Int(maxInt), false, false},
		{"1 < nan", Int(1), Float(nan), false, false},
		{"nan < nan", Float(nan), Float(nan), false, false},
		{"maxint < 2^63", Int(maxInt), Float(two63), true, true},
		{"2^63 < maxint", Float(two63), Int(maxInt), false, false},
		{"minint < -2^63", Int(minInt), Float(-two63), false, true},
		{"-2^63 < minint", Float(-two63), Int(minInt), false, true},
		{"maxint-1 < 2^63-1024", Int(maxInt - 1), Float(two63 - 1024), false, false},
		{"2^53+1 < 2^53+2.0", Int(1<<53 + 1), Float(1<<53 + 2), true, true},
		{"2^53+1 < 2^53+0.0", Int(1<<53 + 1), Float(1 << 53), false, false},
		{"2^53+0.0 < 2^53+1", Float(1 << 53), Int(1<<53 + 1), true, true},
		{"maxint < inf", Int(maxInt), Float(math.Inf(1)), true, true},
		{"-inf < minint", Float(math.Inf(-1)), Int(minInt), true, true},
		{"minint < -inf", Int(minInt), Float(math.Inf(-1)), false, false},
		{"2^53+1 vs 2^53+0.5?", Int(1<<53 + 1), Float(1<<53 + 1.5), true, true},
		{"-(2^53+1) vs float", Int(-(1<<53 + 1)), Float(-(1 << 53)), true, true},
		{"1 < 1.5", Int(1), Float(1.5), true, true},
		{"1.5 < 1", Float(1.5), Int(1), false, false},
		{"1 < 1.0", Int(1), Float(1), false, true},
		{"2 < 1", Int(2), Int(1), false, false},
		{"-0.0 < 0", Float(math.Copysign(0, -1)), Int(0), false, true},
		{"a < b", String("a"), String("b"), true, true},
		{"a\\0b < a", String("a\x00b"), String("a"), false, false},
		{"a < a\\0", String("a"), String("a\x00"), true, true},
		{"\\255 < a", String("\xff"), String("a"), false, false},
		{"'' < \\0", String(""), String("\x00"), true, true},
		{"abc <= abc", String("abc"), String("abc"), false, true},
		{"Z < a", String("Z"), String("a"), true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lt, ok1 := LessThan(tc.a, tc.b)
			le, ok2 := LessEqual(tc.a, tc.b)
			if !ok1 || !ok2 || lt != tc.lt || le != tc.le {
				t.Errorf("< = %v,%v  <= = %v,%v; want %v, %v", lt, ok1, le, ok2, tc.lt, tc.le)
			}
		})
	}
	for _, pair := range [][2]Value{{Int(1), String("2")}, {String("1"), Int(2)}, {Nil, Nil}, {True, False}} {
		if _, ok := LessThan(pair[0], pair[1]); ok {
			t.Errorf("LessThan(%v, %v) ok", pair[0], pair[1])
		}
		if _, ok := LessEqual(pair[0], pair[1]); ok {
			t.Errorf("LessEqual(%v, %v) ok", pair[0], pair[1])
		}
	}
}

func TestFloatToIntRounding(t *testing.T) {
	tests := []struct {
		f           float64
		floor, ceil int64
		ok          bool
	}{
		{1.5, 1, 2, true},
		{-1.5, -2, -1, true},
		{3, 3, 3, true},
		{math.Ldexp(1, 63), 0, 0, false},
		{-math.Ldexp(1, 63), math.MinInt64, math.MinInt64, true},
		{math.NaN(), 0, 0, false},
		{math.Inf(-1), 0, 0, false},
	}
	for _, tc := range tests {
		fl, ok1 := FloorToInt(tc.f)
		ce, ok2 := CeilToInt(tc.f)
		if ok1 != tc.ok || ok2 != tc.ok || (tc.ok && (fl != tc.floor || ce != tc.ceil)) {
			t.Errorf("%v: floor %d,%v ceil %d,%v", tc.f, fl, ok1, ce, ok2)
		}
	}
}

func BenchmarkPow(b *testing.B) {
	cases := []struct {
		name string
		x, y float64
	}{
		{"int3", 1.1, 3},
		{"int50", 1.01, 50},
		{"frac", 1.5, 2.7},
		{"sqrt", 7, 0.5},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s := 0.0
			for i := 0; i < b.N; i++ {
				s += Pow(c.x, c.y)
			}
			_ = s
		})
		b.Run(c.name+"/math", func(b *testing.B) {
			s := 0.0
			for i := 0; i < b.N; i++ {
				s += math.Pow(c.x, c.y)
			}
			_ = s
		})
	}
}

// TestPowAccuracy: cases where Go's math.Pow is several ulps off and lua5.4
// (glibc's correctly rounded pow) is not; expected results printed by
// lua5.4 with %a.
func TestPowAccuracy(t *testing.T) {
	tests := []struct{ x, y, want string }{
		{"0x1.3666666666666p+4", "-64", "0x1.27e6f0aadcbdfp-274"},
		{"402", "0x1.35p+6", "0x1.39cf1dd35f32cp+668"},
		{"0x1.04ccccccccccdp+6", "-0x1.3c44444444444p+5", "0x1.abb6e9bd8fe0ep-239"},
		{"9007199254740993", "-0.5", "0x1.6a09e667f3bcdp-27"},
		{"750", "94", "0x1.b49be2cc42031p+897"},
		{"-707", "-108", "0x0.d2ab0aae82345p-1022"},
		{"0x1.a4p+6", "-153", "0x0.0697395752f21p-1022"},
		{"10", "22", "0x1.0f0cf064dd592p+73"},
		{"10", "-5", "0x1.4f8b588e368f1p-17"},
		{"2", "-1074", "0x0.0000000000001p-1022"},
		{"2", "1023.5", "0x1.6a09e667f3bcdp+1023"},
		{"-2", "1025", "-inf"},
		{"0.5", "1075", "0x0p+0"},
		{"-1", "0x1p+63", "0x1p+0"},
		{"-1", "9007199254740993", "0x1p+0"}, // 2^53 as a float: even
		{"-1", "-3", "-0x1p+0"},
		{"1.0000001", "1e10", "inf"},
	}
	for _, tc := range tests {
		t.Run(tc.x+"^"+tc.y, func(t *testing.T) {
			x, _ := strconv.ParseFloat(tc.x, 64)
			y, _ := strconv.ParseFloat(tc.y, 64)
			if got := FormatA(Pow(x, y), -1, false); got != tc.want {
				t.Errorf("Pow(%s, %s) = %s, want %s", tc.x, tc.y, got, tc.want)
			}
		})
	}
}
