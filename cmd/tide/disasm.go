package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/compiler"
	"github.com/tidelua/tide/internal/parser"
)

// disasm implements "tide disasm file.lua": it compiles the file (chunk
// name "@file.lua", a first '#' line skipped as when running it) and
// prints the bytecode listing of every function.
func disasm(args []string, e *env) int {
	if len(args) != 1 {
		fmt.Fprintf(e.stderr, "usage: %s disasm file.lua\n", progname)
		return 1
	}
	name := args[0]
	path := name
	if e.dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		reason := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err.Error()
		}
		if reason != "" {
			reason = strings.ToUpper(reason[:1]) + reason[1:]
		}
		fmt.Fprintf(e.stderr, "%s: cannot open %s: %s\n", progname, name, reason)
		return 1
	}
	chunk, err := parser.Parse(src, "@"+name)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", progname, err)
		return 1
	}
	p, err := compiler.Compile(chunk)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", progname, err)
		return 1
	}
	return listing(e, p)
}

// listing prints p's disassembly.
func listing(e *env, p *bytecode.Proto) int {
	bytecode.Disassemble(e.stdout, p)
	return 0
}
