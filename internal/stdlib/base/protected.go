package base

// OWNED BY THE VM WORK: pcall, xpcall and error need the vm's unwinding.
// base.go (Open) registers these names.
//
// pcall and xpcall do not call the protected function themselves: they ask
// the vm to turn their frame into a protected-call marker inside its loop,
// so a coroutine can yield across them.

import (
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// basePCall is pcall(f, ...).
func basePCall(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return vm.PCall(l, args)
}

// baseXPCall is xpcall(f, msgh, ...).
func baseXPCall(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return vm.XPCall(l, args)
}

// baseError is error(v [, level]).
func baseError(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return vm.Error(l, args)
}
