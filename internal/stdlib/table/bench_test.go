package table

import (
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func BenchmarkSortInts(b *testing.B) {
	l := vm.NewState(vm.Options{}).Main()
	const n = 10000
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		t := value.NewTable(n, 0)
		for i := int64(1); i <= n; i++ {
			t.SetInt(i, value.Int(i*7919%10007))
		}
		args := []value.Value{value.TableValue(t)}
		b.StartTimer()
		if _, err := tabSort(l, args); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConcat(b *testing.B) {
	l := vm.NewState(vm.Options{}).Main()
	t := value.NewTable(100, 0)
	for i := int64(1); i <= 100; i++ {
		t.SetInt(i, value.String("item"))
	}
	args := []value.Value{value.TableValue(t), value.String(",")}
	b.ReportAllocs()
	for range b.N {
		if _, err := tabConcat(l, append([]value.Value(nil), args...)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInsertRemove(b *testing.B) {
	l := vm.NewState(vm.Options{}).Main()
	t := value.TableValue(value.NewTable(0, 0))
	b.ReportAllocs()
	for range b.N {
		tabInsert(l, []value.Value{t, value.Int(1)})
		tabRemove(l, []value.Value{t})
	}
}
