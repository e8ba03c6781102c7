package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tidelua/tide"
)

// usage is lua.c's help text, with this program's name.
const usage = `usage: tide [options] [script [args]]
Available options are:
  -e stat   execute string 'stat'
  -i        enter interactive mode after executing 'script'
  -l mod    require library 'mod' into global 'mod'
  -l g=mod  require library 'mod' into global 'g'
  -v        show version information
  -E        ignore environment variables
  -W        turn warnings on
  --        stop handling options
  -         stop handling options and execute stdin
`

// options is the result of scanning the command line (lua.c's collectargs).
type options struct {
	e, i, v, noEnv bool
	// script is the index in args of the script name; len(args) when
	// there is none. Options are args[1:script].
	script int
	// bad is the offending argument when the command line is invalid;
	// badMsg, when set, is the whole message for it.
	bad, badMsg string
	// limits are the long options (--sandbox, --max-instructions, ...).
	limits limits
	// diag are the diagnostic long options (--mem-report, ...).
	diag diagOptions
	// memory are the process memory options (--memory-target).
	memory memoryOptions
}

// parseArgs scans args like lua.c's collectargs: options stop at the
// first argument that does not start with '-', at "--" and at "-".
func parseArgs(args []string) options {
	var o options
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if a == "" || a[0] != '-' {
			o.script = i
			return o
		}
		if len(a) == 1 { // "-": the script is stdin
			o.script = i
			return o
		}
		switch a[1] {
		case '-':
			if len(a) > 2 {
				msg := o.limits.longOption(args, &i)
				if msg == unknownOption {
					msg = o.diag.longOption(args, &i)
				}
				if msg == unknownOption {
					msg = o.memory.longOption(args, &i)
				}
				if msg != "" {
					o.bad = a
					if msg != unknownOption {
						o.badMsg = msg
					}
					return o
				}
				continue
			}
			o.script = i + 1
			return o
		case 'E', 'W', 'v', 'i':
			if len(a) > 2 {
				o.bad = a
				return o
			}
			switch a[1] {
			case 'E':
				o.noEnv = true
			case 'i':
				o.i, o.v = true, true // -i implies -v
			case 'v':
				o.v = true
			}
		case 'e', 'l':
			if a[1] == 'e' {
				o.e = true
			}
			if len(a) == 2 {
				i++
				if i >= len(args) || (args[i] != "" && args[i][0] == '-') {
					o.bad = a
					return o
				}
			}
		default:
			o.bad = a
			return o
		}
	}
	o.script = i
	return o
}

// run is the whole program: it returns the exit status.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) > 1 {
		switch args[1] {
		case "disasm":
			return disasm(args[2:], e)
		case "serve":
			return serveCommand(ctx, args[2:], e)
		case "prof":
			return profCommand(ctx, args[2:], e)
		}
	}
	if len(args) == 0 {
		args = []string{progname}
	}
	o := parseArgs(args)
	if o.bad != "" {
		if o.badMsg != "" {
			fmt.Fprintf(e.stderr, "%s: %s\n", progname, o.badMsg)
		} else if o.bad[1] == 'e' || o.bad[1] == 'l' {
			fmt.Fprintf(e.stderr, "%s: '%s' needs argument\n", progname, o.bad)
		} else {
			fmt.Fprintf(e.stderr, "%s: unrecognized option '%s'\n", progname, o.bad)
		}
		io.WriteString(e.stderr, usage)
		return 1
	}
	if o.v {
		fmt.Fprintln(e.stdout, version)
	}
	hasScript := o.script < len(args)
	scriptIndex := 0
	if hasScript {
		scriptIndex = o.script
	}
	stdin := bufio.NewReader(e.stdin)
	topts := tide.Options{
		Getenv: e.getenv,
		NoEnv:  o.noEnv,
		// lua runs precompiled chunks; so does tide (its own format)
		AllowBinaryChunks: true,
		Stdout:            e.stdout,
		Stderr:            e.stderr,
		Stdin:             stdin,
		Args:              args,
		ScriptIndex:       scriptIndex,
		Dir:               e.dir,
	}
	ctx, cancel := o.limits.apply(ctx, &topts)
	defer cancel()
	defer o.memory.apply()()
	o.diag.apply(&topts)
	s := tide.NewState(topts)
	c := &cli{ctx: ctx, e: e, s: s, stdin: stdin, limits: &o.limits}
	defer c.close()
	defer o.diag.report(s, e) // before close: the State is still whole

	if !o.noEnv && !c.luaInit() {
		return c.failed()
	}
	if !c.runOptions(args[1:o.script]) {
		return c.failed()
	}
	if hasScript {
		name := args[o.script]
		if name == "-" && args[o.script-1] != "--" {
			name = "" // stdin
		}
		if !c.report(s.DoFile(ctx, name, args[o.script+1:]...)) {
			return c.failed()
		}
	}
	switch {
	case o.i:
		c.repl()
	case !hasScript && !o.e && !o.v:
		if e.stdinIsTTY {
			fmt.Fprintln(e.stdout, version)
			c.repl()
		} else if !c.report(s.DoFile(ctx, "")) {
			return c.failed()
		}
	}
	if c.exit != nil { // os.exit in the REPL
		return c.exit.Code
	}
	return 0
}

// cli holds one run's state.
type cli struct {
	ctx   context.Context
	e     *env
	s     *tide.State
	stdin *bufio.Reader
	// interactive drops the program name from messages, as lua.c does in
	// its REPL.
	interactive bool
	// exit is set when the Lua code called os.exit: the run ends with its
	// status.
	exit *tide.ExitError
	// limits bound the run; quota is set when one stopped it.
	limits *limits
	quota  bool
}

// failed returns the exit status after report returned false: os.exit's
// status, or 1 for an error.
func (c *cli) failed() int {
	if c.exit != nil {
		return c.exit.Code
	}
	if c.quota {
		return quotaStatus
	}
	return 1
}

// close closes the State at the end of the run, running pending
// finalizers as lua.c's lua_close does, except after os.exit without its
// close argument: the reference then exits at once.
func (c *cli) close() {
	if c.exit != nil && !c.exit.Close {
		c.s.Flush() // C's exit flushes stdio buffers even without lua_close
		return
	}
	c.s.Close()
}

// luaInit runs LUA_INIT_5_4 or LUA_INIT: "@file" runs a file, anything
// else is code named "=LUA_INIT...".
func (c *cli) luaInit() bool {
	name := "LUA_INIT_5_4"
	init := c.e.getenv(name)
	if init == "" {
		name = "LUA_INIT"
		init = c.e.getenv(name)
	}
	if init == "" {
		return true
	}
	if file, ok := strings.CutPrefix(init, "@"); ok {
		return c.report(c.s.DoFile(c.ctx, file))
	}
	return c.report(c.s.DoString(c.ctx, init, "="+name))
}

// runOptions executes -e, -l and -W in order (lua.c's runargs).
func (c *cli) runOptions(opts []string) bool {
	for i := 0; i < len(opts); i++ {
		a := opts[i]
		switch a[1] {
		case '-': // a long option, applied already; skip its separate value
			if !strings.Contains(a, "=") && longTakesValue(a) {
				i++
			}
		case 'e', 'l':
			extra := a[2:]
			if extra == "" {
				i++
				extra = opts[i]
			}
			var err error
			if a[1] == 'e' {
				err = c.s.DoString(c.ctx, extra, "=(command line)")
			} else {
				err = c.require(extra)
			}
			if !c.report(err) {
				return false
			}
		case 'W':
			if warn := c.s.Global("warn"); warn.Type() == "function" {
				if !c.report(c.callErr(warn, tide.String("@on"))) {
					return false
				}
			}
		}
	}
	return true
}

// require implements -l mod and -l g=mod: g = require(mod).
func (c *cli) require(spec string) error {
	global, mod := spec, spec
	if i := strings.IndexByte(spec, '='); i >= 0 {
		global, mod = spec[:i], spec[i+1:]
	}
	req := c.s.Global("require")
	rs, err := c.s.Call(c.ctx, req, tide.String(mod))
	if err != nil {
		return err
	}
	var v tide.Value
	if len(rs) > 0 {
		v = rs[0]
	}
	c.s.SetGlobal(global, v)
	return nil
}

func (c *cli) callErr(fn tide.Value, args ...tide.Value) error {
	_, err := c.s.Call(c.ctx, fn, args...)
	return err
}

// report prints err like lua.c's report/l_message ("tide: msg" plus the
// traceback) and returns whether there was no error.
func (c *cli) report(err error) bool {
	if err == nil {
		return true
	}
	if ee := (*tide.ExitError)(nil); errors.As(err, &ee) {
		c.exit = ee
		return false
	}
	if c.limits != nil {
		if msg, ok := c.limits.quotaText(err); ok {
			c.quota = true
			c.message(msg)
			return false
		}
	}
	c.message(errorText(err))
	return false
}

// message prints one message to stderr, after flushing stdout so that
// output appears in order on a terminal.
func (c *cli) message(msg string) {
	if f, ok := c.e.stdout.(interface{ Flush() error }); ok {
		f.Flush()
	}
	if !c.interactive {
		msg = progname + ": " + msg
	}
	io.WriteString(c.e.stderr, strings.TrimSuffix(msg, "\n")+"\n")
}

// errorText is what lua.c prints for an error: the message and, for
// runtime errors, the traceback.
func errorText(err error) string {
	var le *tide.Error
	if errors.As(err, &le) {
		if le.Traceback != "" {
			return le.Message + "\n" + le.Traceback
		}
		return le.Message
	}
	return err.Error()
}
