package cjsonlib_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/cjsonlib"
	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/stdlib/math"
	lstring "github.com/tidelua/tide/internal/stdlib/string"
	"github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func newState(opts vm.Options) *vm.State {
	st := vm.NewState(opts)
	base.Open(st)
	loadlib.Open(st)
	lstring.Open(st)
	math.Open(st)
	table.Open(st)
	jsonlib.Open(st)
	cjsonlib.Open(st)
	return st
}

// run runs src (with cjson loaded) and returns what it printed, or the
// error.
func run(t *testing.T, src string, opts vm.Options) (string, error) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout = &out
	st := newState(opts)
	fn, err := st.Load([]byte("local cjson = require 'cjson'\n"+src), "=test", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), err
}

func TestCJSON(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, src, want string }{
		{"basic", `print(cjson.encode({}), cjson.encode({1, 2, 3}), cjson.encode("a/b"), cjson.encode(10/3), cjson.encode(1e20), cjson.encode(0.1), cjson.encode(5), cjson.encode(2^53), cjson.encode(5.0), cjson.encode(-0.0))`,
			"{}\t[1,2,3]\t\"a\\/b\"\t3.3333333333333\t1e+20\t0.1\t5\t9.007199254741e+15\t5\t-0\n"},
		{"markers", `print(cjson.encode({a = cjson.null}), cjson.encode(cjson.empty_array), cjson.encode(setmetatable({}, cjson.array_mt)), cjson.encode(setmetatable({}, cjson.empty_array_mt)), cjson.encode(setmetatable({x = 1}, cjson.empty_array_mt)))`,
			"{\"a\":null}\t[]\t[]\t[]\t{\"x\":1}\n"},
		{"array_mt uses the raw length", `print(cjson.encode(setmetatable({1, 2, x = 3}, cjson.array_mt)))`, "[1,2]\n"},
		{"json interop", `local json = require "json" print(cjson.null == json.null, cjson.array_mt == json.array_mt, cjson.encode(json.decode("[]")))`,
			"true\ttrue\t[]\n"},
		{"fields", `print(cjson._NAME, cjson._VERSION, type(cjson.null), type(cjson.new), type(cjson.encode_escape_forward_slash))`,
			"cjson\t2.1.0.13\tuserdata\tfunction\tfunction\n"},
		{"arrays and objects", `print(cjson.encode({1, 2, a = 1}):len(), cjson.encode({[2] = 1}), cjson.encode({[0] = 1}), cjson.encode({[-1] = 1}), cjson.encode({1, nil, 3}), cjson.encode({[1.5] = 1}))`,
			"19\t[null,1]\t{\"0\":1}\t{\"-1\":1}\t[1,null,3]\t{\"1.5\":1}\n"},
		{"strings", `print(cjson.encode("\0\1\127\128é\"\\\n\t\b\f\r/"))`,
			"\"\\u0000\\u0001\\u007f\x80é\\\"\\\\\\n\\t\\b\\f\\r\\/\"\n"},
		{"encode errors", `print(pcall(cjson.encode, {[1] = 1, [20] = 2})) print(pcall(cjson.encode, print)) print(pcall(cjson.encode, 0/0))
			print(pcall(cjson.encode, {[true] = 1})) local a = {} a[1] = a print(pcall(cjson.encode, a)) print(pcall(cjson.encode))`,
			"false\tCannot serialise table: excessively sparse array\nfalse\tCannot serialise function: type not supported\nfalse\tCannot serialise number: must not be NaN or Inf\n" +
				"false\tCannot serialise boolean: table key must be a number or string\nfalse\tCannot serialise, excessive nesting (1001)\nfalse\tbad argument #1 to 'cjson.encode' (expected 1 argument)\n"},
		{"decode errors", `for _, s in ipairs({"[1,2", "{", "x", "", "[1] x", '"abc', '{"a":}', '{1:2}', '"\\x"', '[1,]', '"\\ud800"', "-", "[tru]"}) do print(select(2, pcall(cjson.decode, s))) end`,
			"Expected comma or array end but found T_END at character 5\nExpected object key string but found T_END at character 2\nExpected value but found invalid token at character 1\n" +
				"Expected value but found T_END at character 1\nExpected the end but found invalid token at character 5\nExpected value but found unexpected end of string at character 5\n" +
				"Expected value but found T_OBJ_END at character 6\nExpected object key string but found T_NUMBER at character 2\nExpected value but found invalid escape code at character 2\n" +
				"Expected value but found T_ARR_END at character 4\nExpected value but found invalid unicode escape code at character 2\nExpected value but found invalid number at character 1\n" +
				"Expected value but found invalid token at character 2\n"},
		{"decode values", `local v = cjson.decode(' {"i": 12, "f": 1.5, "e": 1e2, "s": "x\\u00e9\\ud83d\\ude00\\/", "t": true, "n": null, "a": [1, "2", []], "o": {}} ')
			print(math.type(v.i), v.f, v.e, v.s, v.t, v.n == cjson.null, #v.a, v.a[2], getmetatable(v.a), next(v.o))`,
			"integer\t1.5\t100.0\txé😀/\ttrue\ttrue\t3\t2\tnil\tnil\n"},
		{"decode lenient numbers", `print(cjson.decode("01"), cjson.decode("0x10"), cjson.decode("[1e999]")[1], cjson.decode("-Infinity"), cjson.decode("5"), cjson.decode(5), cjson.decode("1."), cjson.decode("[1]\0junk")[1])`,
			"1\t16.0\tinf\t-inf\t5\t5\t1.0\t1\n"},
		{"strict numbers", `cjson.decode_invalid_numbers(false) print(pcall(cjson.decode, "01")) print(pcall(cjson.decode, "NaN"))`,
			"false\tExpected value but found invalid number at character 1\nfalse\tExpected value but found invalid token at character 1\n"},
		{"depth", `cjson.decode_max_depth(2) print(pcall(cjson.decode, "[[[1]]]")) print(cjson.encode_max_depth(1), pcall(cjson.encode, {{}}))`,
			"false\tFound too many nested data structures (3) at character 3\n1\tfalse\tCannot serialise, excessive nesting (2)\n"},
		{"settings", `print(cjson.encode_sparse_array()) print(cjson.encode_sparse_array(true), cjson.encode({[1] = 1, [20] = 2}))
			print(cjson.encode_number_precision(), cjson.encode_number_precision(3), cjson.encode(10/3), pcall(cjson.encode_number_precision, 17))
			print(cjson.encode_escape_forward_slash(false), cjson.encode("a/b"), cjson.encode_keep_buffer("off"), cjson.encode_invalid_numbers("null"), cjson.encode(1/0))
			print(cjson.encode_invalid_numbers(true), cjson.encode({0/0, 1/0, -1/0}), pcall(cjson.encode_keep_buffer, "x"))
			print(cjson.encode_empty_table_as_object(false), cjson.encode({}), cjson.encode({a = {}}))
			print(cjson.decode_array_with_array_mt(true), getmetatable(cjson.decode("[]")) == cjson.array_mt, cjson.encode(cjson.decode('{"a":[]}')))
			print(pcall(cjson.encode_max_depth, 1, 2))`,
			"false\t2\t10\ntrue\t{\"1\":1,\"20\":2}\n14\t3\t3.33\tfalse\tbad argument #1 to 'cjson.encode_number_precision' (expected integer between 1 and 16)\n" +
				"false\t\"a/b\"\tfalse\tnull\tnull\ntrue\t[NaN,Infinity,-Infinity]\tfalse\tbad argument #1 to 'cjson.encode_keep_buffer' (invalid option 'x')\n" +
				"false\t[]\t{\"a\":[]}\ntrue\ttrue\t{\"a\":[]}\nfalse\tbad argument #2 to 'cjson.encode_max_depth' (found too many arguments)\n"},
		{"skip unsupported", `cjson.encode_skip_unsupported_value_types(true) print(cjson.encode({f = print, a = 1}), pcall(cjson.encode, {print}))`,
			"{\"a\":1}\tfalse\tCannot serialise function: type not supported\n"},
		{"depth beyond the hard limit", `cjson.decode_max_depth(2^31 - 1) cjson.encode_max_depth(2^31 - 1) local a = {} a[1] = a
			print(pcall(cjson.encode, a)) print(pcall(cjson.decode, ("["):rep(20000)))`,
			"false\tCannot serialise, excessive nesting (10001)\nfalse\tFound too many nested data structures (10001) at character 10001\n"},
		{"instances", `local c2 = cjson.new() c2.encode_empty_table_as_object(false) print(c2.encode({}), cjson.encode({}), c2.null == cjson.null)`,
			"[]\t{}\ttrue\n"},
		{"safe", `local safe = require "cjson.safe" print(safe.decode("{")) print(safe.encode(print)) print(safe.decode("[1]")[1], safe == cjson, safe.null == cjson.null, safe._NAME)
			print(safe.decode({})) print(pcall(safe.decode))`,
			"nil\tExpected object key string but found T_END at character 2\nnil\tCannot serialise function: type not supported\n1\tfalse\ttrue\tcjson.safe\n" +
				"nil\tbad argument #1 to 'decode' (string expected, got table)\nfalse\tbad argument #1 to 'cjson.safe.decode' (expected 1 argument)\n"},
		{"round trip", `local s = '{"a":[1,2,{"b":null}],"c":"d"}' local v = cjson.decode(s) print(v.a[3].b == cjson.null, cjson.encode(v.a), cjson.encode(v.c))`,
			"true\t[1,2,{\"b\":null}]\t\"d\"\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, tc.src, vm.Options{})
			if err != nil {
				t.Fatalf("error: %v\noutput: %s", err, got)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestQuotas checks that a huge or deep value stops at the quotas
// instead of exhausting the host.
func TestQuotas(t *testing.T) {
	t.Parallel()
	_, err := run(t, `local s = string.rep("[", 100000) print(pcall(cjson.decode, s))
		local t = {} for i = 1, 200000 do t[i] = i end for i = 1, 100 do cjson.encode(t) end`, vm.Options{MaxInstructions: 1e6})
	if err == nil || !strings.Contains(err.Error(), "instruction") {
		t.Errorf("got %v, want an instruction quota stop", err)
	}
	_, err = run(t, `local t = {} for i = 1, 1000 do t[i] = ("x"):rep(1000) end local all = {} for i = 1, 100 do all[i] = cjson.encode(t) end`, vm.Options{MemoryLimit: 8 << 20})
	if err == nil || !strings.Contains(err.Error(), "memory") {
		t.Errorf("got %v, want a memory quota stop", err)
	}
}

// FuzzDecode: any text decodes to a value or fails with a cjson error,
// and what decodes encodes.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x\u00e9",true,null,{}]}`, "[1,", `"\ud83d\ude00"`, "0x1p4", "-Infinity", "[[[]]]", `{"a":1e999}`, "\"\x00\""} {
		f.Add(s)
	}
	st := newState(vm.Options{MaxInstructions: 1 << 40})
	l := st.Main()
	f.Fuzz(func(t *testing.T, s string) {
		v, err := cjsonlib.Decode(l, s)
		if err != nil {
			if _, ok := err.(*cjsonlib.Error); !ok {
				t.Fatalf("%q: unexpected error type %T: %v", s, err, err)
			}
			return
		}
		if _, err := cjsonlib.Encode(l, v); err != nil && !strings.Contains(err.Error(), "NaN or Inf") && !strings.Contains(err.Error(), "sparse") {
			t.Fatalf("%q: decoded but does not encode: %v", s, err)
		}
	})
}

// TestDifferential compares encode and decode with lua-cjson under
// luajit, when both are installed, on what upstream lua-cjson 2.1.0 and
// OpenResty's fork agree on (no key-order dependence: objects have at
// most one key).
func TestDifferential(t *testing.T) {
	luajit, err := exec.LookPath("luajit")
	if err != nil {
		t.Skip("luajit is not installed")
	}
	if exec.Command(luajit, "-e", `require "cjson"`).Run() != nil {
		t.Skip("lua-cjson is not installed for luajit")
	}
	t.Parallel()
	const src = `
local function show(...) local t = {} for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end print(table.concat(t, " | ")) end
for _, v in ipairs({{}, {1, 2, 3}, "a/b\0\1\127é\"\\", 10/3, 1e20, 0.1, -0.0, 1e-300, 123456.789, {a = {b = {c = {}}}}, {{}, {{}}}, {[2] = true}, {[1] = 1, [3] = 3}, {"x", false, 2.5}}) do
	show(pcall(cjson.encode, v))
end
show(pcall(cjson.encode, {[1] = 1, [20] = 2}))
show(pcall(cjson.encode, print))
show(pcall(cjson.encode, 1/0))
show(pcall(cjson.encode, {[true] = 1}))
for _, s in ipairs({"[1,2", "{", "x", "", "[1] x", '"abc', '{"a":}', '{1:2}', '"\\x"', '[1,]', '"\\ud800"', "-", "[tru]", "01", "0x10", "1.", "[1e999]", " [ true , false ] ", '"\\u00e9\\/"', '{"k":[1,{"z":null}]}', "[[[[[[1]]]]]]", "1e5", "-12", "-0", "[-0.0]", '"\\ud83d\\ude00"', "nan", "[-Infinity]", "1.5e", "+1"}) do
	local ok, v = pcall(cjson.decode, s)
	if ok then show(true, pcall(cjson.encode, v)) else show(false, v) end
end
show(cjson.encode_sparse_array(true), cjson.encode({[1] = 1, [20] = 2}):len())
show(cjson.encode_number_precision(3), cjson.encode(10/3), cjson.encode(12345.0))
show(cjson.encode_invalid_numbers("null"), cjson.encode(1/0))
show(cjson.decode_invalid_numbers(false), pcall(cjson.decode, "01"))
show(cjson.decode_max_depth(3), pcall(cjson.decode, "[[[[1]]]]"))
show(cjson.encode_max_depth(2), pcall(cjson.encode, {{{}}}))
show(cjson.encode_keep_buffer(), cjson.encode_keep_buffer("off"))
local safe = require "cjson.safe" show(safe.decode("{")) show(safe.encode(print))
`
	dir := t.TempDir()
	file := filepath.Join(dir, "cjson.lua")
	if err := os.WriteFile(file, []byte("local cjson = require 'cjson'\n"+src), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(luajit, file).CombinedOutput()
	if err != nil {
		t.Fatalf("luajit: %v\n%s", err, want)
	}
	got, err := run(t, src, vm.Options{LuaJIT: true})
	if err != nil {
		t.Fatalf("tide: %v\n%s", err, got)
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		g, w := "", ""
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("line %d:\ntide:     %s\nlua-cjson: %s", i+1, g, w)
		}
	}
}

const benchJSON = `{"id":12345,"name":"widget","tags":["a","b","c"],"price":12.5,"active":true,"owner":{"id":7,"email":"x@example.com","roles":["admin","dev"]},"items":[{"sku":"A1","qty":2},{"sku":"B2","qty":1},{"sku":"C3","qty":5}],"note":null}`

// benchLua runs src (which sees cjson and the text s) b.N times.
func benchLua(b *testing.B, src string) {
	st := newState(vm.Options{})
	fn, err := st.Load([]byte("local cjson = require 'cjson' local s = ...\n"+src), "=bench", "t", value.Nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchJSON)))
	for b.Loop() {
		if _, err := st.Main().Call(fn, value.String(benchJSON)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) { benchLua(b, `cjson.decode(s)`) }

func BenchmarkEncode(b *testing.B) {
	benchLua(b, `V = V or cjson.decode(s) cjson.encode(V)`)
}

// BenchmarkDecodeJSONModule is the json module on the same text, for
// comparison.
func BenchmarkDecodeJSONModule(b *testing.B) {
	benchLua(b, `local json = require "json" json.decode(s)`)
}
