package tide

import (
	"errors"
	"io/fs"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/vm"
)

// Program is a compiled chunk. It is immutable: any number of States, on
// any goroutines, may run it ([State.LoadProgram]), so a host compiles a
// script once and runs it in many States.
type Program struct {
	proto *bc.Proto
	name  string
}

// Compile compiles src as a text chunk named chunkname (see
// [State.DoString] for chunk names), or returns a [*SyntaxError].
func Compile(src []byte, chunkname string) (prog *Program, err error) {
	defer func() {
		if p := recover(); p != nil {
			prog, err = nil, internalError(p)
		}
	}()
	p, err := vm.Compile(src, chunkname)
	if err != nil {
		var le *vm.LuaError
		if errors.As(err, &le) {
			return nil, newSyntaxError(le.Error())
		}
		return nil, err
	}
	return &Program{proto: p, name: chunkname}, nil
}

// CompileFS compiles the file name of fsys (an embed.FS, os.DirFS, ...)
// as a chunk named "@name", skipping a first '#' line like DoFile.
func CompileFS(fsys fs.FS, name string) (*Program, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return Compile(vm.FileText(src), "@"+name)
}

// Name returns the chunk name the Program was compiled with.
func (p *Program) Name() string { return p.name }

// LoadProgram returns the Program's main function in s, with s's globals
// as its environment, ready for [State.Call].
func (s *State) LoadProgram(p *Program) (Value, error) {
	if s.closed {
		return Value{}, errClosed
	}
	return s.hold(s.vm.LoadProto(p.proto)), nil
}
