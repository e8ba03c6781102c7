package string

import (
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// The library functions must return a result or an error for any input,
// never panic.

func FuzzFormat(f *testing.F) {
	for _, s := range []string{"%d", "%5.2f|%-3s", "%q", "%#x %o", "%.99f", "%a %A", "%c%c", "%", "%10.3", "%-+ #0d", "%s%s%s"} {
		f.Add(s, int64(42), 3.5, "str")
	}
	st := vm.NewState(vm.Options{})
	Open(st)
	l := st.Main()
	f.Fuzz(func(t *testing.T, format string, i int64, x float64, s string) {
		strFormat(l, []value.Value{value.String(format), value.Int(i), value.Float(x), value.String(s), value.Int(i)})
		strFormat(l, []value.Value{value.String(format), value.String(s), value.Float(x)})
	})
}

func FuzzPack(f *testing.F) {
	for _, s := range []string{"i4", "<i8 >I2", "z s1 c3", "!4 b Xi4 d", "j n f", "i16", "s"} {
		f.Add(s, int64(7), "data\x00more")
	}
	st := vm.NewState(vm.Options{})
	Open(st)
	l := st.Main()
	f.Fuzz(func(t *testing.T, format string, i int64, s string) {
		strPack(l, []value.Value{value.String(format), value.Int(i), value.String(s), value.Float(float64(i))})
		strUnpack(l, []value.Value{value.String(format), value.String(s), value.Int(i % 8)})
		strPackSize(l, []value.Value{value.String(format)})
	})
}

func FuzzStringFuncs(f *testing.F) {
	f.Add("hello world", "o", "%0%0", int64(1), int64(-1))
	f.Add("a(b)c", "%b()", "x", int64(-3), int64(100))
	st := vm.NewState(vm.Options{})
	Open(st)
	l := st.Main()
	f.Fuzz(func(t *testing.T, s, pat, repl string, i, j int64) {
		S, P, R, I, J := value.String(s), value.String(pat), value.String(repl), value.Int(i), value.Int(j%64)
		strSub(l, []value.Value{S, I, J})
		strByte(l, []value.Value{S, I, J})
		strRep(l, []value.Value{P, value.Int(j % 64), R})
		strFind(l, []value.Value{S, P, I})
		strMatch(l, []value.Value{S, P, I})
		strGsub(l, []value.Value{S, P, R, J})
	})
}
