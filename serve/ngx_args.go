package serve

import (
	"fmt"

	"github.com/tidelua/tide"
)

// Argument checks for the ngx functions, worded as lauxlib's luaL_check*
// words them ("bad argument #1 to 'md5' (string expected, got nil)").

// arg returns argument n (1-based), nil when absent.
func arg(args []tide.Value, n int) tide.Value {
	if n-1 < len(args) {
		return args[n-1]
	}
	return tide.Value{}
}

// typeName names argument n's type for a message; "no value" when absent.
func typeName(args []tide.Value, n int) string {
	if n-1 >= len(args) {
		return "no value"
	}
	return args[n-1].Type()
}

func argError(n int, fname, msg string) error {
	return fmt.Errorf("bad argument #%d to '%s' (%s)", n, fname, msg)
}

// argString returns argument n as a string; numbers convert, as
// luaL_checklstring converts them.
func argString(s *tide.State, args []tide.Value, n int, fname string) (string, error) {
	v := arg(args, n)
	if str, ok := v.AsString(); ok {
		return str, nil
	}
	if v.Type() == "number" {
		return s.ToString(v)
	}
	return "", argError(n, fname, "string expected, got "+typeName(args, n))
}

// optString is argString with a default for an absent or nil argument.
func optString(s *tide.State, args []tide.Value, n int, fname, def string) (string, error) {
	if arg(args, n).IsNil() {
		return def, nil
	}
	return argString(s, args, n, fname)
}

// argNumber returns argument n as a float.
func argNumber(args []tide.Value, n int, fname string) (float64, error) {
	v := arg(args, n)
	if f, ok := v.ToFloat(); ok {
		return f, nil
	}
	return 0, argError(n, fname, "number expected, got "+typeName(args, n))
}

// argInt returns argument n as an integer.
func argInt(args []tide.Value, n int, fname string) (int64, error) {
	v := arg(args, n)
	if i, ok := v.ToInt(); ok {
		return i, nil
	}
	if _, ok := v.ToFloat(); ok {
		return 0, argError(n, fname, "number has no integer representation")
	}
	return 0, argError(n, fname, "number expected, got "+typeName(args, n))
}

// optInt is argInt with a default for an absent or nil argument.
func optInt(args []tide.Value, n int, fname string, def int64) (int64, error) {
	if arg(args, n).IsNil() {
		return def, nil
	}
	return argInt(args, n, fname)
}

// argTable checks that argument n is a table.
func argTable(args []tide.Value, n int, fname string) (tide.Value, error) {
	v := arg(args, n)
	if v.Type() != "table" {
		return v, argError(n, fname, "table expected, got "+typeName(args, n))
	}
	return v, nil
}

// ret is a shorthand for a result list.
func ret(vs ...tide.Value) ([]tide.Value, error) { return vs, nil }

// retErr returns nil and a message, the Lua convention for failures
// OpenResty's functions report rather than raise.
func retErr(msg string) ([]tide.Value, error) {
	return []tide.Value{{}, tide.String(msg)}, nil
}

var (
	luaTrue  = tide.Bool(true)
	luaFalse = tide.Bool(false)
	luaNil   = tide.Value{}
)
