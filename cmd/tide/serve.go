package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve"
	"github.com/tidelua/tide/serve/shdict"
)

// serveUsage is the help text of tide serve.
const serveUsage = `usage: tide serve [options] APP
APP is a Lua file returning a handler or a routes table, or a directory
holding tide.conf.lua or app.lua.
Options:
  --listen ADDR     address to serve on (default :8080)
  --admin ADDR      separate address for /healthz, /readyz and /metrics
  --config FILE     configuration file (a Lua file returning a table)
  --states N        Lua States, the requests running at once (default: CPUs)
  --drain D         shutdown timeout for requests in flight (default 10s)
  --drain-delay D   time /readyz answers 503 before the listener closes
  --timeout D       per-request time limit (default 30s)
  --max-instructions N  per-request instruction budget
  --max-memory SIZE     live Lua heap limit of each State
  --max-body SIZE       request body limit (default 1MiB)
  --shared-dict NAME=SIZE  a shared dict, ngx.shared.NAME (repeatable; SIZE as 10m)
  --lang MODE       language mode of the application: lua5.4 or luajit
`

// serveCommand is "tide serve [options] APP": the HTTP application
// server. It serves until SIGINT or SIGTERM (or ctx is done), then
// drains. An invalid application is reported before listening, with
// exit status 1. Access log lines go to standard output, the error log
// to standard error.
func serveCommand(ctx context.Context, args []string, e *env) int {
	opts, code, ok := parseServeArgs(args, e)
	if !ok {
		return code
	}
	if e.dir != "" {
		for _, p := range []*string{&opts.App, &opts.Config} {
			if *p != "" && !filepath.IsAbs(*p) {
				*p = filepath.Join(e.dir, *p)
			}
		}
	}
	opts.AccessLog, opts.ErrorLog = flushing(e.stdout), flushing(e.stderr)
	srv, err := serve.New(opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", progname, err)
		return 1
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// once draining, a second signal ends the process at once
		<-ctx.Done()
		stop()
	}()
	if err := srv.ListenAndServe(ctx); err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", progname, err)
		return 1
	}
	return 0
}

// flushing makes each log line reach w at once when w buffers (the
// command's standard output does).
func flushing(w io.Writer) io.Writer {
	if f, ok := w.(interface{ Flush() error }); ok {
		return flushWriter{w, f}
	}
	return w
}

type flushWriter struct {
	w io.Writer
	f interface{ Flush() error }
}

func (w flushWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err == nil {
		err = w.f.Flush()
	}
	return n, err
}

// parseServeArgs reads the options of tide serve; ok is false when the
// command must exit with code.
func parseServeArgs(args []string, e *env) (opts serve.Options, code int, ok bool) {
	fs := flag.NewFlagSet("tide serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&opts.Listen, "listen", "", "")
	fs.StringVar(&opts.Admin, "admin", "", "")
	fs.StringVar(&opts.Config, "config", "", "")
	fs.IntVar(&opts.States, "states", 0, "")
	fs.DurationVar(&opts.Drain, "drain", 0, "")
	fs.DurationVar(&opts.DrainDelay, "drain-delay", 0, "")
	fs.DurationVar(&opts.Limits.Time, "timeout", 0, "")
	var maxInstr, maxMem, maxBody, lang string
	fs.Func("shared-dict", "", func(v string) error {
		name, size, err := shdict.ParseSpec(v)
		if err != nil {
			return fmt.Errorf("NAME=SIZE expected, as cache=10m")
		}
		if opts.SharedDicts == nil {
			opts.SharedDicts = map[string]int64{}
		}
		opts.SharedDicts[name] = size
		return nil
	})
	fs.StringVar(&lang, "lang", "", "")
	fs.StringVar(&maxInstr, "max-instructions", "", "")
	fs.StringVar(&maxMem, "max-memory", "", "")
	fs.StringVar(&maxBody, "max-body", "", "")
	// options may come before and after APP
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				io.WriteString(e.stdout, serveUsage)
				return opts, 0, false
			}
			fmt.Fprintf(e.stderr, "%s serve: %v\n%s", progname, err, serveUsage)
			return opts, 1, false
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
	bad := func(format string, a ...any) (serve.Options, int, bool) {
		fmt.Fprintf(e.stderr, "%s serve: "+format+"\n", append([]any{progname}, a...)...)
		return opts, 1, false
	}
	switch {
	case len(rest) > 1:
		return bad("one application expected, got %d arguments", len(rest))
	case len(rest) == 1:
		opts.App = rest[0]
	case opts.Config == "":
		fmt.Fprintf(e.stderr, "%s serve: no application given\n%s", progname, serveUsage)
		return opts, 1, false
	}
	if lang != "" {
		mode, err := tide.ParseCompat(lang)
		if err != nil {
			return bad("bad value '%s' for '--lang' (lua5.4 or luajit expected)", lang)
		}
		opts.Compat = mode
	}
	if opts.States < 0 {
		return bad("bad value '%d' for '--states' (a positive count expected)", opts.States)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--drain", opts.Drain}, {"--drain-delay", opts.DrainDelay}, {"--timeout", opts.Limits.Time}} {
		if d.v < 0 {
			return bad("bad value '%s' for '%s' (a positive duration expected)", d.v, d.name)
		}
	}
	if maxInstr != "" {
		n, err := parseCount(maxInstr)
		if err != nil {
			return bad("bad value '%s' for '--max-instructions' (a positive count such as 1000 or 1e9 expected)", maxInstr)
		}
		opts.Limits.Instructions = n
	}
	for _, s := range []struct {
		name, v string
		dst     *int64
	}{{"--max-memory", maxMem, &opts.Limits.Memory}, {"--max-body", maxBody, &opts.Limits.Body}} {
		if s.v == "" {
			continue
		}
		n, err := parseSize(s.v)
		if err != nil {
			return bad("bad value '%s' for '%s' (a size such as 64MiB or 500MB expected)", s.v, s.name)
		}
		*s.dst = n
	}
	return opts, 0, true
}
