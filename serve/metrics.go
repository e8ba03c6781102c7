package serve

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request
// duration histogram.
var durationBuckets = [...]float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// maxStatus bounds the status codes counted one by one; others count
// as 0.
const maxStatus = 600

// routeStats are the counters of one route: requests by status and the
// duration histogram. Updates are lock-free.
type routeStats struct {
	name     string
	byStatus [maxStatus]atomic.Uint64
	buckets  [len(durationBuckets) + 1]atomic.Uint64 // the last is +Inf
	sumNanos atomic.Uint64
}

// observe records one request.
func (rs *routeStats) observe(status int, d time.Duration) {
	if status < 0 || status >= maxStatus {
		status = 0
	}
	rs.byStatus[status].Add(1)
	sec := d.Seconds()
	i := 0
	for i < len(durationBuckets) && sec > durationBuckets[i] {
		i++
	}
	rs.buckets[i].Add(1)
	if d > 0 {
		rs.sumNanos.Add(uint64(d))
	}
}

// Quota stop kinds, the label of tide_quota_stops_total.
const (
	stopTime = iota
	stopInstructions
	stopMemory
	stopDepth
	stopCanceled
	numStops
)

var stopNames = [numStops]string{"time", "instructions", "memory", "depth", "canceled"}

// metrics are a Server's counters, written out by hand in the
// Prometheus text format.
type metrics struct {
	mu     sync.Mutex
	routes []*routeStats // in registration order

	inFlight       atomic.Int64
	stops          [numStops]atomic.Uint64
	handlerErrors  atomic.Uint64
	globalWrites   atomic.Uint64
	statesBusy     atomic.Int64
	statesCreated  atomic.Uint64
	statesDropped  atomic.Uint64
	stateWaitNanos atomic.Uint64
	statesMax      int
	unmatched      *routeStats
	lib            libShared // the tide module's tide.metrics and tide.http (lib_*.go)
}

func newMetrics() *metrics {
	m := &metrics{}
	m.unmatched = m.route("(unmatched)")
	return m
}

// route registers the counters of a route.
func (m *metrics) route(name string) *routeStats {
	rs := &routeStats{name: name}
	m.mu.Lock()
	m.routes = append(m.routes, rs)
	m.mu.Unlock()
	return rs
}

// write writes the metrics in the Prometheus text exposition format.
func (m *metrics) write(w io.Writer) error {
	b := bufio.NewWriter(w)
	m.mu.Lock()
	routes := append([]*routeStats(nil), m.routes...)
	m.mu.Unlock()

	header(b, "tide_http_requests_total", "counter", "HTTP requests served, by route and status.")
	for _, rs := range routes {
		for st := range rs.byStatus {
			if n := rs.byStatus[st].Load(); n > 0 {
				b.WriteString(`tide_http_requests_total{route="`)
				b.WriteString(escapeLabel(rs.name))
				b.WriteString(`",status="`)
				b.WriteString(strconv.Itoa(st))
				b.WriteString(`"} `)
				b.WriteString(strconv.FormatUint(n, 10))
				b.WriteByte('\n')
			}
		}
	}

	header(b, "tide_http_request_duration_seconds", "histogram", "Time from the request's arrival to the end of its response, by route.")
	for _, rs := range routes {
		var cum, counts [len(durationBuckets) + 1]uint64
		total := uint64(0)
		for i := range rs.buckets {
			counts[i] = rs.buckets[i].Load()
			total += counts[i]
			cum[i] = total
		}
		if total == 0 {
			continue
		}
		label := escapeLabel(rs.name)
		for i, le := range durationBuckets {
			b.WriteString(`tide_http_request_duration_seconds_bucket{route="` + label + `",le="`)
			b.WriteString(strconv.FormatFloat(le, 'g', -1, 64))
			b.WriteString(`"} ` + strconv.FormatUint(cum[i], 10) + "\n")
		}
		b.WriteString(`tide_http_request_duration_seconds_bucket{route="` + label + `",le="+Inf"} ` + strconv.FormatUint(total, 10) + "\n")
		b.WriteString(`tide_http_request_duration_seconds_sum{route="` + label + `"} `)
		b.WriteString(strconv.FormatFloat(float64(rs.sumNanos.Load())/1e9, 'g', -1, 64) + "\n")
		b.WriteString(`tide_http_request_duration_seconds_count{route="` + label + `"} ` + strconv.FormatUint(total, 10) + "\n")
	}

	gauge(b, "tide_http_requests_in_flight", "Requests being served.", m.inFlight.Load())

	header(b, "tide_quota_stops_total", "counter", "Handlers stopped by a quota (time, instructions, memory, depth) or by the client going away (canceled).")
	for i, name := range stopNames {
		b.WriteString(`tide_quota_stops_total{kind="` + name + `"} ` + strconv.FormatUint(m.stops[i].Load(), 10) + "\n")
	}
	counter(b, "tide_handler_errors_total", "Handlers that raised an error (answered 500).", m.handlerErrors.Load())
	counter(b, "tide_global_writes_total", "Global variables created while serving a request.", m.globalWrites.Load())
	gauge(b, "tide_states", "Lua States the server may run at once (--states).", int64(m.statesMax))
	gauge(b, "tide_states_busy", "Lua States running a request.", m.statesBusy.Load())
	counter(b, "tide_states_created_total", "Lua States created and loaded with the application.", m.statesCreated.Load())
	counter(b, "tide_states_discarded_total", "Lua States discarded after a quota stop.", m.statesDropped.Load())
	header(b, "tide_state_wait_seconds_total", "counter", "Time requests spent waiting for a free Lua State.")
	b.WriteString("tide_state_wait_seconds_total " + strconv.FormatFloat(float64(m.stateWaitNanos.Load())/1e9, 'g', -1, 64) + "\n")
	m.lib.metrics.write(b) // the handlers' metrics (lib_metrics.go)
	return b.Flush()
}

func header(b *bufio.Writer, name, typ, help string) {
	b.WriteString("# HELP " + name + " " + help + "\n# TYPE " + name + " " + typ + "\n")
}

func counter(b *bufio.Writer, name, help string, n uint64) {
	header(b, name, "counter", help)
	b.WriteString(name + " " + strconv.FormatUint(n, 10) + "\n")
}

func gauge(b *bufio.Writer, name, help string, n int64) {
	header(b, name, "gauge", help)
	b.WriteString(name + " " + strconv.FormatInt(n, 10) + "\n")
}

// escapeLabel escapes a label value: backslash, double quote, newline.
func escapeLabel(s string) string {
	if !strings.ContainsAny(s, "\\\"\n") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return r.Replace(s)
}
