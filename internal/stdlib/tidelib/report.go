package tidelib

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Report is a memory report: the State's live Lua heap by type, its
// largest tables, the Go runtime's memory and the process's RSS, and
// garbage collection statistics.
type Report struct {
	Lua *vm.Census
	Go  GoMemory
	GC  GCStats
}

// GoMemory is the memory of the Go runtime (the whole process, all
// States), from runtime/metrics, in bytes.
type GoMemory struct {
	HeapObjects  int64 // heap objects: live and not yet collected garbage
	HeapUnused   int64 // free space inside the heap's spans in use (fragmentation)
	HeapInUse    int64 // HeapObjects + HeapUnused
	HeapFree     int64 // free heap pages Go keeps, not returned to the OS
	HeapReleased int64 // free heap pages returned to the OS
	HeapIdle     int64 // HeapFree + HeapReleased
	Stacks       int64 // goroutine stacks
	Total        int64 // all memory the runtime mapped
	RSS          int64 // the process's resident set size; -1 when unknown
}

// GCStats are garbage collection statistics.
type GCStats struct {
	Cycles      uint64        // Go collector cycles completed
	PauseP50    time.Duration // stop-the-world pauses for GC: median,
	PauseP99    time.Duration // 99th percentile
	PauseMax    time.Duration // and longest (upper bounds of histogram buckets)
	Pauses      uint64        // how many pauses the histogram holds
	HeapGoal    int64         // heap size at which Go's next cycle starts
	GOGC        int64         // GOGC percent
	MemoryLimit int64         // Go's soft memory limit (math.MaxInt64: none)
	Collections int           // the State's own collections (mark phases)
}

// NewReport measures the State (l: the running thread, nil for the main
// one) and the Go runtime; top is how many of the largest tables to list.
// It reports false while a collection or a finalizer runs.
func NewReport(st *vm.State, l *vm.Thread, top int) (*Report, bool) {
	c, ok := st.Census(l, top)
	if !ok {
		return nil, false
	}
	r := &Report{Lua: c}
	r.readRuntime()
	r.GC.Collections = c.Collections
	r.Go.RSS = readRSS()
	return r, true
}

var runtimeMetrics = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/stacks:bytes",
	"/memory/classes/total:bytes",
	"/gc/cycles/total:gc-cycles",
	"/gc/heap/goal:bytes",
	"/gc/gogc:percent",
	"/gc/gomemlimit:bytes",
	"/sched/pauses/total/gc:seconds",
}

// readRuntime fills r.Go and r.GC from runtime/metrics.
func (r *Report) readRuntime() {
	samples := make([]metrics.Sample, len(runtimeMetrics))
	for i, name := range runtimeMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)
	u := func(i int) int64 {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(min(samples[i].Value.Uint64(), math.MaxInt64))
	}
	g := &r.Go
	g.HeapObjects, g.HeapUnused = u(0), u(1)
	g.HeapInUse = g.HeapObjects + g.HeapUnused
	g.HeapFree, g.HeapReleased = u(2), u(3)
	g.HeapIdle = g.HeapFree + g.HeapReleased
	g.Stacks, g.Total = u(4), u(5)
	r.GC.Cycles = uint64(u(6))
	r.GC.HeapGoal = u(7)
	r.GC.GOGC = u(8)
	r.GC.MemoryLimit = u(9)
	if samples[10].Value.Kind() == metrics.KindFloat64Histogram {
		h := samples[10].Value.Float64Histogram()
		r.GC.Pauses, r.GC.PauseP50, r.GC.PauseP99, r.GC.PauseMax = pauseStats(h)
	}
}

// pauseStats returns the number of pauses in h and its median, 99th
// percentile and maximum, each the upper bound of the bucket it falls in
// (the lower bound for the last, unbounded, bucket).
func pauseStats(h *metrics.Float64Histogram) (n uint64, p50, p99, pmax time.Duration) {
	for _, c := range h.Counts {
		n += c
	}
	if n == 0 {
		return 0, 0, 0, 0
	}
	bound := func(i int) time.Duration {
		b := h.Buckets[i+1]
		if math.IsInf(b, 1) {
			b = h.Buckets[i]
		}
		return time.Duration(b * 1e9)
	}
	at := func(p float64) time.Duration {
		target := uint64(math.Ceil(p * float64(n)))
		var cum uint64
		for i, c := range h.Counts {
			cum += c
			if c > 0 && cum >= target {
				return bound(i)
			}
		}
		return 0
	}
	for i := len(h.Counts) - 1; i >= 0; i-- {
		if h.Counts[i] > 0 {
			pmax = bound(i)
			break
		}
	}
	return n, at(0.50), at(0.99), pmax
}

// readRSS returns the process's resident set size from /proc/self/statm
// (Linux), or -1.
func readRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return -1
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return -1
	}
	return pages * int64(os.Getpagesize())
}

// Share is one part of the process's memory in the report's breakdown.
type Share struct {
	What  string
	Bytes int64
}

// Breakdown splits the process's memory (RSS, or the runtime's total
// when RSS is unknown) into live Lua data, other Go heap objects
// (garbage not yet collected, the host's data, other States),
// fragmentation (free space in spans in use), free heap pages Go keeps,
// goroutine stacks and what lies outside the Go heap (runtime metadata,
// code, C), in that order. The parts are estimates: Go's figures cover
// the whole process and mapped pages need not be resident.
func (r *Report) Breakdown() []Share {
	g := &r.Go
	live := r.Lua.Total
	other := max(g.HeapObjects-live, 0)
	whole := g.RSS
	if whole < 0 {
		whole = g.Total
	}
	inHeap := max(g.HeapObjects, live) + g.HeapUnused + g.HeapFree + g.Stacks
	return []Share{
		{"live Lua data", live},
		{"other Go heap objects (garbage, host data)", other},
		{"fragmentation (free space in heap spans)", g.HeapUnused},
		{"free heap kept by Go (not yet returned)", g.HeapFree},
		{"goroutine stacks", g.Stacks},
		{"outside the Go heap (runtime, code, C)", max(whole-inHeap, 0)},
	}
}

// Verdict names the largest part of the breakdown in a sentence.
func (r *Report) Verdict() string {
	parts := r.Breakdown()
	frag := parts[2].Bytes + parts[3].Bytes
	best, what := parts[0].Bytes, "live Lua data: the script keeps it reachable"
	if parts[1].Bytes > best {
		best, what = parts[1].Bytes, "Go objects outside the live Lua heap: garbage not yet collected or the host's data"
	}
	if frag > best {
		best, what = frag, "fragmentation and free heap memory Go has not returned to the OS"
	}
	if parts[4].Bytes > best {
		best, what = parts[4].Bytes, "goroutine stacks"
	}
	if parts[5].Bytes > best {
		what = "memory outside the Go heap (runtime metadata, code, C)"
	}
	return "mostly " + what
}

// String returns the report as text (WriteText).
func (r *Report) String() string {
	var b bytes.Buffer
	r.WriteText(&b)
	return b.String()
}

// WriteText writes the report as text.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	c := r.Lua
	g := &r.Go
	b.WriteString("memory report\n")
	b.WriteString("Lua heap (live objects reachable from the State):\n")
	fmt.Fprintf(&b, "  %-14s %10s %12s\n", "kind", "count", "bytes")
	var count int64
	for _, o := range c.Objects {
		count += o.Count
		fmt.Fprintf(&b, "  %-14s %10d %12s\n", o.Kind, o.Count, FormatBytes(o.Bytes))
	}
	fmt.Fprintf(&b, "  %-14s %10d %12s\n", "total", count, FormatBytes(c.Total))
	fmt.Fprintf(&b, "largest tables:\n")
	if len(c.Largest) == 0 {
		b.WriteString("  (none)\n")
	} else {
		fmt.Fprintf(&b, "  %12s %9s %9s  %s\n", "bytes", "array", "hash", "created at")
		for _, t := range c.Largest {
			site := t.Site
			if site == "" {
				site = "?"
			}
			fmt.Fprintf(&b, "  %12s %9d %9d  %s\n", FormatBytes(t.Bytes), t.ArrayLen, t.HashCap, site)
		}
		if !c.TrackSites {
			b.WriteString("  (creation sites are recorded with tide --mem-report or Options.TrackSites)\n")
		}
	}
	b.WriteString("Go runtime (whole process):\n")
	fmt.Fprintf(&b, "  heap in use        %12s  (objects %s, free space in spans %s)\n",
		FormatBytes(g.HeapInUse), FormatBytes(g.HeapObjects), FormatBytes(g.HeapUnused))
	fmt.Fprintf(&b, "  heap idle          %12s  (released to the OS %s)\n",
		FormatBytes(g.HeapIdle), FormatBytes(g.HeapReleased))
	fmt.Fprintf(&b, "  goroutine stacks   %12s\n", FormatBytes(g.Stacks))
	fmt.Fprintf(&b, "  mapped by Go       %12s\n", FormatBytes(g.Total))
	rss := "unknown"
	if g.RSS >= 0 {
		rss = FormatBytes(g.RSS)
	}
	fmt.Fprintf(&b, "  process RSS        %12s\n", rss)
	whole := g.RSS
	if whole < 0 {
		whole = g.Total
	}
	fmt.Fprintf(&b, "  Lua live / heap in use: %s / %s", FormatBytes(c.Total), FormatBytes(g.HeapInUse))
	if g.HeapInUse > 0 {
		fmt.Fprintf(&b, " (%.0f%%)", 100*float64(c.Total)/float64(g.HeapInUse))
	}
	b.WriteString("\n")
	b.WriteString("where the memory goes:\n")
	for _, s := range r.Breakdown() {
		pct := ""
		if whole > 0 {
			pct = fmt.Sprintf("%5.1f%%", 100*float64(s.Bytes)/float64(whole))
		}
		fmt.Fprintf(&b, "  %-44s %12s %s\n", s.What, FormatBytes(s.Bytes), pct)
	}
	fmt.Fprintf(&b, "  => %s\n", r.Verdict())
	gc := &r.GC
	b.WriteString("GC statistics:\n")
	fmt.Fprintf(&b, "  Go cycles          %d\n", gc.Cycles)
	if gc.Pauses > 0 {
		fmt.Fprintf(&b, "  GC pauses          p50 %s, p99 %s, max %s (%d pauses)\n",
			formatPause(gc.PauseP50), formatPause(gc.PauseP99), formatPause(gc.PauseMax), gc.Pauses)
	} else {
		b.WriteString("  GC pauses          none yet\n")
	}
	limit := "none"
	if gc.MemoryLimit > 0 && gc.MemoryLimit < math.MaxInt64 {
		limit = FormatBytes(gc.MemoryLimit)
	}
	gogc := strconv.FormatInt(gc.GOGC, 10)
	fmt.Fprintf(&b, "  heap goal          %s (GOGC %s, memory limit %s)\n", FormatBytes(gc.HeapGoal), gogc, limit)
	fmt.Fprintf(&b, "  tide collections   %d\n", gc.Collections)
	_, err := w.Write(b.Bytes())
	return err
}

// formatPause formats a pause bound ("12µs", "1.5ms").
func formatPause(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return d.String()
	case d < time.Millisecond:
		return d.Round(100 * time.Nanosecond).String()
	}
	return d.Round(10 * time.Microsecond).String()
}

// FormatBytes formats a size with a binary unit ("512 B", "1.5 KiB",
// "12.0 MiB").
func FormatBytes(n int64) string {
	neg := ""
	if n < 0 {
		neg, n = "-", -n
	}
	const units = "KMGTPE"
	if n < 1024 {
		return neg + strconv.FormatInt(n, 10) + " B"
	}
	f := float64(n) / 1024
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	return fmt.Sprintf("%s%.1f %ciB", neg, f, units[i])
}

// table returns the report as a Lua table whose tostring is the text.
func (r *Report) table() *value.Table {
	c := r.Lua
	t := value.NewTable(0, 16)
	objs := value.NewTable(0, len(c.Objects))
	for _, o := range c.Objects {
		e := value.NewTable(0, 2)
		e.SetStr("count", value.Int(o.Count))
		e.SetStr("bytes", value.Int(o.Bytes))
		objs.SetStr(o.Kind.String(), value.TableValue(e))
	}
	t.SetStr("objects", value.TableValue(objs))
	t.SetStr("lua_live", value.Int(c.Total))
	big := value.NewTable(len(c.Largest), 0)
	for i, tb := range c.Largest {
		e := value.NewTable(0, 4)
		e.SetStr("bytes", value.Int(tb.Bytes))
		e.SetStr("array", value.Int(int64(tb.ArrayLen)))
		e.SetStr("hash", value.Int(int64(tb.HashCap)))
		site := tb.Site
		if site == "" {
			site = "?"
		}
		e.SetStr("site", value.String(site))
		big.SetInt(int64(i+1), value.TableValue(e))
	}
	t.SetStr("largest", value.TableValue(big))
	g := &r.Go
	t.SetStr("heap_inuse", value.Int(g.HeapInUse))
	t.SetStr("heap_objects", value.Int(g.HeapObjects))
	t.SetStr("heap_idle", value.Int(g.HeapIdle))
	t.SetStr("heap_released", value.Int(g.HeapReleased))
	t.SetStr("stacks", value.Int(g.Stacks))
	t.SetStr("rss", value.Int(g.RSS))
	gc := value.NewTable(0, 8)
	gc.SetStr("cycles", value.Int(int64(r.GC.Cycles)))
	gc.SetStr("pause_p50", value.Float(r.GC.PauseP50.Seconds()))
	gc.SetStr("pause_p99", value.Float(r.GC.PauseP99.Seconds()))
	gc.SetStr("pause_max", value.Float(r.GC.PauseMax.Seconds()))
	gc.SetStr("heap_goal", value.Int(r.GC.HeapGoal))
	gc.SetStr("collections", value.Int(int64(r.GC.Collections)))
	t.SetStr("gc", value.TableValue(gc))
	t.SetStr("verdict", value.String(r.Verdict()))
	text := r.String()
	mt := value.NewTable(0, 1)
	mt.SetStr("__tostring", vm.NewGoFunction("tostring", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return l.Ret1(value.String(text)), nil
	}))
	t.Meta = mt
	return t
}
