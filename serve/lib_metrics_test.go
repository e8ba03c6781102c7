package serve_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tidelua/tide/serve"
)

// evalApp is an application whose POST /eval runs the request body as
// Lua (after prelude, which runs once per State at load) and answers
// tostring of its result, or "error: " and the message.
func evalApp(prelude string) string {
	return prelude + `
local tide = require("tide")
return {
  ["POST /eval"] = function(req)
    local f, err = load(req.body, "=eval")
    if not f then return 400, err end
    local ok, r, r2 = pcall(f)
    if not ok then return "error: " .. tostring(r) end
    if r2 ~= nil then return tostring(r) .. " " .. tostring(r2) end
    return tostring(r)
  end,
}
`
}

// evalCase is Lua code and the body it must answer ("~" prefix: a
// substring).
type evalCase struct {
	name, code, want string
}

func (ts *testServer) eval(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body, _ := ts.do(t, "POST", "/eval", c.code)
			if status != 200 {
				t.Fatalf("status %d, body %q", status, body)
			}
			if sub, ok := strings.CutPrefix(c.want, "~"); ok {
				if !strings.Contains(body, sub) {
					t.Errorf("body %q does not contain %q", body, sub)
				}
			} else if body != c.want {
				t.Errorf("body %q, want %q", body, c.want)
			}
		})
	}
}

const metricsPrelude = `
local m = require("tide").metrics
local c = m.counter("app_hits_total", "Hits by route.", {"route", "code"})
local g = m.gauge("app_queue", "Queue length.")
local h = m.histogram("app_latency_seconds", "Latency.", {"op"}, {0.25, 1})
local plain = m.counter("app_plain_total")
`

func TestMetricsAPI(t *testing.T) {
	ts := start(t, evalApp(metricsPrelude), serve.Options{States: 2})
	ts.eval(t, []evalCase{
		{"counter inc", `local c = require("tide").metrics.counter("app_hits_total", "Hits by route.", {"route", "code"})
			c:inc(1, {route = "/a", code = 200}); c:inc({route = "/a", code = 200}); c:inc(2.5, {route = "/b", code = 404})
			return c:get({route = "/a", code = 200}), c:get({route = "/b", code = "404"})`, "2.0 2.5"},
		{"same metric from another call", `local c = require("tide").metrics.counter("app_hits_total", "other help ignored", {"route", "code"})
			return c:get({route = "/a", code = 200})`, "2.0"},
		{"gauge", `local g = require("tide").metrics.gauge("app_queue")
			g:set(10); g:inc(); g:dec(4); g:inc(0.5); return g:get()`, "7.5"},
		{"histogram", `local h = require("tide").metrics.histogram("app_latency_seconds", "Latency.", {"op"}, {0.25, 1})
			h:observe(0.125, {op = "read"}); h:observe(0.25, {op = "read"}); h:observe(0.5, {op = "read"}); h:observe(7, {op = "read"})
			return "ok"`, "ok"},
		{"plain counter", `local c = require("tide").metrics.counter("app_plain_total"); c:inc(); c:inc(3); return c:get()`, "4.0"},

		{"bad name", `require("tide").metrics.counter("app-hits")`, "error: eval:1: bad argument #1 to 'counter' (invalid metric name 'app-hits' (letters, digits, '_' and ':', not starting with a digit))"},
		{"digit first", `require("tide").metrics.gauge("1abc")`, "~invalid metric name '1abc'"},
		{"reserved prefix", `require("tide").metrics.counter("tide_x")`, "~the prefix 'tide_' is reserved"},
		{"bad label name", `require("tide").metrics.counter("x_total", "", {"a-b"})`, "~invalid label name 'a-b'"},
		{"reserved label", `require("tide").metrics.counter("x_total", "", {"__a"})`, "~invalid label name '__a'"},
		{"le in histogram", `require("tide").metrics.histogram("x_seconds", "", {"le"})`, "~label name 'le' is reserved"},
		{"duplicate label", `require("tide").metrics.counter("x_total", "", {"a", "a"})`, "~duplicate label name 'a'"},
		{"labels not a table", `require("tide").metrics.counter("x_total", "", "a")`, "~table of label names expected, got string"},
		{"buckets decrease", `require("tide").metrics.histogram("x_seconds", "", nil, {1, 0.5})`, "~bucket bounds must increase"},
		{"buckets NaN", `require("tide").metrics.histogram("x_seconds", "", nil, {0/0})`, "~finite number expected"},
		{"redefined kind", `require("tide").metrics.gauge("app_hits_total")`, "~metric 'app_hits_total' is already defined as a counter with labels {route, code}"},
		{"redefined labels", `require("tide").metrics.counter("app_hits_total", "", {"route"})`, "~already defined"},
		{"redefined buckets", `require("tide").metrics.histogram("app_latency_seconds", "", {"op"}, {0.2})`, "~and buckets {0.25, 1}"},
		{"clash with histogram series", `require("tide").metrics.gauge("app_latency_seconds_count")`, "~metric name 'app_latency_seconds_count' clashes with the series of histogram 'app_latency_seconds'"},
		{"histogram clashes", `local m = require("tide").metrics; m.gauge("app_h2_count"); m.histogram("app_h2")`, "error: eval:1: tide.metrics.histogram: histogram 'app_h2' clashes with metric 'app_h2_count'"},
		{"missing label", `require("tide").metrics.counter("app_hits_total", "", {"route", "code"}):inc(1, {route = "/a"})`, "error: eval:1: bad argument #2 to 'inc' (missing label 'code')"},
		{"unknown label", `require("tide").metrics.counter("app_hits_total", "", {"route", "code"}):inc(1, {route = "/z", code = 1, rout = "x"})`, "~unknown label 'rout' for metric 'app_hits_total'"},
		{"label value type", `require("tide").metrics.counter("app_hits_total", "", {"route", "code"}):inc(1, {route = {}, code = 1})`, "~label 'route': string expected, got table"},
		{"no labels table", `require("tide").metrics.counter("app_hits_total", "", {"route", "code"}):inc(1)`, "~table of labels expected, got no value"},
		{"negative inc", `require("tide").metrics.counter("app_plain_total"):inc(-1)`, "~a counter increases by a finite number >= 0"},
		{"set needs number", `require("tide").metrics.gauge("app_queue"):set()`, "~bad argument #1 to 'set' (number expected, got no value)"},
		{"observe NaN", `require("tide").metrics.histogram("app_latency_seconds", "", {"op"}, {0.25, 1}):observe(0/0, {op = "x"})`, "~value is NaN"},
		{"bad self", `local c = require("tide").metrics.counter("app_plain_total"); c.inc({}, 1)`, "~calling 'inc' on bad self"},
		{"plain with labels", `require("tide").metrics.counter("app_plain_total"):inc(1, {a = "x"})`, "~unknown label 'a'"},
		{"invalid utf8", `require("tide").metrics.counter("app_hits_total", "", {"route", "code"}):inc(1, {route = "\xff", code = 1})`, "~not valid UTF-8"},
	})

	_, text, _ := ts.do(t, "GET", "/metrics", "")
	for _, want := range []string{
		"# HELP app_hits_total Hits by route.\n# TYPE app_hits_total counter\n" +
			`app_hits_total{route="/a",code="200"} 2` + "\n" +
			`app_hits_total{route="/b",code="404"} 2.5` + "\n",
		"# HELP app_queue Queue length.\n# TYPE app_queue gauge\napp_queue 7.5\n",
		"# TYPE app_latency_seconds histogram\n" +
			`app_latency_seconds_bucket{op="read",le="0.25"} 2` + "\n" +
			`app_latency_seconds_bucket{op="read",le="1"} 3` + "\n" +
			`app_latency_seconds_bucket{op="read",le="+Inf"} 4` + "\n" +
			`app_latency_seconds_sum{op="read"} 7.875` + "\n" +
			`app_latency_seconds_count{op="read"} 4` + "\n",
		"\n# TYPE app_plain_total counter\napp_plain_total 4\n", // no HELP without a help text
		"tide_states 2\n", // the server's own metrics are still there
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "x_total") {
		t.Errorf("a rejected metric was registered:\n%s", text)
	}
}

func TestMetricsConcurrent(t *testing.T) {
	ts := start(t, evalApp(metricsPrelude), serve.Options{States: 3})
	const n, per = 8, 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			for j := range per {
				code := fmt.Sprintf(`local m = require("tide").metrics
					m.counter("app_hits_total", "", {"route", "code"}):inc(1, {route = "/c%d", code = 200})
					m.gauge("app_queue"):inc()
					m.histogram("app_latency_seconds", "", {"op"}, {0.25, 1}):observe(0.5, {op = "w"})
					return "ok"`, j%3)
				status, body, _ := ts.do(t, "POST", "/eval", code)
				if status != 200 || body != "ok" {
					t.Errorf("worker %d: %d %q", i, status, body)
					return
				}
			}
		})
	}
	wg.Wait()
	_, text, _ := ts.do(t, "GET", "/metrics", "")
	total := n * per
	for _, want := range []string{
		fmt.Sprintf(`app_queue %d`, total),
		fmt.Sprintf(`app_latency_seconds_count{op="w"} %d`, total),
		fmt.Sprintf(`app_latency_seconds_sum{op="w"} %d`, total/2),
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
}

func TestMetricsOverflow(t *testing.T) {
	ts := start(t, evalApp(metricsPrelude), serve.Options{States: 1})
	ts.eval(t, []evalCase{{"fill", `local c = require("tide").metrics.counter("app_hits_total", "", {"route", "code"})
		for i = 1, 1005 do c:inc(1, {route = "/r" .. i, code = 200}) end
		c:inc(1, {route = "/r1", code = 200})
		return c:get({route = "/r1", code = 200})`, "2.0"}})
	_, text, _ := ts.do(t, "GET", "/metrics", "")
	if got := strings.Count(text, "app_hits_total{"); got != 1001 {
		t.Errorf("%d series, want 1000 and the overflow one", got)
	}
	if want := `app_hits_total{route="_overflow",code="_overflow"} 5` + "\n"; !strings.Contains(text, want) {
		t.Errorf("metrics lack %q", want)
	}
	if got := strings.Count(ts.errors.String(), "too many label sets"); got != 1 {
		t.Errorf("the overflow was logged %d times, want once:\n%s", got, ts.errors.String())
	}
}
