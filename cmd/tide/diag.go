package main

import "github.com/tidelua/tide"

// diagOptions are the diagnostic long options (--mem-report,
// --coroutines, --traceback-locals): reports printed to stderr when the
// run ends.
type diagOptions struct{}

// longOption parses args[*i] like limits.longOption: "" when accepted,
// unknownOption when it is not a diagnostic option, else a message.
func (d *diagOptions) longOption(args []string, i *int) string {
	return unknownOption
}

// diagTakesValue reports whether the diagnostic option a takes a
// separate value argument.
func diagTakesValue(a string) bool { return false }

// apply sets what the diagnostics need in the State's options.
func (d *diagOptions) apply(opts *tide.Options) {}

// report prints the requested reports to e.stderr at the end of the run.
func (d *diagOptions) report(s *tide.State, e *env) {}
