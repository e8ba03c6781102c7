package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tidelua/tide"
)

// repl is lua.c's read-eval-print loop (without readline): prompts go to
// stdout, each line is first tried as "return <line>;" so expressions print
// their values, and an input whose only problem is that it ends too early
// ("... near <eof>") is continued on the next line.
func (c *cli) repl() {
	c.interactive = true
	defer func() { c.interactive = false }()
	for {
		fn, err, ok := c.loadLine()
		if !ok {
			break
		}
		if err != nil {
			c.report(err)
			continue
		}
		rs, err := c.s.Call(c.ctx, fn)
		if err != nil {
			if !c.report(err) && c.exit != nil {
				c.flush()
				return // os.exit
			}
			continue
		}
		if len(rs) > 0 {
			if _, err := c.s.Call(c.ctx, c.s.Global("print"), rs...); err != nil {
				// lua.c calls print without a message handler: no traceback.
				msg := err.Error()
				var le *tide.Error
				if errors.As(err, &le) {
					msg = le.Message
				}
				c.message(fmt.Sprintf("error calling 'print' (%s)", msg))
			}
		}
	}
	io.WriteString(c.e.stdout, "\n")
	c.flush()
}

// loadLine reads and compiles one statement; ok is false at end of input.
func (c *cli) loadLine() (fn tide.Value, err error, ok bool) {
	line, ok := c.readLine(true)
	if !ok {
		return tide.Value{}, nil, false
	}
	if rest, isExpr := strings.CutPrefix(line, "="); isExpr {
		line = "return " + rest // the 5.1-style "=expr" still works in lua.c
	}
	if fn, err := c.s.Load([]byte("return "+line+";"), "=stdin"); err == nil {
		return fn, nil, true
	}
	for {
		fn, err := c.s.Load([]byte(line), "=stdin")
		var se *tide.SyntaxError
		if err == nil || !errors.As(err, &se) || !strings.HasSuffix(se.Message, "<eof>") {
			return fn, err, true
		}
		more, ok := c.readLine(false)
		if !ok {
			return fn, err, true
		}
		line += "\n" + more
	}
}

// readLine prints the prompt (_PROMPT or _PROMPT2 when set) and reads one
// line without its newline; ok is false at end of input.
func (c *cli) readLine(first bool) (string, bool) {
	prompt, global := "> ", "_PROMPT"
	if !first {
		prompt, global = ">> ", "_PROMPT2"
	}
	if v := c.s.Global(global); !v.IsNil() {
		if s, err := c.s.ToString(v); err == nil {
			prompt = s
		}
	}
	io.WriteString(c.e.stdout, prompt)
	c.flush()
	line, err := c.stdin.ReadString('\n')
	if err != nil && line == "" {
		return "", false
	}
	return strings.TrimSuffix(line, "\n"), true
}

func (c *cli) flush() {
	if f, ok := c.e.stdout.(interface{ Flush() error }); ok {
		f.Flush()
	}
}
