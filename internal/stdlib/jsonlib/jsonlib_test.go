package jsonlib_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/stdlib/math"
	lstring "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// newState returns a State with the libraries the tests use.
func newState(opts vm.Options) *vm.State {
	st := vm.NewState(opts)
	base.Open(st)
	loadlib.Open(st)
	lstring.Open(st)
	math.Open(st)
	jsonlib.Open(st)
	return st
}

// run runs src and returns what it printed, or the error.
func run(t *testing.T, src string, opts vm.Options) (string, error) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout = &out
	st := newState(opts)
	fn, err := st.Load([]byte("local json = require 'json'\n"+src), "=test", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), err
}

func TestLua(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"arrays", `print(json.encode({1, 2, 3}), json.encode({"a", {true}}), json.encode({1, nil, 3}))`,
			"[1,2,3]\t[\"a\",[true]]\t[1,null,3]\n"},
		{"empty tables", `print(json.encode({}), json.encode(json.empty_array), json.encode(setmetatable({}, json.array_mt)), json.encode(setmetatable({}, json.empty_array_mt)))`,
			"{}\t[]\t[]\t[]\n"},
		{"empty table policy", `json.encode_empty_table_as_object(false) print(json.encode({}), json.encode({a = {}}))`,
			"[]\t{\"a\":[]}\n"},
		{"objects sorted", `print(json.encode({b = 1, a = 2, [10] = 3, c = {d = "e"}}))`,
			"{\"10\":3,\"a\":2,\"b\":1,\"c\":{\"d\":\"e\"}}\n"},
		{"null", `print(json.encode({json.null, x = json.null}), json.encode(nil), json.decode("null") == json.null)`,
			"{\"1\":null,\"x\":null}\tnull\ttrue\n"},
		{"numbers", `print(json.encode(0.1), json.encode(3.0), json.encode(1e300), json.encode(math.mininteger), json.encode(math.maxinteger), json.encode(1/3))`,
			"0.1\t3.0\t1e+300\t-9223372036854775808\t9223372036854775807\t0.3333333333333333\n"},
		{"strings", `print(json.encode("a\"b\\c\n\r\t\b\f\1/é"), json.encode("\255\0"))`,
			"\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001/é\"\t\"\xff\\u0000\"\n"},
		{"decode types", `local v = json.decode(' {"i": 12, "f": 1.5, "e": 1e2, "big": 12345678901234567890, "s": "x\\u00e9\\ud83d\\ude00", "t": true, "n": null, "a": [1, "2"]} ')
			print(math.type(v.i), math.type(v.f), v.e, v.big, v.s, v.t, v.n == json.null, #v.a, v.a[2])`,
			"integer\tfloat\t100.0\t1.2345678901235e+19\txé😀\ttrue\ttrue\t2\t2\n"},
		{"round trip keeps empty arrays", `print(json.encode(json.decode('{"a":[],"b":{},"c":[[]]}')))`,
			"{\"a\":[],\"b\":{},\"c\":[[]]}\n"},
		{"plain arrays", `json.decode_array_with_array_mt(false) print(getmetatable(json.decode("[]")), json.encode(json.decode("[]")))`,
			"nil\t{}\n"},
		{"encode errors", `
			print(pcall(json.encode, {[1] = 1, [100] = 2}))
			print(pcall(json.encode, 0/0))
			print(pcall(json.encode, 1/0))
			print(pcall(json.encode, print))
			print(pcall(json.encode, {[true] = 1}))
			local t = {} t[1] = t
			print(pcall(json.encode, t))
			print(pcall(json.encode))`,
			"false\tcannot encode an excessively sparse array to JSON\n" +
				"false\tcannot encode NaN or infinity to JSON\n" +
				"false\tcannot encode NaN or infinity to JSON\n" +
				"false\tcannot encode function to JSON\n" +
				"false\tcannot encode a table with a key of type boolean to JSON\n" +
				"false\tcannot encode to JSON: nesting deeper than 1000 (a cycle?)\n" +
				"false\tbad argument #1 to 'json.encode' (value expected)\n"},
		{"decode errors", `
			for _, s in ipairs{"", "[1,", '{"a" 1}', "01", "[1]x", '"\\ud800"', '"\\udc00"', '"\\q"', "tru", "-", "1.", "1e", '"a', '"\1"', "{1:2}", "[1 2]"} do
				print(select(2, pcall(json.decode, s)))
			end
			print(pcall(json.decode, {}))`,
			"json: unexpected end of text, expected a value at character 1\n" +
				"json: unexpected end of text, expected a value at character 4\n" +
				"json: unexpected '1', expected ':' at character 6\n" +
				"json: invalid number (leading zero) at character 1\n" +
				"json: unexpected text after the value at character 4\n" +
				"json: invalid unicode escape (lone surrogate) at character 8\n" +
				"json: invalid unicode escape (lone surrogate) at character 8\n" +
				"json: invalid escape in string at character 3\n" +
				"json: unexpected 't', expected a value at character 1\n" +
				"json: invalid number at character 2\n" +
				"json: invalid number at character 3\n" +
				"json: invalid number at character 3\n" +
				"json: unfinished string at character 3\n" +
				"json: control character in string at character 2\n" +
				"json: unexpected '1', expected a string key at character 2\n" +
				"json: unexpected '2', expected ',' or ']' at character 4\n" +
				"false\tbad argument #1 to 'json.decode' (string expected, got table)\n"},
		{"deep nesting", `print(pcall(json.decode, string.rep("[", 5000)))  print(#json.encode(json.decode(string.rep("[", 999) .. string.rep("]", 999))))`,
			"false\tjson: nesting deeper than 1000 at character 1001\n1998\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, tc.src, vm.Options{})
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestGo checks Encode and Decode from Go and that they share the
// module's markers with Lua code.
func TestGo(t *testing.T) {
	st := newState(vm.Options{})
	l := st.Main()
	v, err := jsonlib.Decode(l, `{"list": [1, 2.5, "x", null], "empty": []}`)
	if err != nil {
		t.Fatal(err)
	}
	s, err := jsonlib.Encode(l, v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"empty":[],"list":[1,2.5,"x",null]}`; s != want {
		t.Errorf("round trip = %s, want %s", s, want)
	}
	var se *jsonlib.SyntaxError
	if _, err := jsonlib.Decode(l, "[1,]"); !errors.As(err, &se) || se.Pos != 4 {
		t.Errorf("Decode([1,]) error = %v, want a SyntaxError at 4", err)
	}
}

// TestQuota checks that encoding and decoding huge values stop at the
// instruction quota and at the memory limit instead of running away.
func TestQuota(t *testing.T) {
	_, err := run(t, `local t = {} for i = 1, 200 do t[i] = string.rep("x", 1000) end
		local big = {} for i = 1, 2000 do big[i] = t end
		json.encode(big)`, vm.Options{MaxInstructions: 100000})
	if !errors.Is(err, vm.ErrInstructionLimit) {
		t.Errorf("encode under a quota: err = %v, want the instruction limit", err)
	}
	_, err = run(t, `json.decode("[" .. string.rep("1,", 3000000) .. "1]")`, vm.Options{MaxInstructions: 100000})
	if !errors.Is(err, vm.ErrInstructionLimit) {
		t.Errorf("decode under a quota: err = %v, want the instruction limit", err)
	}
	_, err = run(t, `local s = string.rep("x", 1 << 20) local t = {} for i = 1, 64 do t[i] = s end json.encode(t)`,
		vm.Options{MemoryLimit: 16 << 20})
	if !errors.Is(err, vm.ErrMemoryLimit) {
		t.Errorf("encode over the memory limit: err = %v, want the memory quota", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"\ud83d\ude00"`, `[1e5,-0.5,true,false]`, `{"":""}`} {
		f.Add(s)
	}
	st := newState(vm.Options{})
	l := st.Main()
	f.Fuzz(func(t *testing.T, s string) {
		v, err := jsonlib.Decode(l, s)
		if err != nil {
			return
		}
		out, err := jsonlib.Encode(l, v)
		if err != nil {
			return // e.g. a sparse array decoded from an object with integer-like keys is fine
		}
		v2, err := jsonlib.Decode(l, out)
		if err != nil {
			t.Fatalf("re-decoding %q (from %q): %v", out, s, err)
		}
		out2, err := jsonlib.Encode(l, v2)
		if err != nil || out2 != out {
			t.Fatalf("not stable: %q -> %q -> %q (%v)", s, out, out2, err)
		}
	})
}
