package string

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func S(s string) value.Value  { return value.String(s) }
func I(i int64) value.Value   { return value.Int(i) }
func F(f float64) value.Value { return value.Float(f) }
func B(b bool) value.Value    { return value.Bool(b) }
func E() value.Value          { return value.TableValue(value.NewTable(0, 0)) }

var (
	N = value.Nil
	T = value.True
)

// render formats results as the test generator does: "|"-joined, floats
// with %.17g, errors as "error: msg" with "bad argument #n (msg)".
func render(res []value.Value, err error) string {
	if err != nil {
		var ae *vm.ArgErr
		if errors.As(err, &ae) {
			return "error: " + ae.Error()
		}
		return "error: " + err.Error()
	}
	out := make([]string, len(res))
	for i, v := range res {
		switch {
		case v.IsFloat():
			sp := spec{prec: 17, conv: 'g'}
			out[i] = string(sp.formatFloat(nil, v.AsFloat())) + "f"
		case v.IsNil():
			out[i] = "nil"
		case v.IsBool():
			out[i] = map[bool]string{true: "true", false: "false"}[v.AsBool()]
		default:
			s, _ := value.ToStringCoerce(v)
			out[i] = s
		}
	}
	return strings.Join(out, "|")
}

func newLib(t *testing.T) (*vm.Thread, *value.Table) {
	t.Helper()
	st := vm.NewState(vm.Options{})
	Open(st)
	return st.Main(), st.Globals().GetStr("string").AsTable()
}

// Expectations generated with lua5.4 (pcall(string[name], args...)).
var libTests = []struct {
	name string
	args []value.Value
	want string
}{
	{"len", []value.Value{S("hello")}, "5"},
	{"len", []value.Value{S("")}, "0"},
	{"len", []value.Value{I(123)}, "3"},
	{"len", []value.Value{}, "error: bad argument #1 (string expected, got no value)"},
	{"len", []value.Value{E()}, "error: bad argument #1 (string expected, got table)"},
	{"sub", []value.Value{S("hello"), I(2), I(4)}, "ell"},
	{"sub", []value.Value{S("hello"), I(-3)}, "llo"},
	{"sub", []value.Value{S("hello"), I(0)}, "hello"},
	{"sub", []value.Value{S("hello"), I(10)}, ""},
	{"sub", []value.Value{S("hello"), I(2), I(1)}, ""},
	{"sub", []value.Value{S("hello"), I(-100), I(100)}, "hello"},
	{"sub", []value.Value{S("hello"), I(3), I(-2)}, "ll"},
	{"sub", []value.Value{S("hello")}, "error: bad argument #2 (number expected, got no value)"},
	{"sub", []value.Value{S("hello"), F(1.5)}, "error: bad argument #2 (number has no integer representation)"},
	{"sub", []value.Value{S("hello"), S("2")}, "ello"},
	{"sub", []value.Value{S("hello"), I(-9223372036854775808), I(9223372036854775807)}, "hello"},
	{"sub", []value.Value{I(12345), I(2), I(3)}, "23"},
	{"upper", []value.Value{S("Hello, World! \xc8")}, "HELLO, WORLD! \xc8"},
	{"lower", []value.Value{S("Hello, WORLD!")}, "hello, world!"},
	{"reverse", []value.Value{S("abc")}, "cba"},
	{"reverse", []value.Value{S("")}, ""},
	{"rep", []value.Value{S("ab"), I(3)}, "ababab"},
	{"rep", []value.Value{S("ab"), I(3), S(",")}, "ab,ab,ab"},
	{"rep", []value.Value{S("ab"), I(0)}, ""},
	{"rep", []value.Value{S("ab"), I(-1)}, ""},
	{"rep", []value.Value{S(""), I(1000000000)}, ""},
	{"rep", []value.Value{S("x"), I(1), S(",")}, "x"},
	{"rep", []value.Value{S("ab"), I(9223372036854775807)}, "error: resulting string too large"},
	{"rep", []value.Value{S("x"), I(9223372036854775807), S("y")}, "error: resulting string too large"},
	{"rep", []value.Value{S("ab")}, "error: bad argument #2 (number expected, got no value)"},
	{"rep", []value.Value{S("ab"), F(2.5)}, "error: bad argument #2 (number has no integer representation)"},
	{"byte", []value.Value{S("ABC")}, "65"},
	{"byte", []value.Value{S("ABC"), I(2)}, "66"},
	{"byte", []value.Value{S("ABC"), I(1), I(-1)}, "65|66|67"},
	{"byte", []value.Value{S("ABC"), I(-1)}, "67"},
	{"byte", []value.Value{S("ABC"), I(10)}, ""},
	{"byte", []value.Value{S(""), I(1)}, ""},
	{"byte", []value.Value{S("ABC"), I(0)}, ""},
	{"byte", []value.Value{S("ABC"), I(3), I(2)}, ""},
	{"char", []value.Value{I(72), I(105)}, "Hi"},
	{"char", []value.Value{}, ""},
	{"char", []value.Value{I(256)}, "error: bad argument #1 (value out of range)"},
	{"char", []value.Value{I(-1)}, "error: bad argument #1 (value out of range)"},
	{"char", []value.Value{S("65")}, "A"},
	{"char", []value.Value{F(65)}, "A"},
	{"char", []value.Value{I(1), S("x")}, "error: bad argument #2 (number expected, got string)"},
	{"format", []value.Value{S("%d"), I(42)}, "42"},
	{"format", []value.Value{S("%5d|%-5d|%05d|%+d|% d|%.3d"), I(42), I(42), I(42), I(42), I(42), I(42)}, "   42|42   |00042|+42| 42|042"},
	{"format", []value.Value{S("%x|%X|%#x|%o|%#o|%i|%u"), I(255), I(255), I(255), I(8), I(8), I(7), I(3)}, "ff|FF|0xff|10|010|7|3"},
	{"format", []value.Value{S("%d %x %u %o"), I(-1), I(-1), I(-1), I(-1)}, "-1 ffffffffffffffff 18446744073709551615 1777777777777777777777"},
	{"format", []value.Value{S("%d"), I(-9223372036854775808)}, "-9223372036854775808"},
	{"format", []value.Value{S("%5.1f|%-8.3e|%G|%g|%g|%g|%#g|%e"), F(3.1415899999999999), F(1234.5), F(1e-10), I(100000), I(1000000), F(0.0001), F(1), I(0)}, "  3.1|1.234e+03|1E-10|100000|1e+06|0.0001|1.00000|0.000000e+00"},
	{"format", []value.Value{S("%.14g|%g|%g|%.0f|%.0e|%#.0f|%f"), F(0.10000000000000001), F(math.Inf(1)), F(math.Inf(-1)), F(2.5), F(2.5), I(1), F(1.0000000000000001e+300)}, "0.1|inf|-inf|2|2e+00|1.|1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000"},
	{"format", []value.Value{S("%.3g|%.10g|%g|%g|%g"), F(1.234e-05), I(123456789012), F(1000000000000000), F(1.0000000000000001e-05), I(123456789)}, "1.23e-05|1.23456789e+11|1e+15|1e-05|1.23457e+08"},
	{"format", []value.Value{S("%20.10g|%-20.3G|"), F(3.1415926535897931), F(1e+20)}, "         3.141592654|1E+20               |"},
	{"format", []value.Value{S("%+.3e|% e|%08.2f|%-08.2f|%+08.2f"), F(1.5), F(1.5), F(-1.5), F(1.5), F(1.5)}, "+1.500e+00| 1.500000e+00|-0001.50|1.50    |+0001.50"},
	{"format", []value.Value{S("%08g|%#08x|%#o|%#.0o|%.0d|"), F(1.5), I(1), I(0), I(0), I(0)}, "000001.5|0x000001|0|0||"},
	{"format", []value.Value{S("%.3x|%8.3x|%-8.3x|%08.3x"), I(5), I(5), I(5), I(5)}, "005|     005|005     |     005"},
	{"format", []value.Value{S("%010f|%-10f|%+f|% f|%010.1e|%010g|%e|%5.1f"), F(math.Inf(1)), F(math.Inf(-1)), F(-math.NaN()), F(math.NaN()), F(math.Inf(1)), F(math.Inf(-1)), F(math.NaN()), F(-math.NaN())}, "       inf|-inf      |-nan| nan|       inf|      -inf|nan| -nan"},
	{"format", []value.Value{S("%a|%A|%a|%a|%a|%.3a|%.0a|%a"), F(1), F(255.5), F(0), F(math.Copysign(0, -1)), F(4.9406564584124654e-324), F(0.33333333333333331), F(1.5), F(2.2250738585072014e-308)}, "0x1p+0|0X1.FFP+7|0x0p+0|-0x0p+0|0x0.0000000000001p-1022|0x1.555p-2|0x2p+0|0x1p-1022"},
	{"format", []value.Value{S("%.1a|%.1a|%.0a|%.0a|%.2a|%a|%.3a"), F(1.03125), F(1.09375), F(1.5), F(1.4375), F(1.998046875), F(4.9406564584124654e-324), F(1.4821969375237396e-323)}, "0x1.0p+0|0x1.2p+0|0x2p+0|0x1p+0|0x2.00p+0|0x0.0000000000001p-1022|0x0.000p-1022"},
	{"format", []value.Value{S("%10a|%-10a|%010a|%+.1A|% a|%#.0a|%#a|%.3a|%A"), I(1), I(1), F(-1.5), I(1), I(1), I(1), F(0.5), I(0), F(math.NaN())}, "    0x1p+0|0x1p+0    |-0x01.8p+0|+0X1.0P+0| 0x1p+0|0x1.p+0|0x1.p-1|0x0.000p+0|NAN"},
	{"format", []value.Value{S("%a %a %.20a %#a %+a"), F(math.Inf(1)), F(-math.NaN()), F(1), F(1), F(1)}, "inf -nan 0x1.00000000000000000000p+0 0x1.p+0 +0x1p+0"},
	{"format", []value.Value{S("%.99f"), F(0.33333333333333331)}, "0.333333333333333314829616256247390992939472198486328125000000000000000000000000000000000000000000000"},
	{"format", []value.Value{S("%99.99f"), I(1)}, "1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
	{"format", []value.Value{S("%.0f|%.1f|%.2f"), F(0.5), F(0.25), F(1.0049999999999999)}, "0|0.2|1.00"},
	{"format", []value.Value{S("%5s|%-5s|%.0s|%5.2s|%.1s|%s"), S("a"), S("b"), S("c"), S("abc"), S("xyz"), I(12)}, "    a|b    ||   ab|x|12"},
	{"format", []value.Value{S("%%|%s|%s|%s"), N, T, F(1.5)}, "%|nil|true|1.5"},
	{"format", []value.Value{S("%10s|"), S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|"},
	{"format", []value.Value{S("%.3s|"), S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}, "xxx|"},
	{"format", []value.Value{S("%c%c%c"), I(72), I(105), I(0)}, "Hi\x00"},
	{"format", []value.Value{S("%5c|%-5c|"), I(65), I(66)}, "    A|B    |"},
	{"format", []value.Value{S("%q"), S("a\x0ab\x00c\"\\\x0d\x01\x012\xc8\x7f")}, "\"a\\\x0ab\\0c\\\"\\\\\\13\\1\\0012\xc8\\127\""},
	{"format", []value.Value{S("%q"), S("\x0d\x0a\x09\x001")}, "\"\\13\\\x0a\\9\\0001\""},
	{"format", []value.Value{S("%q|%q|%q|%q|%q|%q|%q|%q"), F(1), F(0.10000000000000001), F(math.Copysign(0, -1)), F(math.Inf(1)), F(math.Inf(-1)), F(-math.NaN()), I(-9223372036854775808), I(5)}, "0x1p+0|0x1.999999999999ap-4|-0x0p+0|1e9999|-1e9999|(0/0)|0x8000000000000000|5"},
	{"format", []value.Value{S("%q|%q|%q"), N, T}, "error: bad argument #4 (no value)"},
	{"format", []value.Value{S("%q"), F(9.2233720368547758e+18)}, "0x1p+63"},
	{"format", []value.Value{S("%q"), F(1e+100)}, "0x1.249ad2594c37dp+332"},
	{"format", []value.Value{S("%y"), I(1)}, "error: invalid conversion '%y' to 'format'"},
	{"format", []value.Value{S("%10.123f"), I(1)}, "error: invalid conversion specification: '%10.123f'"},
	{"format", []value.Value{S("%123d"), I(1)}, "error: invalid conversion specification: '%123d'"},
	{"format", []value.Value{S("%-#+ 0d"), I(1)}, "error: invalid conversion specification: '%-#+ 0d'"},
	{"format", []value.Value{S("%#d"), I(1)}, "error: invalid conversion specification: '%#d'"},
	{"format", []value.Value{S("%+s"), I(1)}, "error: invalid conversion specification: '%+s'"},
	{"format", []value.Value{S("%.3q"), I(1)}, "error: specifier '%q' cannot have modifiers"},
	{"format", []value.Value{S("%-10q"), S("x")}, "error: specifier '%q' cannot have modifiers"},
	{"format", []value.Value{S("%d"), F(1.5)}, "error: bad argument #2 (number has no integer representation)"},
	{"format", []value.Value{S("%d"), S("1.0")}, "1"},
	{"format", []value.Value{S("%d"), S("x")}, "error: bad argument #2 (number expected, got string)"},
	{"format", []value.Value{S("%d")}, "error: bad argument #2 (no value)"},
	{"format", []value.Value{S("%q"), E()}, "error: bad argument #2 (value has no literal form)"},
	{"format", []value.Value{S("%"), I(1)}, "error: invalid conversion '%' to 'format'"},
	{"format", []value.Value{S("%l"), I(1)}, "error: invalid conversion '%l' to 'format'"},
	{"format", []value.Value{S("%5"), I(1)}, "error: invalid conversion '%5' to 'format'"},
	{"format", []value.Value{S("%."), I(1)}, "error: invalid conversion '%.' to 'format'"},
	{"format", []value.Value{S("%100d"), I(1)}, "error: invalid conversion specification: '%100d'"},
	{"format", []value.Value{S("%F"), I(1)}, "error: invalid conversion '%F' to 'format'"},
	{"format", []value.Value{S("%ld"), I(1)}, "error: invalid conversion '%l' to 'format'"},
	{"format", []value.Value{S("%05s"), S("x")}, "error: invalid conversion specification: '%05s'"},
	{"format", []value.Value{S("%-5.2s|"), S("abc")}, "ab   |"},
	{"format", []value.Value{S("%s"), S("a\x00b")}, "a\x00b"},
	{"format", []value.Value{S("%5s"), S("a\x00b")}, "error: bad argument #2 (string contains zeros)"},
	{"format", []value.Value{S("%x"), F(3)}, "3"},
	{"format", []value.Value{S("%x"), F(3.5)}, "error: bad argument #2 (number has no integer representation)"},
	{"format", []value.Value{S("%.20s"), S("abc")}, "abc"},
	{"format", []value.Value{S("%-------------------------5d"), I(1)}, "error: invalid format (too long)"},
	{"format", []value.Value{S("%i"), I(3)}, "3"},
	{"format", []value.Value{S("%c"), I(321)}, "A"},
	{"format", []value.Value{S("%e"), S("1e3")}, "1.000000e+03"},
	{"format", []value.Value{S("%g|%g|%g|%g|%g"), F(0.0001), F(1.0000000000000001e-05), I(123456), I(1234567), F(0.30000000000000004)}, "0.0001|1e-05|123456|1.23457e+06|0.3"},
	{"format", []value.Value{S("%.0g|%#.0g|%.1g"), F(0.5), F(0.5), I(15)}, "0.5|0.5|2e+01"},
	{"format", []value.Value{S("%5.0f|%#5.0e|%-#8.1g|"), I(7), I(7), I(7)}, "    7|7.e+00|7.      |"},
	{"find", []value.Value{S("hello world"), S("o w")}, "5|7"},
	{"find", []value.Value{S("hello"), S("l")}, "3|3"},
	{"find", []value.Value{S("hello"), S("l"), I(4)}, "4|4"},
	{"find", []value.Value{S("hello"), S("l"), I(-1)}, "nil"},
	{"find", []value.Value{S("hello"), S("xyz")}, "nil"},
	{"find", []value.Value{S("a.b"), S("."), I(1), T}, "2|2"},
	{"find", []value.Value{S("a+b"), S("+"), I(1), T}, "2|2"},
	{"find", []value.Value{S("abc"), S(""), I(10)}, "nil"},
	{"find", []value.Value{S("abc"), S(""), I(4)}, "4|3"},
	{"find", []value.Value{S("abc"), S("b"), I(-10)}, "2|2"},
	{"find", []value.Value{S("hello"), S("(l)(l)")}, "3|4|l|l"},
	{"find", []value.Value{S("hello"), S("()ll()")}, "3|4|3|5"},
	{"find", []value.Value{S("abc"), S("[a")}, "error: malformed pattern (missing ']')"},
	{"find", []value.Value{S("abc"), S("%")}, "error: malformed pattern (ends with '%')"},
	{"find", []value.Value{S(""), S("")}, "1|0"},
	{"find", []value.Value{S("abc"), S("^b")}, "nil"},
	{"find", []value.Value{S("abc"), S("^a")}, "1|1"},
	{"find", []value.Value{S("a^b"), S("^"), I(1), T}, "2|2"},
	{"find", []value.Value{S("abc"), S("c"), F(3)}, "3|3"},
	{"find", []value.Value{S("abc"), S("c"), F(2.5)}, "error: bad argument #3 (number has no integer representation)"},
	{"match", []value.Value{S("hello world"), S("%w+")}, "hello"},
	{"match", []value.Value{S("key=val"), S("(%w+)=(%w+)")}, "key|val"},
	{"match", []value.Value{S("  x"), S("()x()")}, "3|4"},
	{"match", []value.Value{S("hello"), S("xyz")}, "nil"},
	{"match", []value.Value{S("hello"), S("."), I(-1)}, "o"},
	{"match", []value.Value{S("hello"), S("(h)(e)"), I(1)}, "h|e"},
	{"match", []value.Value{S("abc"), S("((a)(b))")}, "ab|a|b"},
	{"match", []value.Value{S("hello"), S("^(h)")}, "h"},
	{"match", []value.Value{S("date: 2024-01-05"), S("(%d+)-(%d+)-(%d+)")}, "2024|01|05"},
	{"match", []value.Value{S("abc"), S("a)")}, "error: invalid pattern capture"},
	{"gsub", []value.Value{S("hello world"), S("o"), S("0")}, "hell0 w0rld|2"},
	{"gsub", []value.Value{S("hello world"), S("o"), S("0"), I(1)}, "hell0 world|1"},
	{"gsub", []value.Value{S("hello"), S(""), S("-")}, "-h-e-l-l-o-|6"},
	{"gsub", []value.Value{S("hello"), S("l*"), S("-")}, "-h-e-o-|4"},
	{"gsub", []value.Value{S("abc"), S("%w"), S("%0%0")}, "aabbcc|3"},
	{"gsub", []value.Value{S("abc"), S("(%w)"), S("%1-")}, "a-b-c-|3"},
	{"gsub", []value.Value{S("hello world"), S("(%w+) (%w+)"), S("%2 %1")}, "world hello|1"},
	{"gsub", []value.Value{S("abc"), S("a"), S("%%")}, "%bc|1"},
	{"gsub", []value.Value{S("abc"), S("a"), S("%")}, "error: invalid use of '%' in replacement string"},
	{"gsub", []value.Value{S("abc"), S("a"), S("%x")}, "error: invalid use of '%' in replacement string"},
	{"gsub", []value.Value{S("abc"), S("(a)"), S("%2")}, "error: invalid capture index %2"},
	{"gsub", []value.Value{S("abc"), S("a"), S("%1")}, "abc|1"},
	{"gsub", []value.Value{S("abc"), S("()b"), S("%1")}, "a2c|1"},
	{"gsub", []value.Value{S("abc"), S("%w"), S("%0"), I(-1)}, "abc|0"},
	{"gsub", []value.Value{S("abc"), S("%w"), S("%0"), F(1.5)}, "error: bad argument #4 (number has no integer representation)"},
	{"gsub", []value.Value{S("hello"), S("^h"), S("H")}, "Hello|1"},
	{"gsub", []value.Value{S("hello"), S("^l"), S("L")}, "hello|0"},
	{"gsub", []value.Value{S("hello world"), S("%w+"), I(1)}, "1 1|2"},
	{"gsub", []value.Value{S("abc"), S("b"), T}, "error: bad argument #3 (string/function/table expected, got boolean)"},
	{"gsub", []value.Value{S("abc"), S("b")}, "error: bad argument #3 (string/function/table expected, got no value)"},
	{"gsub", []value.Value{S("abc"), S("b"), N}, "error: bad argument #3 (string/function/table expected, got nil)"},
	{"gsub", []value.Value{S("abc"), S("x*"), S("-")}, "-a-b-c-|4"},
	{"gsub", []value.Value{S(""), S(""), S("x")}, "x|1"},
	{"gsub", []value.Value{I(123), I(2), I(9)}, "193|1"},
	{"gsub", []value.Value{S("a.b.c"), S("."), S("/")}, "/////|5"},
	{"gsub", []value.Value{S("a.b.c"), S("%."), S("/")}, "a/b/c|2"},
	{"gsub", []value.Value{S("aaa"), S("a"), S("b"), I(2)}, "bba|2"},
	{"gsub", []value.Value{S("aaa"), S("a"), S("b"), I(0)}, "aaa|0"},
	{"gsub", []value.Value{S("x = 1, y = 2"), S("(%w+) = (%w+)"), S("%2=%1")}, "1=x, 2=y|2"},
}

func TestLib(t *testing.T) {
	l, lib := newLib(t)
	for _, tc := range libTests {
		t.Run(tc.name, func(t *testing.T) {
			fn := lib.GetStr(tc.name)
			if fn.IsNil() {
				t.Fatalf("string.%s missing", tc.name)
			}
			gf := (*vm.GoFunction)(fn.Object())
			args := append([]value.Value(nil), tc.args...)
			if got := render(gf.Fn(l, args)); got != tc.want {
				t.Errorf("string.%s(%v):\n got %q\nwant %q", tc.name, tc.args, got, tc.want)
			}
		})
	}
}
