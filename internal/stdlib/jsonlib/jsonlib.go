// Package jsonlib converts between Lua values and JSON text, for Lua code
// (the json module, which require("json") loads) and for Go code (Encode
// and Decode).
//
// The conventions are lua-cjson's, so that code written for OpenResty
// works unchanged:
//   - JSON null is json.null, a light userdata, in both directions.
//   - A table with keys 1..n (n > 0) is an array; one with string keys is
//     an object; an empty table is an object ({}) unless it carries
//     json.array_mt (or json.empty_array_mt) as its metatable, or is
//     json.empty_array itself.
//   - An array with holes is encoded with nulls unless it is excessively
//     sparse (largest index above twice the element count and above 10).
//   - Integer keys of a table that is not an array become string keys.
//
// Where cjson leaves things to chance, tide chooses determinism and
// fidelity: object keys are written in sorted order, floats in the
// shortest form that reads back to the same float (integral floats keep a
// ".0" so that they decode as floats), and decoded arrays carry
// json.array_mt so that an empty array encodes back as [].
package jsonlib

import (
	"unsafe"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// sentinel gives the light userdata values their identities; it is never
// written.
var sentinel [2]byte

// Null is JSON null as a Lua value (json.null).
var Null = value.FromObject(value.TypeLightUserdata, unsafe.Pointer(&sentinel[0]))

// EmptyArray is json.empty_array: it encodes as [].
var EmptyArray = value.FromObject(value.TypeLightUserdata, unsafe.Pointer(&sentinel[1]))

// MaxDepth bounds the nesting of tables when encoding and of arrays and
// objects when decoding.
const MaxDepth = 1000

// Options are the per-State settings of the json module.
type Options struct {
	// EmptyTableAsArray encodes an empty table without metatable as []
	// instead of {}.
	EmptyTableAsArray bool
	// PlainArrays leaves decoded arrays without json.array_mt.
	PlainArrays bool
}

// module is one State's json module: its marker metatables and settings.
type module struct {
	table        *value.Table // the json table require returns
	arrayMT      *value.Table // json.array_mt: encode as an array
	emptyArrayMT *value.Table // json.empty_array_mt: encode as an array when empty
	opts         Options
}

// registryKey holds a State's module (a userdata) in its registry, so
// that Go callers of Encode and Decode share the settings and markers of
// Lua code; the marker tables are kept there too, for the collector.
const registryKey = "tide.json"

// Open makes the json module available to require("json").
func Open(st *vm.State) {
	loadlib.Preload(st, "json", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.TableValue(moduleOf(l.State()).table)), nil
	})
}

// moduleOf returns st's json module, creating it on first use.
func moduleOf(st *vm.State) *module {
	reg := st.Registry()
	if u := vm.AsUserdata(reg.GetStr(registryKey)); u != nil {
		if m, ok := u.Data.(*module); ok {
			return m
		}
	}
	m := &module{arrayMT: value.NewTable(0, 1), emptyArrayMT: value.NewTable(0, 1)}
	m.arrayMT.SetStr("__name", value.String("json.array"))
	m.emptyArrayMT.SetStr("__name", value.String("json.empty_array"))
	t := value.NewTable(0, 12)
	r := vm.Registrar(t, "json")
	r("encode", m.encodeFn)
	r("decode", m.decodeFn)
	r("encode_empty_table_as_object", m.setEmptyTableAsObject)
	r("decode_array_with_array_mt", m.setDecodeArrayMT)
	t.SetStr("null", Null)
	t.SetStr("empty_array", EmptyArray)
	t.SetStr("array_mt", value.TableValue(m.arrayMT))
	t.SetStr("empty_array_mt", value.TableValue(m.emptyArrayMT))
	m.table = t
	reg.SetStr(registryKey, vm.UserdataValue(&vm.Userdata{Data: m}))
	reg.SetStr(registryKey+".module", value.TableValue(t))
	return m
}

// Markers returns st's json.array_mt and json.empty_array_mt, which the
// cjson module (package cjsonlib) shares so that tables marked by one
// module encode as arrays in the other.
func Markers(st *vm.State) (arrayMT, emptyArrayMT *value.Table) {
	m := moduleOf(st)
	return m.arrayMT, m.emptyArrayMT
}

// setEmptyTableAsObject is json.encode_empty_table_as_object(flag): true
// (the default) encodes {} as an object, false as an array.
func (m *module) setEmptyTableAsObject(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	m.opts.EmptyTableAsArray = !args[0].Truthy()
	return nil, nil
}

// setDecodeArrayMT is json.decode_array_with_array_mt(flag): whether
// decoded arrays get json.array_mt (the default in tide).
func (m *module) setDecodeArrayMT(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	m.opts.PlainArrays = !args[0].Truthy()
	return nil, nil
}
