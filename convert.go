package tide

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/tidelua/tide/internal/value"
)

// maxConvertDepth bounds the nesting ToValue and FromValue follow, which
// also stops them on cyclic data.
const maxConvertDepth = 200

// ToValue converts a Go value to a Lua value of s:
//   - nil and nil pointers, maps, slices and interfaces: nil
//   - bool, integers, floats, string: boolean, integer, float, string
//     (unsigned integers above math.MaxInt64 become floats)
//   - []byte: a string
//   - slices and arrays: sequences (tables with keys 1..n)
//   - maps with string, integer, float or bool keys: tables
//   - structs: tables of their exported fields, named by a `lua:"name"`
//     tag or else the field name; `lua:"-"` skips a field, `lua:",omitempty"`
//     skips a zero value; embedded structs' fields are promoted
//   - pointers: what they point to
//   - Value: itself; Function: a Lua function
//
// Other kinds (channels, Go funcs other than Function, complex numbers)
// give an error, and so does nesting deeper than 200 (a cycle).
func (s *State) ToValue(x any) (Value, error) {
	v, err := s.toLua(reflect.ValueOf(x), 0)
	if err != nil {
		return Value{}, err
	}
	return s.hold(v), nil
}

var (
	valueType    = reflect.TypeFor[Value]()
	functionType = reflect.TypeFor[Function]()
	bytesType    = reflect.TypeFor[[]byte]()
)

func (s *State) toLua(rv reflect.Value, depth int) (value.Value, error) {
	if depth > maxConvertDepth {
		return value.Nil, errors.New("tide: value nested too deeply to convert (a cycle?)")
	}
	if !rv.IsValid() {
		return value.Nil, nil
	}
	switch rv.Type() {
	case valueType:
		return rv.Interface().(Value).lua(), nil
	case functionType:
		if rv.IsNil() {
			return value.Nil, nil
		}
		return s.NewFunction("?", rv.Interface().(Function)).lua(), nil
	}
	switch rv.Kind() {
	case reflect.Bool:
		return value.Bool(rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return value.Int(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return value.Float(float64(u)), nil
		}
		return value.Int(int64(u)), nil
	case reflect.Float32, reflect.Float64:
		return value.Float(rv.Float()), nil
	case reflect.String:
		return value.String(rv.String()), nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return value.Nil, nil
		}
		return s.toLua(rv.Elem(), depth+1)
	case reflect.Slice:
		if rv.IsNil() {
			return value.Nil, nil
		}
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return value.String(string(rv.Bytes())), nil
		}
		fallthrough
	case reflect.Array:
		if err := s.vm.CheckAlloc(int64(rv.Len()) * 16); err != nil {
			return value.Nil, err
		}
		t := value.NewTable(rv.Len(), 0)
		for i := range rv.Len() {
			e, err := s.toLua(rv.Index(i), depth+1)
			if err != nil {
				return value.Nil, err
			}
			t.SetInt(int64(i+1), e)
		}
		return value.TableValue(t), nil
	case reflect.Map:
		if rv.IsNil() {
			return value.Nil, nil
		}
		t := value.NewTable(0, rv.Len())
		it := rv.MapRange()
		for it.Next() {
			k, err := s.toLua(it.Key(), depth+1)
			if err != nil {
				return value.Nil, err
			}
			if !k.IsString() && !k.IsNumber() && !k.IsBool() {
				return value.Nil, fmt.Errorf("tide: cannot convert a map with %s keys", it.Key().Type())
			}
			e, err := s.toLua(it.Value(), depth+1)
			if err != nil {
				return value.Nil, err
			}
			if f := k.AsFloat(); k.IsFloat() && f != f {
				return value.Nil, errors.New("tide: cannot convert a map with a NaN key")
			}
			t.Set(k, e)
		}
		return value.TableValue(t), nil
	case reflect.Struct:
		t := value.NewTable(0, rv.NumField())
		for _, f := range structFields(rv.Type()) {
			fv := rv.FieldByIndex(f.index)
			if f.omitEmpty && fv.IsZero() {
				continue
			}
			e, err := s.toLua(fv, depth+1)
			if err != nil {
				return value.Nil, err
			}
			t.SetStr(f.name, e)
		}
		return value.TableValue(t), nil
	}
	return value.Nil, fmt.Errorf("tide: cannot convert a Go %s to a Lua value", rv.Type())
}

// field is an exported struct field as Lua sees it.
type field struct {
	name      string
	index     []int
	omitEmpty bool
}

// structFields lists t's fields for conversion: exported ones, named by
// their lua tag, embedded structs promoted (their fields after the outer
// ones, an outer name winning).
func structFields(t reflect.Type) []field {
	var out []field
	seen := map[string]bool{}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		var embedded []reflect.StructField
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("lua")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if sf.Anonymous && name == "" {
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					embedded = append(embedded, sf)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			if seen[name] {
				continue
			}
			seen[name] = true
			out = append(out, field{name: name, index: append(append([]int(nil), index...), i), omitEmpty: opts == "omitempty"})
		}
		for _, sf := range embedded {
			if sf.Type.Kind() == reflect.Pointer {
				continue // promoted through a pointer: skipped (it may be nil)
			}
			walk(sf.Type, append(append([]int(nil), index...), sf.Index...))
		}
	}
	walk(t, nil)
	return out
}

// FromValue stores the Lua value v into the Go variable dst points to,
// the inverse of ToValue: numbers into integer kinds (exact integral
// values in range only) and float kinds, strings into string and []byte,
// sequences into slices and arrays, tables into maps and structs (by lua
// tag or field name; fields absent from the table are left alone), and
// into an any: nil, bool, int64, float64, string, []any for a non-empty
// sequence, map[string]any for a table with string keys, map[any]any
// otherwise. Metamethods are not called. Errors name the path of the bad
// element ("value.items[2].name: number expected, got string").
func (s *State) FromValue(v Value, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("tide: FromValue needs a non-nil pointer")
	}
	if err := s.fromLua(v.lua(), rv.Elem(), "value", 0); err != nil {
		return fmt.Errorf("tide: %w", err)
	}
	return nil
}

func typeMismatch(path, want string, v value.Value) error {
	return pathErr(path, "%s expected, got %s", want, v.TypeName())
}

// pathErr is a conversion error at path; an empty path (a function
// argument) leaves the message bare, for "bad argument" errors.
func pathErr(path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if path == "" {
		return errors.New(msg)
	}
	return fmt.Errorf("%s: %s", path, msg)
}

func (s *State) fromLua(v value.Value, dst reflect.Value, path string, depth int) error {
	if depth > maxConvertDepth {
		return pathErr(path, "nested too deeply to convert (a cycle?)")
	}
	switch dst.Type() {
	case valueType:
		dst.Set(reflect.ValueOf(s.hold(v)))
		return nil
	case bytesType:
		if !v.IsString() {
			return typeMismatch(path, "string", v)
		}
		dst.SetBytes([]byte(v.AsString()))
		return nil
	}
	switch dst.Kind() {
	case reflect.Interface:
		if dst.NumMethod() != 0 {
			return pathErr(path, "cannot store into a %s", dst.Type())
		}
		x, err := s.natural(v, path, depth)
		if err != nil {
			return err
		}
		if x == nil {
			dst.SetZero()
		} else {
			dst.Set(reflect.ValueOf(x))
		}
		return nil
	case reflect.Pointer:
		if v.IsNil() {
			dst.SetZero()
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return s.fromLua(v, dst.Elem(), path, depth+1)
	case reflect.Bool:
		if !v.IsBool() {
			return typeMismatch(path, "boolean", v)
		}
		dst.SetBool(v.AsBool())
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, ok := value.ToInteger(v)
		if !ok || !v.IsNumber() {
			return typeMismatch(path, "integer", v)
		}
		if dst.OverflowInt(i) {
			return pathErr(path, "%d out of range for %s", i, dst.Type())
		}
		dst.SetInt(i)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		i, ok := value.ToInteger(v)
		if !ok || !v.IsNumber() {
			return typeMismatch(path, "integer", v)
		}
		if i < 0 || dst.OverflowUint(uint64(i)) {
			return pathErr(path, "%d out of range for %s", i, dst.Type())
		}
		dst.SetUint(uint64(i))
		return nil
	case reflect.Float32, reflect.Float64:
		if !v.IsNumber() {
			return typeMismatch(path, "number", v)
		}
		f, _ := value.ToFloat(v)
		dst.SetFloat(f)
		return nil
	case reflect.String:
		if !v.IsString() {
			return typeMismatch(path, "string", v)
		}
		dst.SetString(v.AsString())
		return nil
	case reflect.Slice, reflect.Array:
		t := v.ToTable()
		if t == nil {
			if v.IsNil() && dst.Kind() == reflect.Slice {
				dst.SetZero()
				return nil
			}
			return typeMismatch(path, "table", v)
		}
		n := int(t.Len())
		if dst.Kind() == reflect.Array {
			if n > dst.Len() {
				return pathErr(path, "%d elements for an array of %d", n, dst.Len())
			}
		} else {
			if err := s.vm.CheckAlloc(int64(n) * int64(dst.Type().Elem().Size())); err != nil {
				return err
			}
			dst.Set(reflect.MakeSlice(dst.Type(), n, n))
		}
		for i := range n {
			if err := s.fromLua(t.GetInt(int64(i+1)), dst.Index(i), fmt.Sprintf("%s[%d]", path, i+1), depth+1); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		t := v.ToTable()
		if t == nil {
			if v.IsNil() {
				dst.SetZero()
				return nil
			}
			return typeMismatch(path, "table", v)
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(dst.Type()))
		}
		kt, et := dst.Type().Key(), dst.Type().Elem()
		for k, e := range t.All() {
			kv := reflect.New(kt).Elem()
			if err := s.fromLua(k, kv, path+" key", depth+1); err != nil {
				return err
			}
			ev := reflect.New(et).Elem()
			if err := s.fromLua(e, ev, path+"["+keyText(k)+"]", depth+1); err != nil {
				return err
			}
			dst.SetMapIndex(kv, ev)
		}
		return nil
	case reflect.Struct:
		t := v.ToTable()
		if t == nil {
			return typeMismatch(path, "table", v)
		}
		for _, f := range structFields(dst.Type()) {
			e := t.GetStr(f.name)
			if e.IsNil() {
				continue
			}
			if err := s.fromLua(e, dst.FieldByIndex(f.index), path+"."+f.name, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return pathErr(path, "cannot store into a %s", dst.Type())
}

// keyText shows a table key in an error path.
func keyText(k value.Value) string {
	if k.IsString() {
		return fmt.Sprintf("%q", k.AsString())
	}
	str, _ := value.ToStringCoerce(k)
	if str == "" {
		return k.TypeName()
	}
	return str
}

// natural converts v to the Go value an `any` receives.
func (s *State) natural(v value.Value, path string, depth int) (any, error) {
	switch {
	case v.IsNil():
		return nil, nil
	case v.IsBool():
		return v.AsBool(), nil
	case v.IsInt():
		return v.AsInt(), nil
	case v.IsFloat():
		return v.AsFloat(), nil
	case v.IsString():
		return v.AsString(), nil
	}
	t := v.ToTable()
	if t == nil {
		return s.hold(v), nil // functions, coroutines, userdata: a handle
	}
	if depth > maxConvertDepth {
		return nil, pathErr(path, "nested too deeply to convert (a cycle?)")
	}
	n := t.Len()
	count := int64(0)
	strKeys := true
	for k := range t.All() {
		count++
		if !k.IsString() {
			strKeys = false
		}
	}
	if n > 0 && count == n {
		out := make([]any, n)
		for i := range out {
			x, err := s.natural(t.GetInt(int64(i+1)), fmt.Sprintf("%s[%d]", path, i+1), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
	if strKeys {
		out := make(map[string]any, count)
		for k, e := range t.All() {
			x, err := s.natural(e, path+"["+keyText(k)+"]", depth+1)
			if err != nil {
				return nil, err
			}
			out[k.AsString()] = x
		}
		return out, nil
	}
	out := make(map[any]any, count)
	for k, e := range t.All() {
		var kx any
		switch {
		case k.IsBool():
			kx = k.AsBool()
		case k.IsInt():
			kx = k.AsInt()
		case k.IsFloat():
			kx = k.AsFloat()
		case k.IsString():
			kx = k.AsString()
		default:
			return nil, pathErr(path, "a %s key has no Go equivalent", k.TypeName())
		}
		x, err := s.natural(e, path+"["+keyText(k)+"]", depth+1)
		if err != nil {
			return nil, err
		}
		out[kx] = x
	}
	return out, nil
}
