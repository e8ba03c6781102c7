package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/tidelua/tide"
)

// memoryOptions are the long options about the process's memory (as
// opposed to --max-memory, the quota on what a script keeps):
//
//	--memory-target SIZE   Go's soft memory limit (debug.SetMemoryLimit,
//	                       what GOMEMLIMIT sets): the collector runs more
//	                       often as the process approaches SIZE and the
//	                       scavenger returns free memory to stay under it.
//	                       It is a target, not a quota: a script that
//	                       keeps more than SIZE keeps running.
//
// Whatever the options, a run also returns free memory to the operating
// system while the process is idle (tide.IdleRelease).
type memoryOptions struct {
	target int64 // bytes; 0: not set
}

// longOption parses args[*i] like limits.longOption: "" when accepted,
// unknownOption when it is not a memory option, else a message.
func (m *memoryOptions) longOption(args []string, i *int) string {
	name, val, hasVal := strings.Cut(args[*i], "=")
	if name != "--memory-target" {
		return unknownOption
	}
	if !hasVal {
		if *i+1 >= len(args) {
			return fmt.Sprintf("'%s' needs argument", name)
		}
		*i++
		val = args[*i]
	}
	n, err := parseSize(val)
	if err != nil {
		return fmt.Sprintf("bad value '%s' for '--memory-target' (a size such as 512MiB, 2GB or 1048576 expected)", val)
	}
	m.target = n
	return ""
}

// memoryTakesValue reports whether the memory option a takes a separate
// value argument.
func memoryTakesValue(a string) bool { return a == "--memory-target" }

// apply sets Go's soft memory limit to the target, when there is one
// (the command line wins over GOMEMLIMIT and over the limit --max-memory
// derives, so apply it after limits.apply), and starts releasing memory
// while idle. The returned function undoes both; call it when the run
// ends.
func (m *memoryOptions) apply() (undo func()) {
	restore := func() {}
	if m.target > 0 {
		old := debug.SetMemoryLimit(m.target)
		restore = func() { debug.SetMemoryLimit(old) }
	}
	idle := tide.StartIdleRelease(0)
	return func() {
		idle.Stop()
		restore()
	}
}
