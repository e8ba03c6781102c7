package value

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

func parseV(s string) Value {
	switch s[0] {
	case 'i':
		i, _ := strconv.ParseInt(s[1:], 10, 64)
		return Int(i)
	case 'f':
		switch s[1:] {
		case "nan":
			return Float(math.Float64frombits(0x7ff8000000000000))
		case "-nan":
			return Float(math.Float64frombits(0xfff8000000000000))
		}
		f, err := strconv.ParseFloat(s[1:], 64)
		if err != nil {
			panic(s)
		}
		return Float(f)
	}
	panic(s)
}

func showV(v Value) string {
	if v.IsBool() {
		return strconv.FormatBool(v.AsBool())
	}
	if v.IsInt() {
		return "i" + strconv.FormatInt(v.AsInt(), 10)
	}
	return "f" + FormatA(v.AsFloat(), -1, false)
}

func toF(v Value) float64 { f, _ := ToFloat(v); return f }

func TestZZArith(t *testing.T) {
	data, _ := os.ReadFile("/tmp/diff/arith_out.txt")
	bad := 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		a, b := parseV(f[0]), parseV(f[1])
		var got [7]string
		// %
		if a.IsInt() && b.IsInt() {
			if b.AsInt() == 0 {
				got[0], got[1] = "err", "err"
			} else {
				got[0] = showV(Int(IntMod(a.AsInt(), b.AsInt())))
				got[1] = showV(Int(IntFloorDiv(a.AsInt(), b.AsInt())))
			}
		} else {
			got[0] = showV(Float(FloatMod(toF(a), toF(b))))
			got[1] = showV(Float(FloatFloorDiv(toF(a), toF(b))))
		}
		got[2] = showV(Float(Pow(toF(a), toF(b))))
		lt, _ := LessThan(a, b)
		le, _ := LessEqual(a, b)
		got[3], got[4] = showV(Bool(lt)), showV(Bool(le))
		ai, ok1 := ToInteger(a)
		bi, ok2 := ToInteger(b)
		if ok1 && ok2 {
			got[5] = showV(Int(ShiftLeft(ai, bi)))
			got[6] = showV(Int(ShiftRight(ai, bi)))
		} else {
			got[5], got[6] = "err", "err"
		}
		if strings.Join(got[:], " ") != strings.Join(f[2:], " ") {
			bad++
			if bad < 20 {
				t.Errorf("%s %s: got %v want %v", f[0], f[1], got, f[2:])
			}
		}
	}
	t.Logf("bad %d", bad)
}
