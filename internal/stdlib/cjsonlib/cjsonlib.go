// Package cjsonlib is the cjson and cjson.safe modules: OpenResty's
// lua-cjson (2.1.0.x) API on tide, so that handlers written for OpenResty
// run unchanged, in both language modes.
//
// Behaviour follows lua-cjson: an empty table encodes as {} (or [] after
// encode_empty_table_as_object(false)), "/" is escaped as "\/" (until
// encode_escape_forward_slash(false)), floats are written with "%.14g"
// (encode_number_precision), excessively sparse arrays are refused (or
// converted, encode_sparse_array), keys are written in the table's
// iteration order, and error messages are lua-cjson's ("Cannot serialise
// function: type not supported", "Expected value but found invalid token
// at character 1"). cjson.null and cjson.empty_array are the json
// module's json.null and json.empty_array, and cjson.array_mt and
// cjson.empty_array_mt its marker metatables, so values move freely
// between the two modules.
//
// Differences from lua-cjson: integers (tide has an integer subtype)
// encode with all their digits and decode as integers when they fit in 64
// bits; encode_keep_buffer is accepted and has no effect;
// encode_skip_unsupported_value_types skips object fields only (an array
// element of an unsupported type is still an error).
//
// cjson.safe has the same functions, but encode and decode return nil
// and the message instead of raising an error; each module table (cjson,
// cjson.safe, and each cjson.new()) has settings of its own.
package cjsonlib

import (
	"errors"
	"fmt"
	"math"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/stdlib/jsonlib"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Version is the lua-cjson version the module reports as cjson._VERSION.
const Version = "2.1.0.13"

// Open makes the cjson and cjson.safe modules available to require.
func Open(st *vm.State) {
	loadlib.Preload(st, "cjson", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.TableValue(New(l.State(), false))), nil
	})
	loadlib.Preload(st, "cjson.safe", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.TableValue(New(l.State(), true))), nil
	})
}

// Error is an encoding or decoding failure, with lua-cjson's message.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// hardMaxDepth bounds the nesting encode and decode follow whatever
// encode_max_depth and decode_max_depth say: both recurse, and a Go stack
// overflow cannot be recovered (lua-cjson would crash on its C stack).
const hardMaxDepth = 10000

// Invalid-number handling when encoding (encode_invalid_numbers).
const (
	invalidOff  = iota // NaN and infinities are an error
	invalidOn          // written as NaN, Infinity, -Infinity
	invalidNull        // written as null
)

// config is the settings of one module table.
type config struct {
	sparseConvert   bool
	sparseRatio     int64
	sparseSafe      int64
	encodeMaxDepth  int64
	decodeMaxDepth  int64
	encodeInvalid   int
	decodeInvalid   bool
	keepBuffer      bool
	precision       int64
	emptyAsObject   bool
	decodeArrayMT   bool
	escapeSlash     bool
	skipUnsupported bool

	arrayMT, emptyArrayMT *value.Table
	strings               stringCache // decode's short strings
}

func newConfig(st *vm.State) *config {
	c := &config{
		sparseRatio:    2,
		sparseSafe:     10,
		encodeMaxDepth: 1000,
		decodeMaxDepth: 1000,
		decodeInvalid:  true,
		keepBuffer:     true,
		precision:      14,
		emptyAsObject:  true,
		escapeSlash:    true,
	}
	c.arrayMT, c.emptyArrayMT = jsonlib.Markers(st)
	return c
}

// New returns a fresh cjson module table with default settings; safe
// gives cjson.safe's non-raising encode and decode.
func New(st *vm.State, safe bool) *value.Table {
	c := newConfig(st)
	t := value.NewTable(0, 24)
	name := "cjson"
	if safe {
		name = "cjson.safe"
	}
	reg := vm.Registrar(t, name)
	encode, decode := c.encodeFn, c.decodeFn
	if safe {
		encode, decode = protect(encode, "encode"), protect(decode, "decode")
	}
	reg("encode", encode)
	reg("decode", decode)
	reg("encode_sparse_array", c.setSparse)
	reg("encode_max_depth", intOption(&c.encodeMaxDepth, 1, math.MaxInt32))
	reg("decode_max_depth", intOption(&c.decodeMaxDepth, 1, math.MaxInt32))
	reg("encode_number_precision", intOption(&c.precision, 1, 16))
	reg("encode_keep_buffer", boolOption(&c.keepBuffer))
	reg("encode_invalid_numbers", c.setEncodeInvalid)
	reg("decode_invalid_numbers", boolOption(&c.decodeInvalid))
	reg("encode_empty_table_as_object", boolOption(&c.emptyAsObject))
	reg("decode_array_with_array_mt", boolOption(&c.decodeArrayMT))
	reg("encode_escape_forward_slash", boolOption(&c.escapeSlash))
	reg("encode_skip_unsupported_value_types", boolOption(&c.skipUnsupported))
	reg("new", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.TableValue(New(l.State(), safe))), nil
	})
	t.SetStr("_NAME", value.String(name))
	t.SetStr("_VERSION", value.String(Version))
	t.SetStr("null", jsonlib.Null)
	t.SetStr("empty_array", jsonlib.EmptyArray)
	t.SetStr("array_mt", value.TableValue(c.arrayMT))
	t.SetStr("empty_array_mt", value.TableValue(c.emptyArrayMT))
	return t
}

// protect turns the errors of a cjson encode or decode into the results
// nil, message (cjson.safe). Argument-count errors, quota stops and
// memory errors still raise.
func protect(fn vm.Fn, name string) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		if err := argCount(args); err != nil {
			return nil, err
		}
		r, err := fn(l, args)
		var ce *Error
		var ae *vm.ArgErr
		switch {
		case errors.As(err, &ce):
			return l.Ret(value.Nil, value.String(ce.Msg)), nil
		case errors.As(err, &ae):
			return l.Ret(value.Nil, value.String(fmt.Sprintf("bad argument #%d to '%s' (%s)", ae.N, name, ae.Msg))), nil
		}
		return r, err
	}
}

// argCount checks that encode and decode get exactly one argument.
func argCount(args []value.Value) error {
	if len(args) != 1 {
		return vm.ArgError(1, "expected 1 argument")
	}
	return nil
}

// tooMany checks the argument count of a setting function
// (json_arg_init).
func tooMany(args []value.Value, n int) error {
	if len(args) > n {
		return vm.ArgError(n+1, "found too many arguments")
	}
	return nil
}

// boolArg reads an on/off setting: a boolean or "on"/"off"
// (json_enum_option); set is false when the argument is absent or nil.
func boolArg(args []value.Value, n int) (v, set bool, err error) {
	if check.IsNoneOrNil(args, n) {
		return false, false, nil
	}
	a := args[n-1]
	if a.Type() == value.TypeBoolean {
		return a.AsBool(), true, nil
	}
	s, err := check.String(args, n)
	if err != nil {
		return false, false, err
	}
	switch s {
	case "on":
		return true, true, nil
	case "off":
		return false, true, nil
	}
	return false, false, vm.ArgError(n, "invalid option '"+s+"'")
}

func boolOption(p *bool) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		if err := tooMany(args, 1); err != nil {
			return nil, err
		}
		v, set, err := boolArg(args, 1)
		if err != nil {
			return nil, err
		}
		if set {
			*p = v
		}
		return l.Ret1(value.Bool(*p)), nil
	}
}

// intArg reads an integer setting between lo and hi (json_integer_option:
// a range error names argument 1 whatever the position, as lua-cjson).
func intArg(args []value.Value, n int, p *int64, lo, hi int64) error {
	if check.IsNoneOrNil(args, n) {
		return nil
	}
	v, err := check.Int(args, n)
	if err != nil {
		return err
	}
	if v < lo || v > hi {
		return vm.ArgError(1, fmt.Sprintf("expected integer between %d and %d", lo, hi))
	}
	*p = v
	return nil
}

func intOption(p *int64, lo, hi int64) vm.Fn {
	return func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		if err := tooMany(args, 1); err != nil {
			return nil, err
		}
		if err := intArg(args, 1, p, lo, hi); err != nil {
			return nil, err
		}
		return l.Ret1(value.Int(*p)), nil
	}
}

// setSparse is encode_sparse_array([convert [, ratio [, safe]]]).
func (c *config) setSparse(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := tooMany(args, 3); err != nil {
		return nil, err
	}
	v, set, err := boolArg(args, 1)
	if err != nil {
		return nil, err
	}
	if set {
		c.sparseConvert = v
	}
	if err := intArg(args, 2, &c.sparseRatio, 0, math.MaxInt32); err != nil {
		return nil, err
	}
	if err := intArg(args, 3, &c.sparseSafe, 0, math.MaxInt32); err != nil {
		return nil, err
	}
	return l.Ret(value.Bool(c.sparseConvert), value.Int(c.sparseRatio), value.Int(c.sparseSafe)), nil
}

// setEncodeInvalid is encode_invalid_numbers([true|false|"on"|"off"|"null"]).
func (c *config) setEncodeInvalid(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := tooMany(args, 1); err != nil {
		return nil, err
	}
	if a := check.Arg(args, 1); a.IsString() && a.AsString() == "null" {
		c.encodeInvalid = invalidNull
	} else {
		v, set, err := boolArg(args, 1)
		if err != nil {
			return nil, err
		}
		if set {
			c.encodeInvalid = invalidOff
			if v {
				c.encodeInvalid = invalidOn
			}
		}
	}
	if c.encodeInvalid == invalidNull {
		return l.Ret1(value.String("null")), nil
	}
	return l.Ret1(value.Bool(c.encodeInvalid == invalidOn)), nil
}
