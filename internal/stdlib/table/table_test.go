package table

import (
	"errors"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func I(i int64) value.Value  { return value.Int(i) }
func S(s string) value.Value { return value.String(s) }

func list(vs ...value.Value) value.Value {
	t := value.NewTable(len(vs), 0)
	for i, v := range vs {
		t.SetInt(int64(i+1), v)
	}
	return value.TableValue(t)
}

func ints(is ...int64) value.Value {
	vs := make([]value.Value, len(is))
	for i, n := range is {
		vs[i] = I(n)
	}
	return list(vs...)
}

func str(v value.Value) string {
	switch {
	case v.IsNil():
		return "nil"
	case v.IsTable():
		t := v.AsTable()
		var parts []string
		for i := int64(1); i <= t.Len(); i++ {
			parts = append(parts, str(t.GetInt(i)))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	s, _ := value.ToStringCoerce(v)
	return s
}

func render(res []value.Value, err error) string {
	if err != nil {
		var ae *vm.ArgErr
		if errors.As(err, &ae) {
			return "error: " + ae.Error()
		}
		return "error: " + err.Error()
	}
	parts := make([]string, len(res))
	for i, v := range res {
		parts[i] = str(v)
	}
	return strings.Join(parts, " ")
}

// Expectations from lua5.4; "=> t" appends the first argument's final
// contents.
func TestLib(t *testing.T) {
	l := vm.NewState(vm.Options{}).Main()
	sorted := make([]int64, 300)
	for i := range sorted {
		sorted[i] = int64((i + 1) * 7919 % 1009)
	}
	tests := []struct {
		name string
		fn   vm.Fn
		args []value.Value
		want string
	}{
		{"insert end", tabInsert, []value.Value{ints(1, 2, 3), I(4)}, " => {1,2,3,4}"},
		{"insert front", tabInsert, []value.Value{ints(1, 2, 3), I(1), I(0)}, " => {0,1,2,3}"},
		{"insert at n+1", tabInsert, []value.Value{ints(1, 2, 3), I(4), I(9)}, " => {1,2,3,9}"},
		{"insert bad pos", tabInsert, []value.Value{ints(1), I(5), I(2)}, "error: bad argument #2 (position out of bounds)"},
		{"insert pos 0", tabInsert, []value.Value{ints(1), I(0), I(2)}, "error: bad argument #2 (position out of bounds)"},
		{"insert 4 args", tabInsert, []value.Value{ints(1), I(1), I(2), I(3)}, "error: wrong number of arguments to 'insert'"},
		{"insert 1 arg", tabInsert, []value.Value{ints(1)}, "error: wrong number of arguments to 'insert'"},
		{"insert nil", tabInsert, []value.Value{value.Nil, I(2)}, "error: bad argument #1 (table expected, got nil)"},
		{"remove last", tabRemove, []value.Value{ints(1, 2, 3)}, "3 => {1,2}"},
		{"remove first", tabRemove, []value.Value{ints(1, 2, 3), I(1)}, "1 => {2,3}"},
		{"remove n+1", tabRemove, []value.Value{ints(1, 2, 3), I(4)}, "nil => {1,2,3}"},
		{"remove empty 0", tabRemove, []value.Value{ints(), I(0)}, "nil => {}"},
		{"remove empty", tabRemove, []value.Value{ints()}, "nil => {}"},
		{"remove bad", tabRemove, []value.Value{ints(1, 2), I(5)}, "error: bad argument #1 (position out of bounds)"},
		{"concat sep", tabConcat, []value.Value{ints(1, 2, 3), S(", ")}, "1, 2, 3 => {1,2,3}"},
		{"concat i", tabConcat, []value.Value{list(S("a"), S("b"), S("c")), S(""), I(2)}, "bc => {a,b,c}"},
		{"concat empty range", tabConcat, []value.Value{ints(1, 2, 3), S("-"), I(3), I(2)}, " => {1,2,3}"},
		{"concat numbers", tabConcat, []value.Value{list(I(1), value.Float(2.5), S("x"))}, "12.5x => {1,2.5,x}"},
		{"concat bad", tabConcat, []value.Value{list(I(1), list(), I(3))}, "error: invalid value (table) at index 2 in table for 'concat'"},
		{"concat nil", tabConcat, []value.Value{ints(1, 2, 3), S(", "), I(2), I(5)}, "error: invalid value (nil) at index 4 in table for 'concat'"},
		{"unpack", tabUnpack, []value.Value{ints(1, 2, 3)}, "1 2 3 => {1,2,3}"},
		{"unpack i", tabUnpack, []value.Value{ints(1, 2, 3), I(2)}, "2 3 => {1,2,3}"},
		{"unpack i j", tabUnpack, []value.Value{ints(1, 2, 3), I(-1), I(1)}, "nil nil 1 => {1,2,3}"},
		{"unpack too many", tabUnpack, []value.Value{ints(), I(1), I(10000000)}, "error: too many results to unpack"},
		{"move down", tabMove, []value.Value{ints(1, 2, 3, 4, 5), I(2), I(4), I(1)}, "{2,3,4,4,5} => {2,3,4,4,5}"},
		{"move up", tabMove, []value.Value{ints(1, 2, 3, 4, 5), I(1), I(3), I(3)}, "{1,2,1,2,3} => {1,2,1,2,3}"},
		{"move other", tabMove, []value.Value{ints(1, 2, 3), I(1), I(3), I(1), list()}, "{1,2,3} => {1,2,3}"},
		{"move wrap", tabMove, []value.Value{ints(1, 2, 3), I(1), I(1<<63 - 1), I(2)}, "error: bad argument #4 (destination wrap around)"},
		{"move too many", tabMove, []value.Value{ints(1, 2, 3), I(-1), I(1<<63 - 1), I(2)}, "error: bad argument #3 (too many elements to move)"},
		{"sort ints", tabSort, []value.Value{ints(5, 2, 8, 1, 9, 3, 7, 4, 6, 0, 11, 15, 13, 12, 14, 10)}, " => {0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15}"},
		{"sort strings", tabSort, []value.Value{list(S("banana"), S("apple"), S("cherry"), S("date"))}, " => {apple,banana,cherry,date}"},
		{"sort bad cmp", tabSort, []value.Value{ints(3, 1, 2), I(1)}, "error: bad argument #2 (function expected, got number)"},
		{"pack", tabPack, []value.Value{I(1), value.Nil, I(3)}, "{1,nil,3} => 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(tc.fn(l, append([]value.Value(nil), tc.args...)))
			if !strings.HasPrefix(got, "error") && len(tc.args) > 0 {
				got += " => " + str(tc.args[0])
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("sort 300", func(t *testing.T) {
		v := ints(sorted...)
		if _, err := tabSort(l, []value.Value{v}); err != nil {
			t.Fatal(err)
		}
		tb := v.AsTable()
		if got := str(tb.GetInt(1)) + " " + str(tb.GetInt(100)) + " " + str(tb.GetInt(300)); got != "1 336 1006" {
			t.Errorf("got %s, want 1 336 1006", got)
		}
	})
	t.Run("pack n", func(t *testing.T) {
		r, _ := tabPack(l, []value.Value{I(1), value.Nil, I(3)})
		p := r[0].AsTable()
		if got := str(p.GetStr("n")) + str(p.GetInt(3)); got != "33" {
			t.Errorf("pack: n..t[3] = %s", got)
		}
	})
}
