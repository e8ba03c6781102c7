package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tidelua/tide"
)

// limits are the long options that bound a run: tide --sandbox
// --max-instructions 1e9 --max-depth 200 --timeout 2s script.lua.
type limits struct {
	sandbox         bool
	maxInstructions int64
	maxDepth        int
	timeout         time.Duration
}

// quotaStatus is the exit status of a run stopped by a limit.
const quotaStatus = 3

// longOption parses args[*i], a "--name" or "--name=value" option (the
// value may also be the next argument), into l. It returns a message for
// an invalid value, unknownOption for an unknown option, or "" when it
// was accepted. The usage text stays lua's; README lists these options.
func (l *limits) longOption(args []string, i *int) string {
	name, val, hasVal := strings.Cut(args[*i], "=")
	needsValue := func() (string, bool) {
		if hasVal {
			return val, true
		}
		if *i+1 < len(args) {
			*i++
			return args[*i], true
		}
		return "", false
	}
	switch name {
	case "--sandbox":
		if hasVal {
			return fmt.Sprintf("option '%s' takes no value", name)
		}
		l.sandbox = true
		return ""
	case "--max-instructions", "--max-depth":
		v, ok := needsValue()
		if !ok {
			return fmt.Sprintf("'%s' needs argument", name)
		}
		n, err := parseCount(v)
		if err != nil {
			return fmt.Sprintf("bad value '%s' for '%s' (a positive count such as 1000 or 1e9 expected)", v, name)
		}
		if name == "--max-depth" {
			if n > math.MaxInt32 {
				n = math.MaxInt32
			}
			l.maxDepth = int(n)
		} else {
			l.maxInstructions = n
		}
		return ""
	case "--timeout":
		v, ok := needsValue()
		if !ok {
			return fmt.Sprintf("'%s' needs argument", name)
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Sprintf("bad value '%s' for '--timeout' (a duration such as 500ms or 2s expected)", v)
		}
		l.timeout = d
		return ""
	}
	return unknownOption
}

// unknownOption is what longOption returns for an option it does not
// know: the caller reports it as lua.c does.
const unknownOption = "?"

// parseCount reads a positive count: an integer, or a float form with an
// integral value such as 1e9.
func parseCount(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f != math.Trunc(f) || f >= math.MaxInt64 {
		return 0, errors.New("bad count")
	}
	return int64(f), nil
}

// apply sets the limits in opts and bounds ctx by the timeout.
func (l *limits) apply(ctx context.Context, opts *tide.Options) (context.Context, context.CancelFunc) {
	opts.Sandbox = l.sandbox
	opts.MaxInstructions = l.maxInstructions
	opts.MaxCallDepth = l.maxDepth
	if l.timeout > 0 {
		return context.WithTimeout(ctx, l.timeout)
	}
	return ctx, func() {}
}

// quotaText is the message for a run stopped by a limit: "<kind> limit
// exceeded (<limit>)" and the traceback; ok is false for other errors.
func (l *limits) quotaText(err error) (string, bool) {
	var q *tide.QuotaError
	if !errors.As(err, &q) {
		return "", false
	}
	var msg string
	switch {
	case errors.Is(err, tide.ErrInstructionLimit):
		msg = fmt.Sprintf("instruction limit exceeded (%d instructions)", l.maxInstructions)
	case errors.Is(err, tide.ErrDepthLimit):
		msg = fmt.Sprintf("depth limit exceeded (%d calls)", l.maxDepth)
	case errors.Is(err, context.DeadlineExceeded) && l.timeout > 0:
		msg = fmt.Sprintf("time limit exceeded (%s)", l.timeout)
	default:
		msg = q.Error()
	}
	if q.Traceback != "" {
		msg += "\n" + q.Traceback
	}
	return msg, true
}

// longTakesValue reports whether the long option a (without "=value")
// took the next argument as its value.
func longTakesValue(a string) bool {
	switch a {
	case "--max-instructions", "--max-depth", "--timeout", "--max-memory":
		return true
	}
	return diagTakesValue(a)
}
