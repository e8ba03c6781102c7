// Package oslib is Lua's operating system library (§6.9): os.clock, date,
// difftime, execute, exit, getenv, remove, rename, setlocale, time and
// tmpname, worded and behaving like loslib.c on a POSIX system with
// glibc.
//
// The environment is read through vm.State.Getenv and relative file names
// are resolved with vm.State.Path, so a host controls both through
// vm.Options. os.exit does not end the Go process: it raises a
// *vm.ExitError that no pcall catches and that the host turns into an
// exit status.
package oslib

import (
	"os"
	"time"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Open registers the os table in st's globals. os.time and os.date use
// the process's local time zone (time.Local, from TZ).
func Open(st *vm.State) {
	open(st, &clock{loc: time.Local, now: time.Now})
}

// open registers the os table with the clock c.
func open(st *vm.State, c *clock) {
	t := value.NewTable(0, 11)
	reg := vm.Registrar(t, "os")
	reg("clock", osClock)
	reg("date", c.date)
	reg("difftime", osDifftime)
	reg("execute", osExecute)
	reg("exit", osExit)
	reg("getenv", osGetenv)
	reg("remove", osRemove)
	reg("rename", osRename)
	reg("setlocale", osSetlocale)
	reg("time", c.time)
	reg("tmpname", osTmpname)
	st.Globals().SetStr("os", value.TableValue(t))
}

// osClock is os.clock: the processor time the process has used, in
// seconds (C's clock()).
func osClock(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return l.Ret1(value.Float(cpuTime())), nil
}

// osDifftime is os.difftime: t1 - t2 as a float. Both arguments are
// required in 5.4 (l_checktime).
func osDifftime(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	t1, err := check.Int(args, 1)
	if err != nil {
		return nil, err
	}
	t2, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Float(float64(t1) - float64(t2))), nil
}

// osGetenv is os.getenv: the variable's value, or nil when it is not set.
// A host-supplied Options.Getenv cannot tell an unset variable from an
// empty one; through it an empty value reads as nil.
func osGetenv(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	st := l.State()
	var v string
	var ok bool
	if st.Options().Getenv == nil {
		v, ok = os.LookupEnv(name)
	} else {
		v = st.Getenv(name)
		ok = v != ""
	}
	if !ok {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret1(value.String(v)), nil
}

// osExit is os.exit([code [, close]]): true means EXIT_SUCCESS, false
// EXIT_FAILURE, an integer that status (converted to a C int). It raises a
// *vm.ExitError for the host.
func osExit(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	code := 0
	if a := check.Arg(args, 1); a.IsBool() {
		if !a.AsBool() {
			code = 1
		}
	} else {
		n, err := check.OptInt(args, 1, 0)
		if err != nil {
			return nil, err
		}
		code = int(int32(n)) // (int)luaL_optinteger
	}
	return nil, &vm.ExitError{Code: code, Close: check.Arg(args, 2).Truthy()}
}

// localeCategories are os.setlocale's category names (loslib.c catnames).
var localeCategories = []string{"all", "collate", "ctype", "monetary", "numeric", "time"}

// osSetlocale is os.setlocale. tide implements only the C locale: a query
// (nil locale) and a request for "C", "POSIX" or the environment's default
// ("") succeed and return "C"; any other locale fails with nil, as C's
// setlocale does for a locale that is not installed.
func osSetlocale(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	name := ""
	query := check.IsNoneOrNil(args, 1)
	if !query {
		var err error
		if name, err = check.String(args, 1); err != nil {
			return nil, err
		}
	}
	cat, err := check.OptString(args, 2, "all")
	if err != nil {
		return nil, err
	}
	known := false
	for _, c := range localeCategories {
		if c == cat {
			known = true
		}
	}
	if !known {
		return nil, vm.ArgError(2, "invalid option '"+cat+"'")
	}
	if query || name == "" || name == "C" || name == "POSIX" {
		return l.Ret1(value.String("C")), nil
	}
	return l.Ret1(value.Nil), nil
}
