package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tidelua/tide"
)

// profUsage is the help text of tide prof.
const profUsage = `usage: tide prof [options] script [args]
Runs script like "tide script [args]" while sampling its Lua call stacks.
Options:
  --hz N           samples a second (default 1000)
  --out FILE       write the CPU profile in pprof format (go tool pprof FILE)
  --folded FILE    write folded stacks ("outer;inner;leaf count" lines)
  --svg FILE       write a flame graph (a self-contained SVG image)
  --alloc FILE     write the allocation profile in pprof format
With no output option, the 20 busiest functions are printed to stderr.
tide's limits and diagnostic options (--max-instructions N, --timeout D,
--mem-report, ...) are accepted too.
`

// profOptions are the options of tide prof.
type profOptions struct {
	hz                      int
	out, folded, svg, alloc string
	limits                  limits
	diag                    diagOptions
	script                  string
	args                    []string
}

// parseProfArgs parses the options before the script name; ok is false
// after printing a message.
func parseProfArgs(args []string, e *env) (o profOptions, ok bool) {
	o.hz = 1000
	fail := func(format string, a ...any) (profOptions, bool) {
		fmt.Fprintf(e.stderr, "%s prof: %s\n%s", progname, fmt.Sprintf(format, a...), profUsage)
		return o, false
	}
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			io.WriteString(e.stderr, profUsage)
			return o, false
		}
		name, val, hasVal := strings.Cut(a, "=")
		if !strings.HasPrefix(name, "--") {
			name = "-" + name // -hz is --hz
		}
		value := func() (string, bool) {
			if hasVal {
				return val, true
			}
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			return "", false
		}
		var file *string
		switch name {
		case "--hz":
			v, ok := value()
			if !ok {
				return fail("'%s' needs argument", name)
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > maxProfHz {
				return fail("bad value '%s' for '--hz' (a rate from 1 to %d expected)", v, maxProfHz)
			}
			o.hz = n
			continue
		case "--out":
			file = &o.out
		case "--folded":
			file = &o.folded
		case "--svg":
			file = &o.svg
		case "--alloc":
			file = &o.alloc
		default:
			msg := o.limits.longOption(args, &i)
			if msg == unknownOption {
				msg = o.diag.longOption(args, &i)
			}
			switch msg {
			case "":
				continue
			case unknownOption:
				return fail("unrecognized option '%s'", a)
			}
			return fail("%s", msg)
		}
		v, ok := value()
		if !ok || v == "" {
			return fail("'%s' needs a file name", name)
		}
		*file = v
	}
	if i >= len(args) {
		return fail("no script given")
	}
	o.script, o.args = args[i], args[i+1:]
	return o, true
}

// maxProfHz is the highest sampling rate the profiler accepts
// (ProfileOptions.Hz).
const maxProfHz = 100000

// profCommand is "tide prof [options] script [args]": it runs the script
// as "tide script [args]" would (the same arg table, error output and
// exit status) under the sampling profiler, then writes the profiles
// asked for, or a table of the busiest functions to stderr.
func profCommand(ctx context.Context, args []string, e *env) int {
	o, ok := parseProfArgs(args, e)
	if !ok {
		return 1
	}
	targs := append([]string{progname, o.script}, o.args...)
	stdin := bufio.NewReader(e.stdin)
	topts := tide.Options{
		Getenv:            e.getenv,
		AllowBinaryChunks: true,
		Stdout:            e.stdout,
		Stderr:            e.stderr,
		Stdin:             stdin,
		Args:              targs,
		ScriptIndex:       1,
		Dir:               e.dir,
	}
	ctx, cancel := o.limits.apply(ctx, &topts)
	defer cancel()
	o.diag.apply(&topts)
	s := tide.NewState(topts)
	c := &cli{ctx: ctx, e: e, s: s, stdin: stdin, limits: &o.limits}
	defer c.close()
	defer o.diag.report(s, e) // before close: the State is still whole
	if !c.luaInit() {
		return c.failed()
	}
	if err := s.StartProfile(tide.ProfileOptions{Hz: o.hz, Alloc: o.alloc != ""}); err != nil {
		fmt.Fprintf(e.stderr, "%s prof: %v\n", progname, err)
		return 1
	}
	name := o.script
	if name == "-" {
		name = "" // stdin
	}
	runErr := s.DoFile(ctx, name, o.args...)
	p, err := s.StopProfile()
	if err != nil {
		fmt.Fprintf(e.stderr, "%s prof: %v\n", progname, err)
		return 1
	}
	ok = c.report(runErr)
	if !writeProfiles(p, o, e, ok) && ok {
		return 1
	}
	if !ok {
		return c.failed()
	}
	return 0
}

// writeProfiles writes the outputs o asks for, or the top table to
// stderr when it asks for none (unless the run failed without a sample:
// the script did not load); it reports whether all went well.
func writeProfiles(p *tide.Profile, o profOptions, e *env, ran bool) bool {
	outs := []struct {
		name  string
		write func(io.Writer) error
	}{
		{o.out, p.WritePprof},
		{o.folded, p.WriteFolded},
		{o.svg, p.WriteSVG},
		{o.alloc, p.WriteAllocPprof},
	}
	ok, any := true, false
	for _, out := range outs {
		if out.name == "" {
			continue
		}
		any = true
		if err := writeFile(e, out.name, out.write); err != nil {
			fmt.Fprintf(e.stderr, "%s prof: %v\n", progname, err)
			ok = false
		}
	}
	if !any && (ran || p.TotalSamples() > 0) {
		if f, ok := e.stdout.(interface{ Flush() error }); ok {
			f.Flush() // the script's output first
		}
		p.WriteTop(e.stderr, 20)
	}
	return ok
}

// writeFile creates name (relative to e.dir) and writes it with write.
func writeFile(e *env, name string, write func(io.Writer) error) error {
	if e.dir != "" && !filepath.IsAbs(name) {
		name = filepath.Join(e.dir, name)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
