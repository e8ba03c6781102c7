package table_test

import (
	"errors"
	"testing"

	"github.com/tidelua/tide/internal/vm"
)

// TestQuotaStopsLongLoops checks that the library's long Go loops bill
// their work to Options.MaxInstructions: each script would run for a
// very long time (or until memory runs out) without the quota, and must
// instead stop with the vm's quota error.
func TestQuotaStopsLongLoops(t *testing.T) {
	const big = `local t = {string.byte(string.rep("a", 100000), 1, -1)} `
	tests := []struct{ name, src string }{
		{"move forward", `table.move({}, 1, 1 << 40, 1, {})`},
		{"move backward", `local t = {} table.move(t, 1, 1 << 40, 2)`},
		{"insert shifts", big + `for i = 1, 1000 do table.insert(t, 1, 0) end`},
		{"remove shifts", big + `for i = 1, 1000 do table.remove(t, 1) end`},
		{"concat", big + `for i = 1, 1000 do table.concat(t) end`},
		{"sort", big + `for i = 1, 100 do table.sort(t, nil) table.sort(t) end`},
		{"sort comparator", big + `table.sort(t, function(a, b) return a > b end)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := runLua(t, tc.src, vm.Options{MaxInstructions: 1_000_000})
			var qe *vm.QuotaError
			if !errors.As(err, &qe) {
				t.Fatalf("got error %v (%T), want a *vm.QuotaError", err, err)
			}
		})
	}
}
