// Package bitlib is LuaJIT's bit library (BitOp: bit.band, bit.tohex,
// ...), for the luajit language mode and for require("bit").
//
// The operations work on 32-bit integers exactly as LuaJIT's: every
// argument is first reduced to a signed 32-bit integer (bit.tobit) and
// every result is a signed 32-bit integer, so bit.bnot(0) is -1 and
// bit.lshift(1, 31) is -2147483648. Shift counts use their low 5 bits.
// LuaJIT's 64-bit cdata arguments do not exist in tide.
package bitlib

import (
	"math"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// New returns a fresh bit library table.
func New() *value.Table {
	t := value.NewTable(0, 12)
	reg := vm.Registrar(t, "bit")
	reg("tobit", unary(func(x int32) int32 { return x }))
	reg("bnot", unary(func(x int32) int32 { return ^x }))
	reg("bswap", unary(func(x int32) int32 {
		u := uint32(x)
		return int32(u>>24 | u>>8&0xff00 | u<<8&0xff0000 | u<<24)
	}))
	reg("band", fold(func(a, b int32) int32 { return a & b }))
	reg("bor", fold(func(a, b int32) int32 { return a | b }))
	reg("bxor", fold(func(a, b int32) int32 { return a ^ b }))
	reg("lshift", shift(func(x int32, n uint) int32 { return int32(uint32(x) << n) }))
	reg("rshift", shift(func(x int32, n uint) int32 { return int32(uint32(x) >> n) }))
	reg("arshift", shift(func(x int32, n uint) int32 { return x >> n }))
	reg("rol", shift(func(x int32, n uint) int32 {
		u := uint32(x)
		return int32(u<<n | u>>((32-n)&31))
	}))
	reg("ror", shift(func(x int32, n uint) int32 {
		u := uint32(x)
		return int32(u>>n | u<<((32-n)&31))
	}))
	reg("tohex", tohex)
	return t
}

// Open registers the bit library as the global bit and in
// package.loaded (as LuaJIT has it).
func Open(st *vm.State) value.Value {
	t := value.TableValue(New())
	st.Globals().SetStr("bit", t)
	return t
}

// ToBit reduces a number to a signed 32-bit integer as LuaJIT's
// lj_num2bit does: integers keep their low 32 bits; floats are rounded
// to the nearest integer (ties to even) by adding 2^52+2^51 and keeping
// the low 32 bits of the result's representation, so NaN and infinities
// give 0 and huge values give what LuaJIT gives.
func ToBit(v value.Value) int32 {
	if v.IsInt() {
		return int32(v.AsInt())
	}
	f := v.AsFloat()
	if f != f {
		return 0 // x86's default NaN has an empty payload
	}
	return int32(uint32(math.Float64bits(f + 6755399441055744.0)))
}

// arg returns argument n as a 32-bit integer (lj_lib_checkbit): numbers
// and strings that convert to numbers.
func arg(args []value.Value, n int) (int32, error) {
	if n <= len(args) && args[n-1].IsInt() {
		return int32(args[n-1].AsInt()), nil
	}
	v, err := check.Number(args, n)
	if err != nil {
		return 0, err
	}
	return ToBit(v), nil
}

func ret(l *vm.Thread, x int32) []value.Value { return l.Ret1(value.Int(int64(x))) }

func unary(f func(int32) int32) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		x, err := arg(args, 1)
		if err != nil {
			return nil, err
		}
		return ret(l, f(x)), nil
	}
}

// fold applies f over one or more arguments (band, bor, bxor).
func fold(f func(a, b int32) int32) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		x, err := arg(args, 1)
		if err != nil {
			return nil, err
		}
		for i := 2; i <= len(args); i++ {
			y, err := arg(args, i)
			if err != nil {
				return nil, err
			}
			x = f(x, y)
		}
		return ret(l, x), nil
	}
}

func shift(f func(x int32, n uint) int32) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		x, err := arg(args, 1)
		if err != nil {
			return nil, err
		}
		n, err := arg(args, 2)
		if err != nil {
			return nil, err
		}
		return ret(l, f(x, uint(n&31))), nil
	}
}

// tohex is bit.tohex(x [, n]): the low |n| hex digits of x (8 by
// default, at most 16 with the 32-bit value zero-extended, as LuaJIT 2.1
// does), upper case when n is negative.
func tohex(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	x, err := arg(args, 1)
	if err != nil {
		return nil, err
	}
	n := int32(8)
	if len(args) >= 2 {
		if n, err = arg(args, 2); err != nil {
			return nil, err
		}
	}
	digits := "0123456789abcdef"
	if n < 0 {
		n = -n // -2^31 stays negative: no digits, as in LuaJIT
		digits = "0123456789ABCDEF"
	}
	n = min(n, 16)
	if n <= 0 {
		return l.Ret1(value.String("")), nil
	}
	var buf [16]byte
	u := uint64(uint32(x))
	for i := n - 1; i >= 0; i-- {
		buf[i] = digits[u&15]
		u >>= 4
	}
	return l.Ret1(value.String(string(buf[:n]))), nil
}
