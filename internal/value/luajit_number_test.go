package value

import (
	"math"
	"testing"
)

// The expected strings are LuaJIT 2.1's print output.
func TestNumberToStringLuaJIT(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{Float(5), "5"},
		{Float(math.Pow(2, 53)), "9.007199254741e+15"},
		{Float(1e15), "1e+15"},
		{Float(math.Copysign(0, -1)), "-0"},
		{Float(math.Inf(1)), "inf"},
		{Float(math.Inf(-1)), "-inf"},
		{Float(math.NaN()), "nan"},
		{Float(-math.NaN()), "nan"},
		{Float(0.1), "0.1"},
		{Float(1.0 / 3), "0.33333333333333"},
		{Float(math.Pow(2, 63)), "9.2233720368548e+18"},
		{Float(12345678901234.5), "12345678901235"},
		{Float(1234567890123.25), "1234567890123.3"},
		{Float(-123456789012345), "-1.2345678901235e+14"},
		{Float(123456789012355), "1.2345678901236e+14"},
		{Float(2.5), "2.5"},
		{Int(123456789012345), "1.2345678901235e+14"},
		{Int(123456789012344), "1.2345678901234e+14"},
		{Int(99999999999999), "99999999999999"},
		{Int(-99999999999999), "-99999999999999"},
		{Int(100000000000000), "1e+14"},
		{Int(math.MaxInt64), "9.2233720368548e+18"},
		{Int(math.MinInt64), "-9.2233720368548e+18"},
		{Int(0), "0"},
	}
	for _, tc := range cases {
		if got := NumberToStringLuaJIT(tc.v); got != tc.want {
			t.Errorf("NumberToStringLuaJIT(%s) = %q, want %q", NumberToString(tc.v), got, tc.want)
		}
		if got := string(AppendNumberLuaJIT([]byte("x"), tc.v)); got != "x"+tc.want {
			t.Errorf("AppendNumberLuaJIT(%s) = %q", NumberToString(tc.v), got)
		}
	}
}

func BenchmarkNumberToStringLuaJIT(b *testing.B) {
	vs := []Value{Float(5), Float(0.1), Float(1.0 / 3), Float(2.5), Int(42)}
	var buf [32]byte
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vs {
			AppendNumberLuaJIT(buf[:0], v)
		}
	}
}
