// Package check holds the argument checks shared by the standard library
// packages, the equivalents of lauxlib's luaL_check* and luaL_opt*
// functions. Errors are vm.ArgError/vm.TypeError values, so the vm words
// them like the reference ("bad argument #1 to 'rep' (number expected, got
// nil)").
package check

import (
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Arg returns argument n (1-based), or nil when it is absent.
func Arg(args []value.Value, n int) value.Value {
	if n-1 < len(args) {
		return args[n-1]
	}
	return value.Nil
}

// IsNoneOrNil reports whether argument n is absent or nil.
func IsNoneOrNil(args []value.Value, n int) bool {
	return n-1 >= len(args) || args[n-1].IsNil()
}

// Any checks that argument n is present (luaL_checkany).
func Any(args []value.Value, n int) error {
	if n-1 >= len(args) {
		return vm.ArgError(n, "value expected")
	}
	return nil
}

// Int returns argument n as an integer (luaL_checkinteger): integers,
// floats with an integral value and strings converting to either.
func Int(args []value.Value, n int) (int64, error) {
	if n-1 < len(args) {
		v := args[n-1]
		if v.IsInt() {
			return v.AsInt(), nil
		}
		if i, ok := value.ToInteger(v); ok {
			return i, nil
		}
		if _, ok := value.ToNumber(v); ok {
			return 0, vm.ArgError(n, "number has no integer representation")
		}
	}
	return 0, vm.TypeError(args, n, "number")
}

// OptInt is Int with a default for an absent or nil argument.
func OptInt(args []value.Value, n int, def int64) (int64, error) {
	if IsNoneOrNil(args, n) {
		return def, nil
	}
	return Int(args, n)
}

// Number returns argument n as a number value, integer or float
// (luaL_checknumber keeping the subtype); strings are converted.
func Number(args []value.Value, n int) (value.Value, error) {
	if n-1 < len(args) {
		if v, ok := value.ToNumber(args[n-1]); ok {
			return v, nil
		}
	}
	return value.Nil, vm.TypeError(args, n, "number")
}

// Float returns argument n as a float (luaL_checknumber).
func Float(args []value.Value, n int) (float64, error) {
	if n-1 < len(args) {
		if f, ok := value.ToFloat(args[n-1]); ok {
			return f, nil
		}
	}
	return 0, vm.TypeError(args, n, "number")
}

// String returns argument n as a string (luaL_checklstring): numbers are
// converted.
func String(args []value.Value, n int) (string, error) {
	if n-1 < len(args) {
		if s, ok := value.ToStringCoerce(args[n-1]); ok {
			return s, nil
		}
	}
	return "", vm.TypeError(args, n, "string")
}

// OptString is String with a default for an absent or nil argument.
func OptString(args []value.Value, n int, def string) (string, error) {
	if IsNoneOrNil(args, n) {
		return def, nil
	}
	return String(args, n)
}

// Table returns argument n, which must be a table.
func Table(args []value.Value, n int) (*value.Table, error) {
	if n-1 < len(args) && args[n-1].IsTable() {
		return args[n-1].AsTable(), nil
	}
	return nil, vm.TypeError(args, n, "table")
}
