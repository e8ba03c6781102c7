package value

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

var (
	negNaN = math.Float64frombits(0xfff8000000000000) // 0/0 on amd64
	posNaN = math.Float64frombits(0x7ff8000000000000) // -(0/0)
)

// Expected strings printed by lua5.4's tostring.
func TestFormatFloat(t *testing.T) {
	tests := []struct {
		name string
		f    float64
		want string
	}{
		{"0/0", negNaN, "-nan"},
		{"-(0/0)", posNaN, "nan"},
		{"1/0", math.Inf(1), "inf"},
		{"-1/0", math.Inf(-1), "-inf"},
		{"0.0", 0, "0.0"},
		{"-0.0", math.Copysign(0, -1), "-0.0"},
		{"1e15", 1e15, "1e+15"},
		{"1e100", 1e100, "1e+100"},
		{"1e14", 1e14, "1e+14"},
		{"1e16", 1e16, "1e+16"},
		{"pi", math.Pi, "3.1415926535898"},
		{"1e-5", 1e-5, "1e-05"},
		{"123456789012345.0", 123456789012345.0, "1.2345678901234e+14"},
		{"1234567890123456.0", 1234567890123456.0, "1.2345678901235e+15"},
		{"2^63", 1 << 63, "9.2233720368548e+18"},
		{"-2^63", -(1 << 63), "-9.2233720368548e+18"},
		{"0.1", 0.1, "0.1"},
		{"100.0", 100, "100.0"},
		{"5e-324", 5e-324, "4.9406564584125e-324"},
		{"max", math.MaxFloat64, "1.7976931348623e+308"},
		{"-1e-300", -1e-300, "-1e-300"},
		{"2^53", 1 << 53, "9.007199254741e+15"},
		{"1/3", 1.0 / 3, "0.33333333333333"},
		{"-1.5", -1.5, "-1.5"},
		{"3.0", 3, "3.0"},
		{"tie to even", 12345678901234.5, "12345678901234.0"},
		{"0.1+0.2", 0.30000000000000004, "0.3"},
		{"1e-310", 1e-310, "1e-310"},
		{"255/256", 255.0 / 256, "0.99609375"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatFloat(tc.f); got != tc.want {
				t.Errorf("FormatFloat(%v) = %q, want %q", tc.f, got, tc.want)
			}
			if got := NumberToString(Float(tc.f)); got != tc.want {
				t.Errorf("NumberToString = %q, want %q", got, tc.want)
			}
		})
	}
	if got := NumberToString(Int(math.MinInt64)); got != "-9223372036854775808" {
		t.Errorf("NumberToString(minint) = %q", got)
	}
}

// parseSpec parses a C conversion specification such as "%-+12.3e".
func parseSpec(t *testing.T, s string) FloatFormat {
	t.Helper()
	spec := FloatFormat{Prec: -1}
	i := 1
	for ; strings.IndexByte("-+ #0", s[i]) >= 0; i++ {
		switch s[i] {
		case '-':
			spec.Minus = true
		case '+':
			spec.Plus = true
		case ' ':
			spec.Space = true
		case '#':
			spec.Alt = true
		case '0':
			spec.Zero = true
		}
	}
	for ; s[i] >= '0' && s[i] <= '9'; i++ {
		spec.Width = spec.Width*10 + int(s[i]-'0')
	}
	if s[i] == '.' {
		spec.Prec = 0
		for i++; s[i] >= '0' && s[i] <= '9'; i++ {
			spec.Prec = spec.Prec*10 + int(s[i]-'0')
		}
	}
	spec.Verb = s[i]
	return spec
}

// TestFormatCGolden compares with string.format output of lua5.4 for many
// specifications and values (testdata/cformat.golden: format, input as %a,
// expected output; a trailing "|" in a format is literal).
func TestFormatCGolden(t *testing.T) {
	f, err := os.Open("testdata/cformat.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("bad golden line %q", line)
		}
		format, in, want := parts[0], parts[1], parts[2]
		x, err := strconv.ParseFloat(in, 64)
		if err != nil {
			t.Fatalf("bad input %q: %v", in, err)
		}
		spec := parseSpec(t, format)
		got := string(AppendFloatC(nil, x, spec))
		if strings.HasSuffix(format, "|") {
			got += "|"
		}
		if got != want {
			t.Errorf("format(%q, %s) = %q, want %q", format, in, got, want)
		}
		n++
	}
	if n < 1000 {
		t.Errorf("only %d golden cases", n)
	}
}

func TestFormatCSpecials(t *testing.T) {
	tests := []struct {
		format string
		f      float64
		want   string
	}{
		{"%f", negNaN, "-nan"},
		{"%f", posNaN, "nan"},
		{"%+f", posNaN, "+nan"},
		{"% f", posNaN, " nan"},
		{"%010f", math.Inf(1), "       inf"},
		{"%-10f", math.Inf(-1), "-inf      "},
		{"%E", math.Inf(1), "INF"},
		{"%G", negNaN, "-NAN"},
		{"%a", math.Inf(1), "inf"},
		{"%a", negNaN, "-nan"},
		{"%.0a", 1.5, "0x2p+0"},
		{"%.0a", 2.5, "0x1p+1"},
		{"%.1a", 1.96875, "0x2.0p+0"},
		{"%a", 5e-324, "0x0.0000000000001p-1022"},
		{"%010a", 1, "0x00001p+0"},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			if got := string(AppendFloatC(nil, tc.f, parseSpec(t, tc.format))); got != tc.want {
				t.Errorf("format(%q, %v) = %q, want %q", tc.format, tc.f, got, tc.want)
			}
		})
	}
	if got := FormatE(1234.5, 2, true); got != "1.23E+03" {
		t.Errorf("FormatE = %q", got)
	}
	if got := FormatF(1234.5, -1, false); got != "1234.500000" {
		t.Errorf("FormatF = %q", got)
	}
	if got := FormatG(1e-5, -1, false); got != "1e-05" {
		t.Errorf("FormatG = %q", got)
	}
	if got := FormatA(1, -1, true); got != "0X1P+0" {
		t.Errorf("FormatA = %q", got)
	}
}

// Expected results from lua5.4: tonumber(s) and math.type.
func TestStringToNumber(t *testing.T) {
	const bad = "nil"
	tests := []struct {
		in   string
		want string // "int:N", "float:F" (FormatFloat), or bad
	}{
		{"0x", bad}, {"1e", bad}, {"1e+", bad}, {".5", "float:0.5"}, {"5.", "float:5.0"},
		{".", bad}, {"0x.8", "float:0.5"}, {"0x8.", "float:8.0"}, {"0x1p4", "float:16.0"},
		{"0x1P-1", "float:0.5"}, {"0xA", "int:10"}, {"0x1.8p3", "float:12.0"},
		{"  12  ", "int:12"}, {"\t12\n", "int:12"}, {"\v12\f\r", "int:12"}, {"1 2", bad},
		{"+12", "int:12"}, {"-12", "int:-12"}, {"+-12", bad}, {"- 12", bad}, {"0x-1", bad},
		{"-0x10", "int:-16"}, {"+0x10", "int:16"}, {"1_000", bad}, {"inf", bad}, {"nan", bad},
		{"-inf", bad}, {"infinity", bad}, {"1e400", "float:inf"}, {"-1e400", "float:-inf"},
		{"1e-400", "float:0.0"}, {"9223372036854775807", "int:9223372036854775807"},
		{"9223372036854775808", "float:9.2233720368548e+18"},
		{"-9223372036854775808", "int:-9223372036854775808"},
		{"-9223372036854775809", "float:-9.2233720368548e+18"},
		{"0xffffffffffffffff", "int:-1"}, {"0x10000000000000000", "int:0"},
		{"0x7fffffffffffffff", "int:9223372036854775807"}, {"1.5e3", "float:1500.0"},
		{"1E3", "float:1000.0"}, {"00012", "int:12"}, {"0012.5", "float:12.5"},
		{"0x1.fffffffffffff8p0", "float:2.0"}, {"0X1P+2", "float:4.0"}, {"12a", bad},
		{"", bad}, {" ", bad}, {"0x1e", "int:30"}, {"1e5.5", bad}, {"0x1p", bad},
		{"0x1p+", bad}, {"1.e2", "float:100.0"}, {".e2", bad}, {"0x.p1", bad},
		{"0x1.", "float:1.0"}, {"0b101", bad}, {"1.0e+308", "float:1e+308"},
		{"4.9e-324", "float:4.9406564584125e-324"}, {"2.5e-324", "float:4.9406564584125e-324"},
		{"123456789012345678901234567890", "float:1.2345678901235e+29"},
		{"0x123456789abcdef0123", "int:5001117282205630755"}, {"-0", "int:0"},
		{"-0.0", "float:-0.0"}, {"0x0p0", "float:0.0"}, {"1\x00", bad}, {"0x1_0", bad},
		{"0x1p1_0", bad}, {"1e1_0", bad}, {"0x1e+1", bad}, {"1p1", bad}, {"0x1.8e1", "float:1.554931640625"},
		{"1e+10", "float:10000000000.0"}, {"-.5", "float:-0.5"}, {"+.5e-1", "float:0.05"},
		{"0x", bad}, {"-", bad}, {"+", bad}, {"0x+1", bad}, {"1..2", bad},
		{"\u00a012", bad}, {"0X1p-1074", "float:4.9406564584125e-324"},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.in), func(t *testing.T) {
			v, ok := StringToNumber(tc.in)
			got := bad
			switch {
			case !ok:
			case v.IsInt():
				got = "int:" + strconv.FormatInt(v.AsInt(), 10)
			case v.IsFloat():
				got = "float:" + FormatFloat(v.AsFloat())
			default:
				got = "non-number"
			}
			if got != tc.want {
				t.Errorf("StringToNumber(%q) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestToInteger(t *testing.T) {
	tests := []struct {
		in   Value
		want int64
		ok   bool
	}{
		{Int(3), 3, true},
		{Float(3), 3, true},
		{Float(3.5), 0, false},
		{Float(1 << 63), 0, false},
		{Float(-(1 << 63)), math.MinInt64, true},
		{String(" 10 "), 10, true},
		{String("0x10"), 16, true},
		{String("3.0"), 3, true},
		{String("3.5"), 0, false},
		{String("x"), 0, false},
		{True, 0, false},
		{Nil, 0, false},
	}
	for _, tc := range tests {
		got, ok := ToInteger(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ToInteger(%v) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzStringToNumber(f *testing.F) {
	for _, s := range []string{"0x1p4", "12", " -0x10 ", "1e400", "0x1.8", ".5", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := StringToNumber(s)
		if !ok {
			return
		}
		// A converted number prints and converts back to the same value
		// (for floats, FormatFloat loses digits: check it does not fail).
		if v.IsInt() {
			w, ok := StringToNumber(NumberToString(v))
			if !ok || !RawEqual(v, w) {
				t.Fatalf("round trip of %q: %v -> %v", s, v, w)
			}
		} else if v.IsFloat() {
			_ = FormatFloat(v.AsFloat())
		} else {
			t.Fatalf("StringToNumber(%q) returned a non-number", s)
		}
	})
}

func FuzzFormatC(f *testing.F) {
	f.Add(1.5, byte('g'), 6, 0, uint8(0))
	f.Add(-0.0, byte('a'), -1, 12, uint8(31))
	f.Fuzz(func(t *testing.T, x float64, verb byte, prec, width int, flags uint8) {
		if prec > 99 || width > 99 || prec < -1 || width < 0 {
			return
		}
		spec := FloatFormat{Verb: verb, Prec: prec, Width: width,
			Minus: flags&1 != 0, Plus: flags&2 != 0, Space: flags&4 != 0, Alt: flags&8 != 0, Zero: flags&16 != 0}
		out := AppendFloatC(nil, x, spec)
		if len(out) < width {
			t.Fatalf("output %q shorter than width %d", out, width)
		}
	})
}

func BenchmarkFormatFloat(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 64)
	xs := []float64{math.Pi, 0.1, 1e100, 12345.678, 3}
	for i := 0; i < b.N; i++ {
		buf = AppendFloat(buf[:0], xs[i%len(xs)])
	}
}

func BenchmarkStringToNumber(b *testing.B) {
	b.ReportAllocs()
	xs := []string{"12345", "3.25", " 0x10 ", "1e10"}
	for i := 0; i < b.N; i++ {
		StringToNumber(xs[i%len(xs)])
	}
}

// TestFormatCRandomGolden compares with lua5.4's string.format for random
// bit patterns (NaNs with payloads, subnormals, huge values) and random
// specifications (testdata/cformat_random.golden: bits in hex, format,
// expected output).
func TestFormatCRandomGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/cformat_random.golden")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("bad golden line %q", line)
		}
		b, err := strconv.ParseUint(parts[0], 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		f := math.Float64frombits(b)
		if got := string(AppendFloatC(nil, f, parseSpec(t, parts[1]))); got != parts[2] {
			t.Errorf("format(%q, %s) = %q, want %q", parts[1], parts[0], got, parts[2])
		}
		n++
	}
	if n < 1000 {
		t.Errorf("only %d cases", n)
	}
}
