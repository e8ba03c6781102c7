// Command memdrive runs the memory measurements of bench/memory.
//
//	memdrive rss [-every 500ms] [-label NAME] -- COMMAND [ARG...]
//
// runs COMMAND (tide or lua5.4 running a script), samples its resident set
// (VmRSS in /proc/PID/status) every interval and prints one CSV line per
// sample and per line the command prints: label,seconds,rss_mb,output.
// Lines "phase NAME count_kb N" (what the scripts print) are kept, so that
// the curve shows the live Lua heap beside the RSS. At the end it prints
// the peak RSS and, when the command printed a "collected" phase, the
// breathing verdict: the RSS 10 s after that phase against 1.5 x the live
// heap + 30 MB.
//
//	memdrive pauses [-clock wall|thread] SCRIPT [ARG...]
//
// runs SCRIPT in-process under tide, with a global benchclock() returning
// seconds (wall time, or with -clock thread the CPU time of the thread
// running the Lua code: what the program and the collection work done on
// its thread cost, without the time spent waiting for a CPU on a busy
// machine) and gocycles() returning the number of Go collections so far,
// and then prints Go's stop-the-world pause distribution
// for the run (runtime/metrics /sched/pauses/total/gc:seconds: p50, p99,
// max as bucket upper bounds) and the number of Go collections.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"

	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tidelua/tide"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: memdrive rss|pauses ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "rss":
		err = rssCommand(os.Args[2:])
	case "pauses":
		err = pausesCommand(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "memdrive:", err)
		os.Exit(1)
	}
}

// sample is one point of the curve.
type sample struct {
	t   float64 // seconds since start
	rss float64 // MB, or NaN for an output line
	out string
}

func rssCommand(args []string) error {
	fs := flag.NewFlagSet("rss", flag.ExitOnError)
	every := fs.Duration("every", 500*time.Millisecond, "sampling interval")
	label := fs.String("label", "", "first CSV column (default: the command name)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cmdArgs := fs.Args()
	if len(cmdArgs) == 0 {
		return fmt.Errorf("rss: no command")
	}
	if *label == "" {
		*label = cmdArgs[0]
	}
	cmd := exec.Command(cmdArgs[0], cmdArgs[1:]...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	var mu sync.Mutex
	var curve []sample
	emit := func(s sample) {
		mu.Lock()
		defer mu.Unlock()
		curve = append(curve, s)
		rss := ""
		if !math.IsNaN(s.rss) {
			rss = strconv.FormatFloat(s.rss, 'f', 1, 64)
		}
		fmt.Printf("%s,%.2f,%s,%s\n", *label, s.t, rss, s.out)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			emit(sample{t: time.Since(start).Seconds(), rss: math.NaN(), out: sc.Text()})
		}
	}()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(*every)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if kb, ok := vmRSS(cmd.Process.Pid); ok {
					emit(sample{t: time.Since(start).Seconds(), rss: float64(kb) / 1024})
				}
			}
		}
	}()
	<-done
	werr := cmd.Wait()
	close(stop)
	wg.Wait()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		fmt.Printf("# %s: peak RSS %.1f MB, wall %.1f s, user %.1f s, sys %.1f s\n", *label,
			float64(ru.Maxrss)/1024, time.Since(start).Seconds(),
			time.Duration(ru.Utime.Nano()).Seconds(), time.Duration(ru.Stime.Nano()).Seconds())
	}
	verdict(*label, curve)
	return werr
}

// vmRSS reads the resident set of process pid in KiB.
func vmRSS(pid int) (int64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// verdict prints the breathing target check: the RSS sampled closest to
// 10 s after the "collected" phase against 1.5 x the live heap + 30 MB.
func verdict(label string, curve []sample) {
	var at, liveMB float64
	found := false
	for _, s := range curve {
		f := strings.Fields(s.out)
		if len(f) == 4 && f[0] == "phase" && f[1] == "collected" && f[2] == "count_kb" {
			kb, err := strconv.ParseFloat(f[3], 64)
			if err == nil {
				at, liveMB, found = s.t, kb/1024, true
			}
		}
	}
	if !found {
		return
	}
	var rss, t float64 = math.NaN(), 0
	for _, s := range curve {
		if !math.IsNaN(s.rss) && s.t <= at+10 {
			rss, t = s.rss, s.t
		}
	}
	target := 1.5*liveMB + 30
	ok := "FAIL"
	if rss <= target {
		ok = "ok"
	}
	fmt.Printf("# %s: live %.1f MB after collect; RSS %.1f MB at +%.1f s (%.1fx live); target <= %.1f MB: %s\n",
		label, liveMB, rss, t-at, rss/liveMB, target, ok)
}

func pausesCommand(args []string) error {
	fs := flag.NewFlagSet("pauses", flag.ExitOnError)
	clock := fs.String("clock", "wall", "what benchclock() measures: wall, or thread (CPU time of the thread running Lua)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	args = fs.Args()
	if len(args) == 0 {
		return fmt.Errorf("pauses: no script")
	}
	// the State runs on this goroutine, locked to its thread so that the
	// thread's CPU time is the Lua program's (with the collection work Go
	// and tide do on that thread, without the time it waits for a CPU)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	s := tide.NewState(tide.Options{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: strings.NewReader(""),
		Args: append([]string{"memdrive"}, args...), ScriptIndex: 1})
	defer s.Close()
	start := time.Now()
	s.SetFunction("benchclock", func(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
		if *clock == "thread" {
			var ru syscall.Rusage
			if err := syscall.Getrusage(rusageThread, &ru); err != nil {
				return nil, err
			}
			return []tide.Value{tide.Float(float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9)}, nil
		}
		return []tide.Value{tide.Float(time.Since(start).Seconds())}, nil
	})
	s.SetFunction("gocycles", func(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
		return []tide.Value{tide.Int(int64(readPauses().cycles))}, nil
	})
	before := readPauses()
	if err := s.DoFile(context.Background(), args[0], args[1:]...); err != nil {
		return err
	}
	s.Flush()
	after := readPauses()
	h := after.sub(before)
	fmt.Printf("go_gc cycles %d stw_pauses %d p50_ms %.3f p99_ms %.3f max_ms %.3f wall_s %.1f\n",
		after.cycles-before.cycles, h.total(), h.quantile(0.5)*1e3, h.quantile(0.99)*1e3,
		h.quantile(1)*1e3, time.Since(start).Seconds())
	return nil
}

// rusageThread is Linux's RUSAGE_THREAD.
const rusageThread = 1

// pauseHist is a snapshot of Go's GC pause histogram and cycle count.
type pauseHist struct {
	counts  []uint64
	buckets []float64
	cycles  uint64
}

func readPauses() pauseHist {
	ss := []metrics.Sample{{Name: "/sched/pauses/total/gc:seconds"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(ss)
	var h pauseHist
	if ss[0].Value.Kind() == metrics.KindFloat64Histogram {
		fh := ss[0].Value.Float64Histogram()
		h.counts = append([]uint64(nil), fh.Counts...)
		h.buckets = append([]float64(nil), fh.Buckets...)
	}
	if ss[1].Value.Kind() == metrics.KindUint64 {
		h.cycles = ss[1].Value.Uint64()
	}
	return h
}

func (h pauseHist) sub(o pauseHist) pauseHist {
	r := pauseHist{buckets: h.buckets, counts: make([]uint64, len(h.counts)), cycles: h.cycles - o.cycles}
	for i := range h.counts {
		r.counts[i] = h.counts[i]
		if i < len(o.counts) {
			r.counts[i] -= o.counts[i]
		}
	}
	return r
}

func (h pauseHist) total() uint64 {
	var n uint64
	for _, c := range h.counts {
		n += c
	}
	return n
}

// quantile returns the upper bound of the bucket holding quantile q.
func (h pauseHist) quantile(q float64) float64 {
	n := h.total()
	if n == 0 {
		return 0
	}
	want := uint64(math.Ceil(q * float64(n)))
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= want && c > 0 {
			return h.buckets[i+1]
		}
	}
	return h.buckets[len(h.buckets)-1]
}
