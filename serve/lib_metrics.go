package serve

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/tidelua/tide"
)

// The tide module's server libraries (tide.metrics here; tide.http,
// tide.codec and tide.log in lib_http.go, lib_codec.go, lib_log.go) are
// added to every State's tide module (require "tide") by openTide.

// libShared is what the tide module's libraries share across a server's
// States: the handler metrics and the outbound HTTP client. Its zero
// value is ready. It lives in the server's metrics, which outlive its
// States.
type libShared struct {
	metrics handlerMetrics
	http    outbound
}

// openTide adds tide.metrics, tide.http, tide.codec and tide.log to the
// worker's State's tide module.
func (w *worker) openTide(ctx context.Context) error {
	s := w.st
	rs, err := s.Call(ctx, s.Global("require"), tide.String("tide"))
	if err != nil {
		return fmt.Errorf("setting up the tide module: %w", err)
	}
	if len(rs) == 0 || rs[0].Type() != "table" {
		return errors.New("setting up the tide module: require(\"tide\") gave no table")
	}
	mod := rs[0]
	for name, lib := range map[string]tide.Value{
		"metrics": w.metricsLib(),
		"http":    w.httpLib(),
		"codec":   codecLib(s),
		"log":     w.logLib(),
	} {
		if err := s.SetField(mod, name, lib); err != nil {
			return fmt.Errorf("setting up the tide module: %w", err)
		}
	}
	return nil
}

// libFuncs makes a table of Go functions.
func libFuncs(s *tide.State, fns map[string]tide.Function) tide.Value {
	t := s.NewTable()
	for name, f := range fns {
		s.SetField(t, name, s.NewFunction(name, f))
	}
	return t
}

// Limits of the handler metrics: they keep /metrics and the server's
// memory bounded whatever the handlers do.
const (
	maxMetrics    = 1000 // metric names per server
	maxSeries     = 1000 // label sets per metric; more go to the overflow series
	maxLabels     = 16   // label names per metric
	maxLabelValue = 1024 // bytes of a label value
)

// overflowValue is the value of every label of a metric's overflow
// series, which takes the observations of label sets past maxSeries.
const overflowValue = "_overflow"

type metricKind uint8

const (
	kindCounter metricKind = iota
	kindGauge
	kindHistogram
)

var kindNames = [...]string{"counter", "gauge", "histogram"}

// defaultBuckets are a histogram's upper bounds when none are given
// (the Prometheus clients' defaults, for durations in seconds).
var defaultBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// handlerMetrics are the metrics handlers define with tide.metrics,
// shared by all the States of a server.
type handlerMetrics struct {
	mu     sync.Mutex
	byName map[string]*userMetric
}

// userMetric is one metric defined by handlers: its definition and its
// series, one per label set. Updates of a series are atomic; mu guards
// the series map only.
type userMetric struct {
	name, help string
	kind       metricKind
	labels     []string
	buckets    []float64   // a histogram's upper bounds, +Inf excluded
	plain      *userSeries // the only series of a metric without labels

	mu       sync.RWMutex
	series   map[string]*userSeries // by encoded label values
	overflow *userSeries
	warned   atomic.Bool // the overflow was logged
}

// userSeries is the value of one label set: a counter's or gauge's value,
// or a histogram's sum and bucket counts.
type userSeries struct {
	values  []string        // the label values, in the order of userMetric.labels
	val     atomic.Uint64   // float64 bits
	buckets []atomic.Uint64 // histogram counts per bucket (not cumulative), the last for +Inf
}

func (m *userMetric) newSeries(values []string) *userSeries {
	se := &userSeries{values: values}
	if m.kind == kindHistogram {
		se.buckets = make([]atomic.Uint64, len(m.buckets)+1)
	}
	return se
}

// atomicAddFloat adds d to the float64 whose bits u holds.
func atomicAddFloat(u *atomic.Uint64, d float64) {
	for {
		old := u.Load()
		if u.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+d)) {
			return
		}
	}
}

// observe records v in a histogram series.
func (m *userMetric) observe(se *userSeries, v float64) {
	i, _ := slices.BinarySearch(m.buckets, v) // the first bound >= v
	se.buckets[i].Add(1)
	atomicAddFloat(&se.val, v)
}

// register defines a metric, or returns the one already defined with
// the same name, kind, labels and buckets (every State runs the
// application, so every State defines its metrics).
func (hm *handlerMetrics) register(kind metricKind, name, help string, labels []string, buckets []float64) (*userMetric, error) {
	hm.mu.Lock()
	defer hm.mu.Unlock()
	if m, ok := hm.byName[name]; ok {
		if m.kind != kind || !slices.Equal(m.labels, labels) || !slices.Equal(m.buckets, buckets) {
			return nil, fmt.Errorf("metric '%s' is already defined as a %s with labels {%s}%s",
				name, kindNames[m.kind], strings.Join(m.labels, ", "), bucketsNote(m))
		}
		return m, nil
	}
	if len(hm.byName) >= maxMetrics {
		return nil, fmt.Errorf("too many metrics (at most %d)", maxMetrics)
	}
	// a histogram's series are name_bucket, name_sum and name_count
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, suffix); ok {
			if h := hm.byName[base]; h != nil && h.kind == kindHistogram {
				return nil, fmt.Errorf("metric name '%s' clashes with the series of histogram '%s'", name, base)
			}
		}
		if kind == kindHistogram && hm.byName[name+suffix] != nil {
			return nil, fmt.Errorf("histogram '%s' clashes with metric '%s'", name, name+suffix)
		}
	}
	m := &userMetric{name: name, help: help, kind: kind, labels: labels, buckets: buckets}
	if len(labels) == 0 {
		m.plain = m.newSeries(nil)
	} else {
		m.series = map[string]*userSeries{}
	}
	if hm.byName == nil {
		hm.byName = map[string]*userMetric{}
	}
	hm.byName[name] = m
	return m, nil
}

func bucketsNote(m *userMetric) string {
	if m.kind != kindHistogram {
		return ""
	}
	var b strings.Builder
	b.WriteString(" and buckets {")
	for i, f := range m.buckets {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(formatSample(f))
	}
	b.WriteString("}")
	return b.String()
}

// validMetricName reports whether s is a Prometheus metric name.
func validMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// validLabelName reports whether s is a Prometheus label name (names
// starting with "__" are reserved).
func validLabelName(s string) bool {
	if s == "" || strings.HasPrefix(s, "__") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// metricScratch is a State's buffer for the label values of one update.
type metricScratch struct {
	key  []byte
	vals []string
}

// metricsLib makes tide.metrics for the worker's State.
func (w *worker) metricsLib() tide.Value {
	s := w.st
	sc := &metricScratch{}
	var mts [3]tide.Value
	for kind, methods := range map[metricKind]map[string]tide.Function{
		kindCounter: {
			"inc": w.metricAdd(sc, kindCounter, "inc", 1),
			"get": w.metricGet(sc, kindCounter),
		},
		kindGauge: {
			"set": w.metricSet(sc),
			"inc": w.metricAdd(sc, kindGauge, "inc", 1),
			"dec": w.metricAdd(sc, kindGauge, "dec", -1),
			"get": w.metricGet(sc, kindGauge),
		},
		kindHistogram: {
			"observe": w.metricObserve(sc),
		},
	} {
		mt := s.NewTable()
		s.SetField(mt, "__index", libFuncs(s, methods))
		s.SetField(mt, "__name", tide.String("tide.metrics."+kindNames[kind]))
		mts[kind] = mt
	}
	return libFuncs(s, map[string]tide.Function{
		"counter":   w.metricNew(kindCounter, mts[kindCounter]),
		"gauge":     w.metricNew(kindGauge, mts[kindGauge]),
		"histogram": w.metricNew(kindHistogram, mts[kindHistogram]),
	})
}

// metricNew is tide.metrics.counter/gauge/histogram(name [, help [,
// labels [, buckets]]]).
func (w *worker) metricNew(kind metricKind, mt tide.Value) tide.Function {
	fname := kindNames[kind]
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		name, err := argString(s, args, 1, fname)
		if err != nil {
			return nil, err
		}
		if !validMetricName(name) {
			return nil, argError(1, fname, fmt.Sprintf("invalid metric name '%s' (letters, digits, '_' and ':', not starting with a digit)", name))
		}
		if strings.HasPrefix(name, "tide_") {
			return nil, argError(1, fname, fmt.Sprintf("metric name '%s': the prefix 'tide_' is reserved for the server's metrics", name))
		}
		help, err := optString(s, args, 2, fname, "")
		if err != nil {
			return nil, err
		}
		labels, err := labelNames(s, args, fname, kind)
		if err != nil {
			return nil, err
		}
		var buckets []float64
		if kind == kindHistogram {
			if buckets, err = bucketBounds(s, args, fname); err != nil {
				return nil, err
			}
		}
		m, err := w.srv.metrics.lib.metrics.register(kind, name, help, labels, buckets)
		if err != nil {
			return nil, fmt.Errorf("tide.metrics.%s: %v", fname, err)
		}
		return ret(s.NewUserdata(m, mt))
	}
}

// labelNames reads a metric's label names, argument 3: nil or a
// sequence of names.
func labelNames(s *tide.State, args []tide.Value, fname string, kind metricKind) ([]string, error) {
	v := arg(args, 3)
	if v.IsNil() {
		return nil, nil
	}
	if v.Type() != "table" {
		return nil, argError(3, fname, "table of label names expected, got "+v.Type())
	}
	n := s.Len(v)
	if n > maxLabels {
		return nil, argError(3, fname, fmt.Sprintf("too many labels (at most %d)", maxLabels))
	}
	labels := make([]string, 0, n)
	for i := int64(1); i <= n; i++ {
		name, ok := s.Get(v, tide.Int(i)).AsString()
		switch {
		case !ok:
			return nil, argError(3, fname, fmt.Sprintf("label name #%d: string expected, got %s", i, s.Get(v, tide.Int(i)).Type()))
		case !validLabelName(name):
			return nil, argError(3, fname, fmt.Sprintf("invalid label name '%s' (letters, digits and '_', not starting with a digit or '__')", name))
		case kind == kindHistogram && name == "le":
			return nil, argError(3, fname, "label name 'le' is reserved for histogram buckets")
		case slices.Contains(labels, name):
			return nil, argError(3, fname, fmt.Sprintf("duplicate label name '%s'", name))
		}
		labels = append(labels, name)
	}
	return labels, nil
}

// bucketBounds reads a histogram's bucket upper bounds, argument 4: nil
// for the defaults, or an increasing sequence of numbers (a last +Inf is
// implicit).
func bucketBounds(s *tide.State, args []tide.Value, fname string) ([]float64, error) {
	v := arg(args, 4)
	if v.IsNil() {
		return defaultBuckets, nil
	}
	if v.Type() != "table" {
		return nil, argError(4, fname, "table of bucket bounds expected, got "+v.Type())
	}
	n := s.Len(v)
	if n > 1000 {
		return nil, argError(4, fname, "too many buckets (at most 1000)")
	}
	bounds := make([]float64, 0, n)
	for i := int64(1); i <= n; i++ {
		f, ok := s.Get(v, tide.Int(i)).ToFloat()
		switch {
		case !ok:
			return nil, argError(4, fname, fmt.Sprintf("bucket #%d: number expected, got %s", i, s.Get(v, tide.Int(i)).Type()))
		case math.IsInf(f, 1) && i == n:
			continue
		case math.IsNaN(f) || math.IsInf(f, 0):
			return nil, argError(4, fname, fmt.Sprintf("bucket #%d: finite number expected", i))
		case len(bounds) > 0 && f <= bounds[len(bounds)-1]:
			return nil, argError(4, fname, "bucket bounds must increase")
		}
		bounds = append(bounds, f)
	}
	if len(bounds) == 0 {
		return nil, argError(4, fname, "at least one bucket bound expected")
	}
	return bounds, nil
}

// self returns the metric a method is called on.
func selfMetric(args []tide.Value, kind metricKind, fname string) (*userMetric, error) {
	if d, ok := arg(args, 1).Userdata(); ok {
		if m, ok := d.(*userMetric); ok && m.kind == kind {
			return m, nil
		}
	}
	return nil, fmt.Errorf("calling '%s' on bad self (tide.metrics.%s expected, got %s)", fname, kindNames[kind], typeName(args, 1))
}

// labelKey encodes the label values of a labels table (argument argn of
// a method, self excluded) into sc: the map key, and the values.
func (m *userMetric) labelKey(s *tide.State, sc *metricScratch, labels tide.Value, fname string, argn int) error {
	if labels.Type() != "table" {
		return argError(argn, fname, "table of labels expected, got "+labels.Type())
	}
	key, vals := sc.key[:0], sc.vals[:0]
	for _, ln := range m.labels {
		v := s.GetField(labels, ln)
		str, ok := v.AsString()
		if !ok {
			switch v.Type() {
			case "number":
				str, _ = s.ToString(v)
			case "boolean":
				str = strconv.FormatBool(v.Truthy())
			case "nil":
				return argError(argn, fname, "missing label '"+ln+"'")
			default:
				return argError(argn, fname, "label '"+ln+"': string expected, got "+v.Type())
			}
		}
		if len(str) > maxLabelValue {
			return argError(argn, fname, fmt.Sprintf("label '%s': value longer than %d bytes", ln, maxLabelValue))
		}
		key = binary.AppendUvarint(key, uint64(len(str)))
		key = append(key, str...)
		vals = append(vals, str)
	}
	sc.key, sc.vals = key, vals
	return nil
}

// metricSeries returns the series of the labels (argument argn), creating it
// on first use; past maxSeries label sets it returns the overflow
// series. Unknown label names and invalid values are checked when a
// label set is first seen.
func (w *worker) metricSeries(s *tide.State, sc *metricScratch, m *userMetric, labels tide.Value, fname string, argn int) (*userSeries, error) {
	if m.plain != nil {
		if !labels.IsNil() && labels.Type() != "table" {
			return nil, argError(argn, fname, "table of labels expected, got "+labels.Type())
		}
		if err := m.unknownLabel(s, labels, fname, argn); err != nil {
			return nil, err
		}
		return m.plain, nil
	}
	if labels.IsNil() {
		return nil, argError(argn, fname, "table of labels expected, got no value")
	}
	if err := m.labelKey(s, sc, labels, fname, argn); err != nil {
		return nil, err
	}
	m.mu.RLock()
	se := m.series[string(sc.key)]
	m.mu.RUnlock()
	if se != nil {
		return se, nil
	}
	if err := m.unknownLabel(s, labels, fname, argn); err != nil {
		return nil, err
	}
	for i, v := range sc.vals {
		if !utf8.ValidString(v) {
			return nil, argError(argn, fname, "label '"+m.labels[i]+"': value is not valid UTF-8")
		}
	}
	over := false
	m.mu.Lock()
	if se = m.series[string(sc.key)]; se == nil {
		if len(m.series) < maxSeries {
			se = m.newSeries(slices.Clone(sc.vals))
			m.series[string(sc.key)] = se
		} else {
			if m.overflow == nil {
				vals := make([]string, len(m.labels))
				for i := range vals {
					vals[i] = overflowValue
				}
				m.overflow = m.newSeries(vals)
			}
			se, over = m.overflow, true
		}
	}
	m.mu.Unlock()
	if over && !m.warned.Swap(true) {
		w.srv.log.errors.Warn("metric has too many label sets: new ones go to its "+overflowValue+" series",
			"metric", m.name, "limit", maxSeries)
	}
	return se, nil
}

// unknownLabel reports a key of labels that is not a label of m.
func (m *userMetric) unknownLabel(s *tide.State, labels tide.Value, fname string, argn int) error {
	if labels.IsNil() {
		return nil
	}
	for k := range s.All(labels) {
		name, ok := k.AsString()
		if !ok || !slices.Contains(m.labels, name) {
			str, _ := s.ToString(k)
			return argError(argn, fname, fmt.Sprintf("unknown label '%s' for metric '%s'", str, m.name))
		}
	}
	return nil
}

// numberArgs reads the arguments of inc/dec/set/observe after self: an
// optional number (def when absent, required when def is NaN) and an
// optional labels table; a table in first place is the labels.
func numberArgs(args []tide.Value, fname string, def float64) (float64, tide.Value, int, error) {
	v := arg(args, 2)
	if v.Type() == "table" && !math.IsNaN(def) {
		return def, v, 1, nil
	}
	if v.IsNil() && !math.IsNaN(def) {
		return def, arg(args, 3), 2, nil
	}
	f, ok := v.ToFloat()
	if !ok {
		return 0, tide.Value{}, 0, argError(1, fname, "number expected, got "+typeName(args, 2))
	}
	return f, arg(args, 3), 2, nil
}

// metricAdd is counter:inc, gauge:inc and gauge:dec ([n] [, labels]);
// sign is -1 for dec.
func (w *worker) metricAdd(sc *metricScratch, kind metricKind, fname string, sign float64) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		m, err := selfMetric(args, kind, fname)
		if err != nil {
			return nil, err
		}
		n, labels, argn, err := numberArgs(args, fname, 1)
		if err != nil {
			return nil, err
		}
		if kind == kindCounter && !(n >= 0 && !math.IsInf(n, 1)) {
			return nil, argError(1, fname, "a counter increases by a finite number >= 0")
		}
		se, err := w.metricSeries(s, sc, m, labels, fname, argn)
		if err != nil {
			return nil, err
		}
		atomicAddFloat(&se.val, sign*n)
		return nil, nil
	}
}

// metricSet is gauge:set(v [, labels]).
func (w *worker) metricSet(sc *metricScratch) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		m, err := selfMetric(args, kindGauge, "set")
		if err != nil {
			return nil, err
		}
		v, labels, argn, err := numberArgs(args, "set", math.NaN())
		if err != nil {
			return nil, err
		}
		se, err := w.metricSeries(s, sc, m, labels, "set", argn)
		if err != nil {
			return nil, err
		}
		se.val.Store(math.Float64bits(v))
		return nil, nil
	}
}

// metricObserve is histogram:observe(v [, labels]).
func (w *worker) metricObserve(sc *metricScratch) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		m, err := selfMetric(args, kindHistogram, "observe")
		if err != nil {
			return nil, err
		}
		v, labels, argn, err := numberArgs(args, "observe", math.NaN())
		if err != nil {
			return nil, err
		}
		if math.IsNaN(v) {
			return nil, argError(1, "observe", "value is NaN")
		}
		se, err := w.metricSeries(s, sc, m, labels, "observe", argn)
		if err != nil {
			return nil, err
		}
		m.observe(se, v)
		return nil, nil
	}
}

// metricGet is counter:get and gauge:get([labels]): the value of a
// series, 0 for a label set not seen yet.
func (w *worker) metricGet(sc *metricScratch, kind metricKind) tide.Function {
	return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
		m, err := selfMetric(args, kind, "get")
		if err != nil {
			return nil, err
		}
		se := m.plain
		if se == nil {
			if err := m.labelKey(s, sc, arg(args, 2), "get", 1); err != nil {
				return nil, err
			}
			m.mu.RLock()
			se = m.series[string(sc.key)]
			m.mu.RUnlock()
		}
		if se == nil {
			return ret(tide.Float(0))
		}
		return ret(tide.Float(math.Float64frombits(se.val.Load())))
	}
}

// write writes the handler metrics in the Prometheus text format, by
// name, each metric's series by label values, the overflow series last.
func (hm *handlerMetrics) write(b *bufio.Writer) {
	hm.mu.Lock()
	ms := make([]*userMetric, 0, len(hm.byName))
	for _, m := range hm.byName {
		ms = append(ms, m)
	}
	hm.mu.Unlock()
	slices.SortFunc(ms, func(a, b *userMetric) int { return strings.Compare(a.name, b.name) })
	for _, m := range ms {
		m.write(b)
	}
}

func (m *userMetric) write(b *bufio.Writer) {
	if m.help != "" {
		b.WriteString("# HELP " + m.name + " " + escapeHelp(m.help) + "\n")
	}
	b.WriteString("# TYPE " + m.name + " " + kindNames[m.kind] + "\n")
	var list []*userSeries
	if m.plain != nil {
		list = []*userSeries{m.plain}
	} else {
		m.mu.RLock()
		list = make([]*userSeries, 0, len(m.series)+1)
		for _, se := range m.series {
			list = append(list, se)
		}
		over := m.overflow
		m.mu.RUnlock()
		slices.SortFunc(list, func(a, b *userSeries) int { return slices.Compare(a.values, b.values) })
		if over != nil {
			list = append(list, over)
		}
	}
	for _, se := range list {
		labels := m.labelText(se)
		if m.kind != kindHistogram {
			b.WriteString(m.name + bracedLabels(labels) + " " + formatSample(math.Float64frombits(se.val.Load())) + "\n")
			continue
		}
		var cum uint64
		sep := ""
		if labels != "" {
			sep = ","
		}
		for i := range se.buckets {
			cum += se.buckets[i].Load()
			le := "+Inf"
			if i < len(m.buckets) {
				le = formatSample(m.buckets[i])
			}
			b.WriteString(m.name + "_bucket{" + labels + sep + `le="` + le + `"} ` + strconv.FormatUint(cum, 10) + "\n")
		}
		b.WriteString(m.name + "_sum" + bracedLabels(labels) + " " + formatSample(math.Float64frombits(se.val.Load())) + "\n")
		b.WriteString(m.name + "_count" + bracedLabels(labels) + " " + strconv.FormatUint(cum, 10) + "\n")
	}
}

// labelText is a series' labels as `a="x",b="y"`.
func (m *userMetric) labelText(se *userSeries) string {
	var b strings.Builder
	for i, name := range m.labels {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(name + `="` + escapeLabel(se.values[i]) + `"`)
	}
	return b.String()
}

func bracedLabels(labels string) string {
	if labels == "" {
		return ""
	}
	return "{" + labels + "}"
}

// formatSample formats a sample value as the text format wants it.
func formatSample(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// escapeHelp escapes a HELP text: backslash and newline.
func escapeHelp(s string) string {
	if !strings.ContainsAny(s, "\\\n") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}
