package main

import (
	"context"
	"fmt"
)

// profCommand is "tide prof [options] script [args]": it runs the script
// under the sampling profiler.
func profCommand(ctx context.Context, args []string, e *env) int {
	fmt.Fprintf(e.stderr, "%s: subcommand 'prof' is not available yet\n", progname)
	return 1
}
