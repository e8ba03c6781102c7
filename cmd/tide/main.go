// Command tide is a Lua 5.4 interpreter compatible with the reference lua
// program: the same options, the same arg table, the same error output
// (with "tide" as the program name).
//
// Usage:
//
//	tide [options] [script [args]]
//	tide disasm file.lua
//	tide serve [options] APP
//	tide prof [options] script [args]
//
// Options: -e stat, -i, -l mod, -l g=mod, -v, -E, -W, --, - (see tide -h).
// tide's own limits come before them: --sandbox, --max-instructions N,
// --max-memory SIZE (64MiB, 500MB, ...), --max-depth N and --timeout D; a
// run stopped by one prints
// "tide: <kind> limit exceeded (<limit>)" and a traceback and exits with
// status 3.
// Diagnostic options go there too: --mem-report prints a memory report
// to stderr when the run ends, errors included (live Lua objects by type,
// the largest tables with the source:line that made them, the Go heap,
// the process's RSS, a breakdown saying whether the memory is live data,
// fragmentation or outside the Lua heap, and GC statistics: cycles, pause
// p50/p99/max, heap goal); --coroutines prints every live coroutine with
// its status, creation site, age and where it is suspended;
// --traceback-locals lists the local variables of each Lua frame in the
// traceback of an uncaught error. From Lua, require("tide") gives
// memreport() and coroutines().
// "tide disasm file.lua" prints the bytecode listing of a file; "tide
// serve" runs an HTTP application (see package serve and tide serve -h);
// "tide prof" runs a script under the sampling profiler. To run a script
// named like a subcommand, write "tide ./serve" or "tide -- serve".
package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
)

// version is what -v prints.
const version = "tide 0.1 (Lua 5.4)"

// progname is the program name in messages, fixed so that output does not
// depend on how the binary was invoked.
const progname = "tide"

// env is the outside world of one run: standard streams, environment
// variables and the directory that relative file names resolve against.
type env struct {
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
	getenv     func(string) string
	dir        string // "" is the process's working directory
	stdinIsTTY bool
}

func main() {
	out := bufio.NewWriterSize(os.Stdout, 32<<10)
	var stdout io.Writer = out
	if isTerminal(os.Stdout) {
		// C's stdout is line buffered on a terminal: show each line as
		// it is completed.
		stdout = lineFlusher{out}
	}
	e := &env{
		stdin:      os.Stdin,
		stdout:     stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		stdinIsTTY: isTerminal(os.Stdin),
	}
	code := run(context.Background(), os.Args, e)
	out.Flush()
	os.Exit(code)
}

// lineFlusher flushes its buffer after every write that ends a line.
type lineFlusher struct{ w *bufio.Writer }

func (f lineFlusher) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err == nil && bytes.IndexByte(p, '\n') >= 0 {
		err = f.w.Flush()
	}
	return n, err
}

// Flush writes out the buffer, for the io library's io.flush.
func (f lineFlusher) Flush() error { return f.w.Flush() }

// isTerminal reports whether f is a character device (a terminal), which
// is what lua.c's lua_stdin_is_tty checks with isatty.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
