// Command loadgen is the HTTP load generator of bench/serve: a fixed
// number of keep-alive HTTP/1.1 connections, each sending one request
// after the other for a fixed duration (or until a request count is
// reached), then one line of results: requests per second, latency
// percentiles from the sorted samples, errors, and the CPU time the
// server processes used meanwhile (from /proc/PID/stat).
//
//	loadgen -addr 127.0.0.1:8080 -path /plain -c 32 -d 5s -pid 1234
//	loadgen -addr 127.0.0.1:8080 -method POST -path /echo -body '{"a":1}' \
//	    -expect-json '{"a":1}'
//
// It speaks just enough HTTP/1.1 for a benchmark: one pre-encoded
// request, responses with Content-Length or chunked bodies, reconnecting
// when the server closes. "{conn}" in the path becomes the connection's
// number (0 to c-1), so a rate-limited route can be keyed per client.
//
// Its output is one line of key=value pairs (see result.String), for
// run.sh to read.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// config is what the flags say.
type config struct {
	addr       string
	method     string
	path       string
	body       string
	headers    []string
	conns      int
	duration   time.Duration
	requests   int
	warmup     time.Duration
	okStatus   map[int]bool
	expect     string
	expectJSON string
	pids       []int
	clkTck     int
	timeout    time.Duration
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	res, err := run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	fmt.Println(res.String())
	if res.firstErr != "" {
		fmt.Fprintln(os.Stderr, "loadgen: first error:", res.firstErr)
	}
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	cfg := &config{}
	var headers listFlag
	var ok, pids string
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "server address `host:port`")
	fs.StringVar(&cfg.method, "method", "GET", "request method")
	fs.StringVar(&cfg.path, "path", "/", "request path; {conn} becomes the connection number")
	fs.StringVar(&cfg.body, "body", "", "request body")
	fs.Var(&headers, "H", "extra request header `Name: value` (repeatable)")
	fs.IntVar(&cfg.conns, "c", 32, "connections (concurrency)")
	fs.DurationVar(&cfg.duration, "d", 5*time.Second, "measured duration")
	fs.IntVar(&cfg.requests, "n", 0, "stop after this many measured requests (0: by duration only)")
	fs.DurationVar(&cfg.warmup, "warmup", time.Second, "unmeasured load before the measurement")
	fs.StringVar(&ok, "ok", "200", "comma-separated statuses that count as success")
	fs.StringVar(&cfg.expect, "expect", "", "exact body every successful response must have")
	fs.StringVar(&cfg.expectJSON, "expect-json", "", "JSON value the first response of each connection must decode to")
	fs.StringVar(&pids, "pid", "", "comma-separated server process ids whose CPU time to measure")
	fs.IntVar(&cfg.clkTck, "clk-tck", 100, "clock ticks per second of /proc/PID/stat (getconf CLK_TCK)")
	fs.DurationVar(&cfg.timeout, "timeout", 10*time.Second, "per-request timeout")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	cfg.headers = headers
	if cfg.conns < 1 {
		return nil, errors.New("-c must be at least 1")
	}
	if cfg.duration <= 0 && cfg.requests <= 0 {
		return nil, errors.New("need -d or -n")
	}
	if cfg.clkTck < 1 {
		return nil, errors.New("-clk-tck must be positive")
	}
	cfg.okStatus = map[int]bool{}
	for _, f := range strings.Split(ok, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 100 || n > 999 {
			return nil, fmt.Errorf("bad -ok status %q", f)
		}
		cfg.okStatus[n] = true
	}
	if pids != "" {
		for _, f := range strings.Split(pids, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("bad -pid %q", f)
			}
			cfg.pids = append(cfg.pids, n)
		}
	}
	if cfg.expectJSON != "" && !json.Valid([]byte(cfg.expectJSON)) {
		return nil, errors.New("-expect-json is not valid JSON")
	}
	return cfg, nil
}

// request encodes the request that connection conn sends.
func (cfg *config) request(conn int) []byte {
	var b bytes.Buffer
	path := strings.ReplaceAll(cfg.path, "{conn}", strconv.Itoa(conn))
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: tide-loadgen\r\n", cfg.method, path, cfg.addr)
	for _, h := range cfg.headers {
		b.WriteString(h)
		b.WriteString("\r\n")
	}
	if cfg.body != "" || cfg.method == "POST" || cfg.method == "PUT" {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(cfg.body))
	}
	b.WriteString("\r\n")
	b.WriteString(cfg.body)
	return b.Bytes()
}

// result is one run's outcome.
type result struct {
	requests  int           // measured requests that succeeded
	errors    int           // failed requests, bad statuses, bad bodies
	statuses  map[int]int   // measured responses by status
	elapsed   time.Duration // the measured time
	latencies []time.Duration
	serverCPU time.Duration // of the -pid processes over the measured time; -1 when not measured
	clientCPU time.Duration // of this process over the measured time
	firstErr  string
}

// percentile returns the p-th percentile (0 < p <= 100) of sorted
// samples, by the nearest-rank method.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.999999999) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}

func us(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e3, 'f', 1, 64) }

// String is the result line: rps, latency percentiles in microseconds,
// errors, CPU per request in microseconds (server and load generator),
// and the statuses seen.
func (r *result) String() string {
	slices.Sort(r.latencies)
	rps := 0.0
	if r.elapsed > 0 {
		rps = float64(r.requests) / r.elapsed.Seconds()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "requests=%d errors=%d seconds=%.3f rps=%.0f", r.requests, r.errors, r.elapsed.Seconds(), rps)
	fmt.Fprintf(&b, " p50_us=%s p90_us=%s p99_us=%s max_us=%s", us(percentile(r.latencies, 50)),
		us(percentile(r.latencies, 90)), us(percentile(r.latencies, 99)), us(percentile(r.latencies, 100)))
	perReq := func(d time.Duration) string {
		if d < 0 || r.requests == 0 {
			return "n/a"
		}
		return strconv.FormatFloat(float64(d)/1e3/float64(r.requests), 'f', 1, 64)
	}
	fmt.Fprintf(&b, " server_cpu_us=%s client_cpu_us=%s", perReq(r.serverCPU), perReq(r.clientCPU))
	codes := make([]int, 0, len(r.statuses))
	for c := range r.statuses {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%d:%d", c, r.statuses[c])
	}
	fmt.Fprintf(&b, " statuses=%s", strings.Join(parts, ","))
	return b.String()
}

// worker is one connection's loop state.
type worker struct {
	cfg       *config
	id        int
	req       []byte
	conn      net.Conn
	br        *bufio.Reader
	body      []byte // the last response body (reused)
	latencies []time.Duration
	statuses  map[int]int
	requests  int
	errors    int
	firstErr  string
	checked   bool // the JSON check was done on this connection
}

// phase tells workers whether to measure, and when to stop.
type phase struct {
	measure   atomic.Bool
	stop      atomic.Bool
	counting  bool         // -n: stop after remaining measured requests
	remaining atomic.Int64 // measured requests left when counting
}

// next is called before each request: it says whether to send one and
// whether it is measured.
func (p *phase) next() (send, measured bool) {
	if p.stop.Load() {
		return false, false
	}
	if !p.measure.Load() {
		return true, false
	}
	if p.counting && p.remaining.Add(-1) < 0 {
		p.stop.Store(true)
		return false, false
	}
	return true, true
}

func run(cfg *config) (*result, error) {
	// fail fast when nothing listens
	c, err := net.DialTimeout("tcp", cfg.addr, cfg.timeout)
	if err != nil {
		return nil, err
	}
	c.Close()

	ph := &phase{counting: cfg.requests > 0}
	ph.remaining.Store(int64(cfg.requests))
	workers := make([]*worker, cfg.conns)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{cfg: cfg, id: i, req: cfg.request(i), statuses: map[int]int{}}
		if cfg.duration > 0 {
			// room for the expected samples, avoiding regrowth
			w.latencies = make([]time.Duration, 0, 4096)
		}
		workers[i] = w
		wg.Go(func() { w.loop(ph) })
	}
	if cfg.warmup > 0 {
		time.Sleep(cfg.warmup)
	}
	cpu0, err := processCPU(cfg.pids, cfg.clkTck)
	if err != nil {
		return nil, err
	}
	self0 := selfCPU()
	start := time.Now()
	ph.measure.Store(true)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	if cfg.duration > 0 {
		select {
		case <-time.After(cfg.duration):
		case <-done:
		}
	} else {
		<-done
	}
	ph.stop.Store(true)
	<-done
	elapsed := time.Since(start)
	cpu1, err := processCPU(cfg.pids, cfg.clkTck)
	if err != nil {
		return nil, err
	}
	res := &result{elapsed: elapsed, statuses: map[int]int{}, serverCPU: -1, clientCPU: selfCPU() - self0}
	if len(cfg.pids) > 0 {
		res.serverCPU = cpu1 - cpu0
	}
	for _, w := range workers {
		res.requests += w.requests
		res.errors += w.errors
		res.latencies = append(res.latencies, w.latencies...)
		for c, n := range w.statuses {
			res.statuses[c] += n
		}
		if res.firstErr == "" {
			res.firstErr = w.firstErr
		}
	}
	return res, nil
}

// loop sends requests until the phase says stop.
func (w *worker) loop(ph *phase) {
	defer func() {
		if w.conn != nil {
			w.conn.Close()
		}
	}()
	for {
		send, measured := ph.next()
		if !send {
			return
		}
		t0 := time.Now()
		status, err := w.do()
		d := time.Since(t0)
		if !measured {
			if err != nil {
				time.Sleep(10 * time.Millisecond) // do not spin on a refusing server
			}
			continue
		}
		if err == nil {
			w.statuses[status]++
			if !w.cfg.okStatus[status] {
				err = fmt.Errorf("status %d: %.200q", status, w.body)
			} else {
				err = w.check(status)
			}
		}
		if err != nil {
			w.errors++
			if w.firstErr == "" {
				w.firstErr = err.Error()
			}
			if w.conn == nil {
				time.Sleep(10 * time.Millisecond)
			}
			continue
		}
		w.requests++
		w.latencies = append(w.latencies, d)
	}
}

// check verifies a successful response's body.
func (w *worker) check(status int) error {
	if status != 200 {
		return nil
	}
	if w.cfg.expect != "" && string(w.body) != w.cfg.expect {
		return fmt.Errorf("body %.200q, expected %.200q", w.body, w.cfg.expect)
	}
	if w.cfg.expectJSON != "" && !w.checked {
		w.checked = true
		if err := sameJSON(w.body, []byte(w.cfg.expectJSON)); err != nil {
			return err
		}
	}
	return nil
}

// sameJSON reports whether two JSON texts hold the same value (objects
// compare regardless of key order).
func sameJSON(got, want []byte) error {
	var g, x any
	if err := json.Unmarshal(got, &g); err != nil {
		return fmt.Errorf("body %.200q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal(want, &x); err != nil {
		return err
	}
	gb, _ := json.Marshal(g) // encoding/json sorts object keys
	xb, _ := json.Marshal(x)
	if !bytes.Equal(gb, xb) {
		return fmt.Errorf("body %.200q, expected JSON %s", got, want)
	}
	return nil
}

// do sends one request on the connection (dialling when needed) and
// reads the response into w.body. On an error the connection is closed.
func (w *worker) do() (int, error) {
	if w.conn == nil {
		c, err := net.DialTimeout("tcp", w.cfg.addr, w.cfg.timeout)
		if err != nil {
			return 0, err
		}
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetNoDelay(true)
		}
		w.conn = c
		if w.br == nil {
			w.br = bufio.NewReaderSize(c, 16<<10)
		} else {
			w.br.Reset(c)
		}
	}
	w.conn.SetDeadline(time.Now().Add(w.cfg.timeout))
	status, keep, err := w.roundTrip()
	if err != nil || !keep {
		w.conn.Close()
		w.conn = nil
	}
	return status, err
}

func (w *worker) roundTrip() (status int, keepAlive bool, err error) {
	if _, err := w.conn.Write(w.req); err != nil {
		return 0, false, err
	}
	return readResponse(w.br, &w.body, w.cfg.method == "HEAD")
}

var errMalformed = errors.New("malformed response")

// readResponse reads one HTTP/1.1 response from br, its body into *body
// (reusing its storage). keepAlive is false when the server said
// Connection: close or spoke HTTP/1.0 without keep-alive.
func readResponse(br *bufio.Reader, body *[]byte, head bool) (status int, keepAlive bool, err error) {
	line, err := readLine(br)
	if err != nil {
		return 0, false, err
	}
	// HTTP/1.1 200 OK
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' {
		return 0, false, fmt.Errorf("%w: status line %.100q", errMalformed, line)
	}
	keepAlive = line[7] == '1'
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, false, fmt.Errorf("%w: status line %.100q", errMalformed, line)
	}
	length, chunked := -1, false
	for {
		line, err = readLine(br)
		if err != nil {
			return 0, false, err
		}
		if len(line) == 0 {
			break
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			return 0, false, fmt.Errorf("%w: header %.100q", errMalformed, line)
		}
		name, val := line[:colon], bytes.TrimSpace(line[colon+1:])
		switch {
		case asciiEqualFold(name, "content-length"):
			length, err = strconv.Atoi(string(val))
			if err != nil || length < 0 {
				return 0, false, fmt.Errorf("%w: content-length %q", errMalformed, val)
			}
		case asciiEqualFold(name, "transfer-encoding"):
			chunked = asciiEqualFold(val, "chunked")
		case asciiEqualFold(name, "connection"):
			if asciiEqualFold(val, "close") {
				keepAlive = false
			} else if asciiEqualFold(val, "keep-alive") {
				keepAlive = true
			}
		}
	}
	*body = (*body)[:0]
	switch {
	case head || status == 204 || status == 304 || status < 200:
	case chunked:
		if err := readChunked(br, body); err != nil {
			return 0, false, err
		}
	case length >= 0:
		if cap(*body) < length {
			*body = make([]byte, length)
		}
		*body = (*body)[:length]
		if _, err := io.ReadFull(br, *body); err != nil {
			return 0, false, err
		}
	default:
		// body until the connection closes
		b, err := io.ReadAll(br)
		if err != nil {
			return 0, false, err
		}
		*body = append(*body, b...)
		keepAlive = false
	}
	return status, keepAlive, nil
}

func readChunked(br *bufio.Reader, body *[]byte) error {
	for {
		line, err := readLine(br)
		if err != nil {
			return err
		}
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		n, err := strconv.ParseUint(string(bytes.TrimSpace(line)), 16, 31)
		if err != nil {
			return fmt.Errorf("%w: chunk size %.100q", errMalformed, line)
		}
		if n == 0 {
			// trailers, up to the empty line
			for {
				line, err := readLine(br)
				if err != nil {
					return err
				}
				if len(line) == 0 {
					return nil
				}
			}
		}
		start := len(*body)
		*body = slices.Grow(*body, int(n))[:start+int(n)]
		if _, err := io.ReadFull(br, (*body)[start:]); err != nil {
			return err
		}
		line, err = readLine(br)
		if err != nil {
			return err
		}
		if len(line) != 0 {
			return fmt.Errorf("%w: no CRLF after a chunk", errMalformed)
		}
	}
}

// readLine returns the next line without its CRLF (or LF). The slice is
// valid until the next read.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("%w: line too long", errMalformed)
		}
		if errors.Is(err, io.EOF) && len(line) == 0 {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// processCPU returns the user plus system CPU time of the processes so
// far, from /proc/PID/stat (fields 14 and 15, in clock ticks).
func processCPU(pids []int, clkTck int) (time.Duration, error) {
	var total time.Duration
	for _, pid := range pids {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return 0, fmt.Errorf("server CPU: %w", err)
		}
		t, err := parseStat(b)
		if err != nil {
			return 0, fmt.Errorf("server CPU of %d: %w", pid, err)
		}
		total += time.Duration(t) * time.Second / time.Duration(clkTck)
	}
	return total, nil
}

// parseStat returns utime+stime in clock ticks from a /proc/PID/stat
// line. The command name (field 2) is in parentheses and may hold
// spaces, so the fields are counted from its closing parenthesis.
func parseStat(b []byte) (int64, error) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("no command name in stat")
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state); utime is field 14, stime field 15
	if len(f) < 13 {
		return 0, errors.New("short stat line")
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("bad utime/stime in stat")
	}
	return u + s, nil
}

// selfCPU is this process's user plus system CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
