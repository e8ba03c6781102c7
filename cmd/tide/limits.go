package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
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
	maxMemory       int64
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
	case "--max-memory":
		v, ok := needsValue()
		if !ok {
			return fmt.Sprintf("'%s' needs argument", name)
		}
		n, err := parseSize(v)
		if err != nil {
			return fmt.Sprintf("bad value '%s' for '--max-memory' (a size such as 64MiB, 500MB or 1048576 expected)", v)
		}
		l.maxMemory = n
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

// sizeUnits are the suffixes parseSize accepts, binary ones first (the
// order formatSize prefers).
var sizeUnits = []struct {
	name string
	n    int64
}{
	{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10},
	{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1},
}

// parseSize reads a positive size in bytes: a count (see parseCount)
// with an optional unit, B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB
// (powers of 1024), e.g. 64MiB, 1.5GB, 1e6.
func parseSize(s string) (int64, error) {
	num, unit := s, int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(s, u.name); ok {
			num, unit = strings.TrimSpace(n), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || f*float64(unit) >= math.MaxInt64 || f*float64(unit) < 1 {
		return 0, errors.New("bad size")
	}
	return int64(f * float64(unit)), nil
}

// formatSize writes n in the largest unit that divides it exactly:
// 64 MiB, 500 MB, 1000 B.
func formatSize(n int64) string {
	for _, u := range sizeUnits {
		if n%u.n == 0 {
			return fmt.Sprintf("%d %s", n/u.n, u.name)
		}
	}
	return fmt.Sprintf("%d B", n)
}

// apply sets the limits in opts and bounds ctx by the timeout. A memory
// quota also sets Go's soft memory limit (unless GOMEMLIMIT is set) to
// 1.5 times the quota plus 32 MiB, so that the collector frees garbage
// before the process grows far past the quota: the quota bounds what the
// script keeps, the soft limit what the process holds.
func (l *limits) apply(ctx context.Context, opts *tide.Options) (context.Context, context.CancelFunc) {
	opts.Sandbox = l.sandbox
	opts.MaxInstructions = l.maxInstructions
	opts.MaxCallDepth = l.maxDepth
	opts.MemoryLimit = l.maxMemory
	restore := func() {}
	if l.maxMemory > 0 && os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(l.maxMemory + l.maxMemory/2 + 32<<20)
		restore = func() { debug.SetMemoryLimit(old) }
	}
	if l.timeout > 0 {
		ctx, cancel := context.WithTimeout(ctx, l.timeout)
		return ctx, func() { cancel(); restore() }
	}
	return ctx, restore
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
	case errors.Is(err, tide.ErrMemoryLimit):
		msg = fmt.Sprintf("memory limit exceeded (%s)", formatSize(l.maxMemory))
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
	return diagTakesValue(a) || memoryTakesValue(a)
}
