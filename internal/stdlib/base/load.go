package base

// OWNED BY THE VM WORK: load, loadfile and dofile. Provisional bodies;
// base.go (Open) registers these names.

import (
	"errors"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func baseLoad(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return nil, errors.New("load: not implemented yet")
}

func baseLoadfile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return nil, errors.New("loadfile: not implemented yet")
}

func baseDofile(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return nil, errors.New("dofile: not implemented yet")
}
