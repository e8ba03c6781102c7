// Package profile holds the data of a sampling profile of Lua code and
// writes it out: as a pprof protocol buffer (for go tool pprof), as folded
// stacks (for flame graph tools), as a self-contained SVG flame graph and
// as a table of the busiest functions.
//
// It knows nothing of the VM: the VM turns its call frames into [Frame]
// values and hands over [Sample]s. It imports only the standard library.
package profile

import (
	"sort"
	"time"
)

// Frame is one function activation in a sampled stack.
type Frame struct {
	// Function names the function as a person reads it, e.g.
	// "fib (fib.lua:3)", "main chunk (fib.lua)", "string.rep".
	Function string
	// Source is the chunk the function comes from as error messages show
	// it ("fib.lua"), or "[C]" for a Go function.
	Source string
	// Line is the line running in the frame when it was sampled (0 when
	// unknown, as for Go functions).
	Line int
}

// Sample is a stack with what was measured for it.
type Sample struct {
	// Stack lists the frames from the running function (the leaf) out to
	// the outermost caller.
	Stack []Frame
	// Count is the number of CPU samples taken with this stack.
	Count int64
	// Bytes is the memory allocated with this stack running (allocation
	// profile), in bytes.
	Bytes int64
}

// Profile is the result of a profiling run.
type Profile struct {
	// Period is the time between two samples (one over the rate).
	Period time.Duration
	// Start is when profiling started, Duration how long it ran.
	Start    time.Time
	Duration time.Duration
	// Samples holds each distinct stack once.
	Samples []Sample
}

// TotalCount returns the number of CPU samples.
func (p *Profile) TotalCount() int64 {
	var n int64
	for i := range p.Samples {
		n += p.Samples[i].Count
	}
	return n
}

// TotalBytes returns the bytes allocated in all samples.
func (p *Profile) TotalBytes() int64 {
	var n int64
	for i := range p.Samples {
		n += p.Samples[i].Bytes
	}
	return n
}

// Entry is one function's line in a [Profile.Top] table.
type Entry struct {
	Function string
	// Self counts the samples in which the function was running; Total
	// those in which it was on the stack (once per sample, however many
	// times it recurses).
	Self, Total int64
}

// Top returns the n functions with the most self samples (ties broken by
// total samples, then name); all of them when n <= 0.
func (p *Profile) Top(n int) []Entry {
	idx := map[string]int{}
	var es []Entry
	seen := map[string]bool{}
	for i := range p.Samples {
		s := &p.Samples[i]
		if s.Count == 0 || len(s.Stack) == 0 {
			continue
		}
		clear(seen)
		for j, f := range s.Stack {
			k, ok := idx[f.Function]
			if !ok {
				k = len(es)
				idx[f.Function] = k
				es = append(es, Entry{Function: f.Function})
			}
			if j == 0 {
				es[k].Self += s.Count
			}
			if !seen[f.Function] {
				seen[f.Function] = true
				es[k].Total += s.Count
			}
		}
	}
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Self != b.Self {
			return a.Self > b.Self
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Function < b.Function
	})
	if n > 0 && len(es) > n {
		es = es[:n]
	}
	return es
}
