package value

import (
	"math"
	"os"
	"strings"
	"testing"
)

func TestZZPow(t *testing.T) {
	data, _ := os.ReadFile("/tmp/diff/arith_out.txt")
	hist := map[int64]int{}
	printDiff := 0
	total := 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		a, b := parseV(f[0]), parseV(f[1])
		got := Pow(toF(a), toF(b))
		want := parseV(f[4]).AsFloat()
		total++
		if math.Float64bits(got) == math.Float64bits(want) || (got != got && want != want) {
			continue
		}
		d := int64(math.Float64bits(got)) - int64(math.Float64bits(want))
		if d < 0 {
			d = -d
		}
		if d > 100 {
			d = 100
		}
		hist[d]++
		t.Logf("%s ^ %s: got %v want %v", f[0], f[1], FormatA(got, -1, false), FormatA(want, -1, false))
		if FormatFloat(got) != FormatFloat(want) {
			printDiff++
			if printDiff < 5 {
				t.Logf("%s ^ %s = %s want %s", f[0], f[1], FormatFloat(got), FormatFloat(want))
			}
		}
	}
	t.Logf("total %d hist %v printdiff %d", total, hist, printDiff)
}
