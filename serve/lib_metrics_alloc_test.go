package serve

import (
	"io"
	"testing"

	"github.com/tidelua/tide"
)

// metricWorker is a worker with only what tide.metrics needs.
func metricWorker(t testing.TB) *worker {
	s := tide.NewState(tide.Options{})
	t.Cleanup(func() { s.Close() })
	srv := &Server{metrics: newMetrics(), log: newLogs(io.Discard, io.Discard)}
	return &worker{srv: srv, st: s}
}

// TestMetricsNoAlloc: updating an existing series allocates nothing.
func TestMetricsNoAlloc(t *testing.T) {
	w := metricWorker(t)
	s := w.st
	sc := &metricScratch{}
	labels := s.NewTable()
	s.SetField(labels, "route", tide.String("/a"))
	s.SetField(labels, "code", tide.String("200"))
	counter, err := w.srv.metrics.lib.metrics.register(kindCounter, "c_total", "", []string{"route", "code"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hist, err := w.srv.metrics.lib.metrics.register(kindHistogram, "h_seconds", "", []string{"route", "code"}, defaultBuckets)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := w.srv.metrics.lib.metrics.register(kindGauge, "g", "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		fn   tide.Function
		args []tide.Value
	}{
		{"counter inc", w.metricAdd(sc, kindCounter, "inc", 1), []tide.Value{s.NewUserdata(counter, tide.Value{}), tide.Int(1), labels}},
		{"histogram observe", w.metricObserve(sc), []tide.Value{s.NewUserdata(hist, tide.Value{}), tide.Float(0.3), labels}},
		{"gauge set", w.metricSet(sc), []tide.Value{s.NewUserdata(plain, tide.Value{}), tide.Float(2)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := c.fn(s, c.args); err != nil { // creates the series
				t.Fatal(err)
			}
			if n := testing.AllocsPerRun(100, func() { c.fn(s, c.args) }); n != 0 {
				t.Errorf("%v allocations per update, want 0", n)
			}
		})
	}
}

func BenchmarkMetricInc(b *testing.B) {
	w := metricWorker(b)
	s := w.st
	labels := s.NewTable()
	s.SetField(labels, "route", tide.String("/a"))
	m, _ := w.srv.metrics.lib.metrics.register(kindCounter, "c_total", "", []string{"route"}, nil)
	inc := w.metricAdd(&metricScratch{}, kindCounter, "inc", 1)
	args := []tide.Value{s.NewUserdata(m, tide.Value{}), tide.Int(1), labels}
	b.ReportAllocs()
	for b.Loop() {
		inc(s, args)
	}
}

// BenchmarkMetricIncLua is c:inc(1, labels) from Lua, per call.
func BenchmarkMetricIncLua(b *testing.B) {
	w := metricWorker(b)
	s := w.st
	s.SetGlobal("metrics", w.metricsLib())
	fn, err := s.Load([]byte(`
local c = metrics.counter("c_total", "", {"route", "code"})
local labels = {route = "/a", code = "200"}
return function(n) for _ = 1, n do c:inc(1, labels) end end`), "=bench")
	if err != nil {
		b.Fatal(err)
	}
	rs, err := s.Call(b.Context(), fn)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := s.Call(b.Context(), rs[0], tide.Int(int64(b.N))); err != nil {
		b.Fatal(err)
	}
}
