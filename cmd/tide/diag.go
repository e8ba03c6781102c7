package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/tidelua/tide"
)

// diagOptions are the diagnostic long options (--mem-report,
// --coroutines, --traceback-locals): reports printed to stderr when the
// run ends.
type diagOptions struct {
	memReport       bool // --mem-report: the memory report
	coroutines      bool // --coroutines: the coroutine inventory
	tracebackLocals bool // --traceback-locals: locals in error tracebacks
}

// longOption parses args[*i] like limits.longOption: "" when accepted,
// unknownOption when it is not a diagnostic option, else a message.
func (d *diagOptions) longOption(args []string, i *int) string {
	name, _, hasVal := strings.Cut(args[*i], "=")
	var flag *bool
	switch name {
	case "--mem-report":
		flag = &d.memReport
	case "--coroutines":
		flag = &d.coroutines
	case "--traceback-locals":
		flag = &d.tracebackLocals
	default:
		return unknownOption
	}
	if hasVal {
		return fmt.Sprintf("option '%s' takes no value", name)
	}
	*flag = true
	return ""
}

// diagTakesValue reports whether the diagnostic option a takes a
// separate value argument.
func diagTakesValue(a string) bool { return false }

// apply sets what the diagnostics need in the State's options.
func (d *diagOptions) apply(opts *tide.Options) {
	if d.memReport {
		opts.TrackSites = true
	}
	if d.tracebackLocals {
		opts.TracebackLocals = true
	}
}

// report prints the requested reports to e.stderr at the end of the run.
func (d *diagOptions) report(s *tide.State, e *env) {
	if !d.memReport && !d.coroutines {
		return
	}
	if f, ok := e.stdout.(interface{ Flush() error }); ok {
		f.Flush() // the script's output first
	}
	if d.coroutines {
		if cs := s.Coroutines(); cs != nil {
			tide.WriteCoroutines(e.stderr, cs)
		} else {
			io.WriteString(e.stderr, "coroutines: 0 live\n")
		}
	}
	if d.memReport {
		// collect Go's garbage so that the Go heap figures show live
		// memory (not Lua's own collection: it would run finalizers);
		// a first census purges the creation sites of freed tables, and
		// the second collection frees what that purge dropped
		runtime.GC()
		s.MemoryReport()
		runtime.GC()
		if m := s.MemoryReport(); m != nil {
			m.WriteTo(e.stderr)
		}
	}
}
