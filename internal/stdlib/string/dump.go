package string

import (
	"errors"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// strDump is string.dump(f [, strip]) (lstrlib.c str_dump): the binary
// chunk of a Lua function in tide's format (bytecode.Dump), which load
// accepts back. With strip, debug information is left out.
func strDump(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if len(args) == 0 || !args[0].IsFunction() {
		return nil, vm.TypeError(args, 1, "function")
	}
	cl := vm.AsClosure(args[0])
	if cl == nil {
		return nil, errors.New("unable to dump given function")
	}
	strip := len(args) > 1 && args[1].Truthy()
	data := bc.Dump(cl.Proto, strip)
	if err := l.State().CheckAlloc(int64(len(data))); err != nil {
		return nil, err
	}
	return l.Ret1(value.Bytes(data)), nil
}
