package string

import (
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func benchCall(b *testing.B, name string, args ...value.Value) {
	st := vm.NewState(vm.Options{})
	Open(st)
	l := st.Main()
	fn := (*vm.GoFunction)(st.Globals().GetStr("string").AsTable().GetStr(name).Object())
	buf := make([]value.Value, len(args))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		copy(buf, args)
		if _, err := fn.Fn(l, buf); err != nil {
			b.Fatal(err)
		}
	}
}

var benchText = value.String(strings.Repeat("hello world foo bar ", 50))

func BenchmarkGsub(b *testing.B) {
	benchCall(b, "gsub", benchText, value.String("%w+"), value.String("%0"))
}

func BenchmarkFindPattern(b *testing.B) {
	benchCall(b, "find", benchText, value.String("(b%a+)%s*$"))
}

func BenchmarkFindPlain(b *testing.B) {
	benchCall(b, "find", benchText, value.String("bar "), value.Int(500), value.True)
}

func BenchmarkMatchCaptures(b *testing.B) {
	benchCall(b, "match", value.String("key = value"), value.String("(%w+)%s*=%s*(%w+)"))
}

func BenchmarkFormat(b *testing.B) {
	benchCall(b, "format", value.String("%d %s %5.2f"), value.Int(42), value.String("x"), value.Float(3.14159))
}

func BenchmarkSub(b *testing.B) {
	benchCall(b, "sub", benchText, value.Int(10), value.Int(20))
}
