package tide

import (
	"fmt"

	"github.com/tidelua/tide/internal/stdlib/bitlib"
	"github.com/tidelua/tide/internal/stdlib/cjsonlib"
	"github.com/tidelua/tide/internal/stdlib/compat51"
	"github.com/tidelua/tide/internal/stdlib/loadlib"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Compat is a language mode: the dialect of Lua a State's code is
// written for ([Options.Compat]). The zero value is Lua 5.4; a value other
// than the constants below also means Lua 5.4 ([ParseCompat] validates
// names from configuration files).
type Compat string

const (
	// CompatLua54 is Lua 5.4, exactly as the lua5.4 program runs it.
	CompatLua54 Compat = ""
	// CompatLuaJIT runs code written for LuaJIT (Lua 5.1 with LuaJIT's
	// extensions), as OpenResty handlers are:
	//   - numbers convert to strings as in LuaJIT, with "%.14g" whatever
	//     their subtype: 10/2 prints 5 (not 5.0), 2^53 prints
	//     9.007199254741e+15, in print, tostring, concatenation,
	//     string.format's %s and table.concat (io.write writes floats
	//     with "%.14g" in both modes);
	//   - the string and table functions convert float arguments as
	//     LuaJIT does: truncated where they want integers
	//     (s:sub(1, #s / 2)), "%.14g" text where they want strings;
	//   - the 5.1 globals exist: unpack, loadstring, getfenv and setfenv
	//     (on the _ENV upvalue; see package compat51 for the limits),
	//     module with package.seeall, newproxy, gcinfo, table.getn,
	//     table.maxn, table.foreach, table.foreachi, package.loaders, and
	//     5.1's coroutine.running (nil in the main coroutine);
	//   - the bit library (LuaJIT's BitOp, 32-bit) is the global bit and
	//     require("bit"); require("table.new") and require("table.clear")
	//     give LuaJIT's table.new and table.clear.
	//
	// The rest is Lua 5.4: the integer subtype (integer division by zero
	// and integer overflow behave as in 5.4), goto, //, the bitwise
	// operators and 5.4's escapes parse, and 5.4's library functions stay.
	// docs/luajit-compat.md lists the differences.
	CompatLuaJIT Compat = "luajit"
)

// ParseCompat returns the language mode a configuration names: "" or
// "lua5.4" or "5.4" for CompatLua54, "luajit" for CompatLuaJIT.
func ParseCompat(s string) (Compat, error) {
	switch s {
	case "", "lua5.4", "5.4":
		return CompatLua54, nil
	case "luajit":
		return CompatLuaJIT, nil
	}
	return CompatLua54, fmt.Errorf("unknown language mode %q (want \"lua5.4\" or \"luajit\")", s)
}

// String returns the mode's name: "lua5.4" or "luajit".
func (c Compat) String() string {
	if c == CompatLuaJIT {
		return "luajit"
	}
	return "lua5.4"
}

// openCompat opens the modules of the language modes, once the standard
// libraries are open and the sandbox has trimmed them: cjson and
// cjson.safe in every mode (they need the package library), and under
// CompatLuaJIT the 5.1 functions and the bit library. require("bit")
// works in both modes; only CompatLuaJIT makes bit a global.
func openCompat(st *vm.State, opts Options, libs Libs) {
	hasPackage := libs&LibPackage != 0
	if hasPackage && libs&LibJSON != 0 {
		cjsonlib.Open(st)
	}
	if hasPackage {
		loadlib.Preload(st, "bit", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return l.Ret1(value.TableValue(bitlib.New())), nil
		})
	}
	if opts.Compat != CompatLuaJIT {
		return
	}
	compat51.Open(st)
	bit := bitlib.Open(st)
	loadlib.Loaded(st).SetStr("bit", bit)
}

// Compat returns the State's language mode ([Options.Compat]).
func (s *State) Compat() Compat { return s.opts.Compat }
