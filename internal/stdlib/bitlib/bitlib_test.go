package bitlib_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/bitlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func TestToBit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   value.Value
		want int32
	}{
		{value.Int(0xffffffff), -1},
		{value.Int(1<<32 + 5), 5},
		{value.Float(1.5), 2},
		{value.Float(2.5), 2},
		{value.Float(-1.5), -2},
		{value.Float(1<<60 + 3), 0},
		{value.Float(math.Inf(1)), 0},
		{value.Float(math.NaN()), 0},
		{value.Float(-2147483649), 2147483647},
		{value.Float(4294967295.0), -1},
	}
	for _, tc := range cases {
		if got := bitlib.ToBit(tc.in); got != tc.want {
			t.Errorf("ToBit(%v) = %d, want %d", value.NumberToString(tc.in), got, tc.want)
		}
	}
}

// The expected outputs are LuaJIT 2.1's.
func TestLua(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, src, want string }{
		{"tohex", `print(bit.tohex(255), bit.tohex(255, 2), bit.tohex(255, -4), bit.tohex(-1, 0), bit.tohex(-1, 12), bit.tohex(-1, -12), bit.tohex(0x12345678, 3), bit.tohex(1, 2^31), bit.tohex(1, -2^31))`,
			"000000ff\tff\t00FF\t\t0000ffffffff\t0000FFFFFFFF\t678\t\t\n"},
		{"logic", `print(bit.band(0xff, 0x0f, 0x3), bit.bor(1), bit.bxor(5, 3, 1), bit.bnot(0), bit.band(-1, 2^31), bit.bor(2^31, 1))`,
			"3\t1\t7\t-1\t-2147483648\t-2147483647\n"},
		{"shifts", `print(bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(1, 33), bit.rshift(-1, 28), bit.arshift(-256, 4), bit.lshift(1, -1))`,
			"-2147483648\t1\t2\t15\t-16\t-2147483648\n"},
		{"rotations", `print(bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678), bit.rol(1, 33), bit.ror(1, -1), bit.rol(5, 0))`,
			"878082066\t2014458966\t2018915346\t2\t2\t5\n"},
		{"strings", `print(bit.tobit("12"), bit.tobit(" 0x10 "), bit.band("3", 6))`, "12\t16\t2\n"},
		{"errors", `print(pcall(bit.band)) print(pcall(bit.band, "x")) print(pcall(bit.tohex, 1, "x")) print(pcall(bit.lshift, 1)) print(pcall(bit.tobit, {}))`,
			"false\tbad argument #1 to 'bit.band' (number expected, got no value)\nfalse\tbad argument #1 to 'bit.band' (number expected, got string)\n" +
				"false\tbad argument #2 to 'bit.tohex' (number expected, got string)\nfalse\tbad argument #2 to 'bit.lshift' (number expected, got no value)\n" +
				"false\tbad argument #1 to 'bit.tobit' (number expected, got table)\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			st := vm.NewState(vm.Options{Stdout: &out})
			base.Open(st)
			bitlib.Open(st)
			fn, err := st.Load([]byte(tc.src), "=test", "t", value.Nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Main().Call(fn); err != nil {
				t.Fatalf("%v\noutput: %s", err, out.String())
			}
			if out.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", out.String(), tc.want)
			}
		})
	}
}

func BenchmarkBand(b *testing.B) {
	st := vm.NewState(vm.Options{})
	base.Open(st)
	bitlib.Open(st)
	fn, err := st.Load([]byte(`local band, x = bit.band, 0 for i = 1, 1000 do x = band(x + i, 0xffff) end`), "=bench", "t", value.Nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Main().Call(fn); err != nil {
			b.Fatal(err)
		}
	}
}
