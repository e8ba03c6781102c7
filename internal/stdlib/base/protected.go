package base

// OWNED BY THE VM WORK: pcall, xpcall and error need the vm's unwinding.
// Provisional bodies; base.go (Open) registers these names.

import (
	"errors"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func basePCall(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return nil, errors.New("pcall: not implemented yet")
}

func baseXPCall(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return nil, errors.New("xpcall: not implemented yet")
}

func baseError(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return nil, errors.New("error: not implemented yet")
}
