package main

import (
	"context"
	"fmt"
)

// serveCommand is "tide serve [options] APP": the HTTP application server.
func serveCommand(ctx context.Context, args []string, e *env) int {
	fmt.Fprintf(e.stderr, "%s: subcommand 'serve' is not available yet\n", progname)
	return 1
}
