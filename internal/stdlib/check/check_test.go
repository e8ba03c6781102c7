package check

import (
	"testing"

	"github.com/tidelua/tide/internal/value"
)

func TestChecks(t *testing.T) {
	args := []value.Value{
		value.Int(3), value.Float(2.0), value.Float(2.5), value.String("10"),
		value.String("1.5"), value.String("x"), value.Nil, value.True,
	}
	ints := []struct {
		n    int
		want string
	}{
		{1, "3"}, {2, "2"}, {3, "bad argument #3 (number has no integer representation)"},
		{4, "10"}, {5, "bad argument #5 (number has no integer representation)"},
		{6, "bad argument #6 (number expected, got string)"}, {7, "bad argument #7 (number expected, got nil)"},
		{9, "bad argument #9 (number expected, got no value)"},
	}
	for _, tc := range ints {
		i, err := Int(args, tc.n)
		got := value.NumberToString(value.Int(i))
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Int(#%d) = %s, want %s", tc.n, got, tc.want)
		}
	}
	if i, err := OptInt(args, 7, 42); err != nil || i != 42 {
		t.Errorf("OptInt(nil) = %d, %v", i, err)
	}
	if s, err := String(args, 2); err != nil || s != "2.0" {
		t.Errorf("String(2.0) = %q, %v", s, err)
	}
	if _, err := String(args, 8); err == nil || err.Error() != "bad argument #8 (string expected, got boolean)" {
		t.Errorf("String(true) error = %v", err)
	}
	if n, err := Number(args, 4); err != nil || !n.IsInt() || n.AsInt() != 10 {
		t.Errorf("Number(\"10\") = %v, %v", n, err)
	}
	if err := Any(args, 9); err == nil || err.Error() != "bad argument #9 (value expected)" {
		t.Errorf("Any(#9) = %v", err)
	}
	if _, err := Table(args, 1); err == nil || err.Error() != "bad argument #1 (table expected, got number)" {
		t.Errorf("Table(#1) = %v", err)
	}
}
