package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tidelua/tide"
)

// request is the server's side of one request while its handler runs.
type request struct {
	w        http.ResponseWriter
	r        *http.Request
	route    *route
	deadline time.Time

	query    url.Values // parsed on first use
	body     string
	bodyRead bool
	bodyErr  error

	abort    int   // a status the server imposes (413), 0 if none
	streamed bool  // res:write sent the status and headers
	status   int   // the status sent
	bytes    int64 // body bytes written
	writeErr error // the first failed write to the client

	// the ngx API's response (ngx.go, phases.go)
	start          time.Time
	phases         *phaseSet // the route's phase handlers, nil for a plain handler
	ngxStatus      int       // ngx.status; 0 until set or sent
	out            []byte    // output not yet sent
	hdrDone        bool      // the status and headers are final (the header filter ran)
	inHeaderFilter bool
	eof            bool // the last chunk went through the body filter
	exited         bool // ngx.exit was called
	exitStatus     int
	closeConn      bool               // ngx.exit(444): close without a response
	vars           map[string]*string // ngx.var values set by the handlers
}

// errNoRequest is raised by req and res methods used after their
// handler returned.
var errNoRequest = errors.New("request is over (req and res are valid only while their handler runs)")

// errBodyTooLarge is raised by req.body past the body limit.
var errBodyTooLarge = errors.New("request body too large")

// hostFunctions are the worker's functions the glue builds the request
// API on.
func (w *worker) hostFunctions() map[string]tide.Value {
	s := w.st
	m := map[string]tide.Value{
		"query":     s.NewFunction("query", w.luaQuery),
		"query_all": s.NewFunction("query_all", w.luaQueryAll),
		"headers":   s.NewFunction("headers", w.luaHeaders),
		"body":      s.NewFunction("body", w.luaBody),
		"json":      s.NewFunction("json", w.luaJSON),
		"write":     s.NewFunction("write", w.luaWrite),
		"print":     s.NewFunction("print", w.luaPrint),
		"global":    s.NewFunction("global", w.luaGlobal),
	}
	return m
}

func (w *worker) current() (*request, error) {
	if w.cur == nil {
		return nil, errNoRequest
	}
	return w.cur, nil
}

// luaQuery returns the first value of each query parameter.
func (w *worker) luaQuery(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
	q, err := w.current()
	if err != nil {
		return nil, err
	}
	vals := q.queryValues()
	first := make(map[string]string, len(vals))
	for k, v := range vals {
		if len(v) > 0 {
			first[k] = v[0]
		}
	}
	t, err := s.ToValue(first)
	return []tide.Value{t}, err
}

// luaQueryAll returns every value of one query parameter.
func (w *worker) luaQueryAll(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.current()
	if err != nil {
		return nil, err
	}
	var name string
	if len(args) == 0 || args[0].Type() != "string" {
		return nil, errors.New("bad argument #1 to 'query_all' (string expected)")
	}
	if err := s.FromValue(args[0], &name); err != nil {
		return nil, err
	}
	vals := q.queryValues()[name]
	if vals == nil {
		vals = []string{}
	}
	t, err := s.ToValue(vals)
	return []tide.Value{t}, err
}

func (q *request) queryValues() url.Values {
	if q.query == nil {
		q.query, _ = url.ParseQuery(q.r.URL.RawQuery) // keeps what parses
		if q.query == nil {
			q.query = url.Values{}
		}
	}
	return q.query
}

// luaHeaders returns the request headers with lower-case names.
func (w *worker) luaHeaders(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
	q, err := w.current()
	if err != nil {
		return nil, err
	}
	h := make(map[string]string, len(q.r.Header)+1)
	for k, v := range q.r.Header {
		h[strings.ToLower(k)] = strings.Join(v, ", ")
	}
	if q.r.Host != "" {
		h["host"] = q.r.Host
	}
	t, err := s.ToValue(h)
	return []tide.Value{t}, err
}

// luaBody returns the request body, read on first use.
func (w *worker) luaBody(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
	q, err := w.current()
	if err != nil {
		return nil, err
	}
	if err := q.readBody(w.srv.opts.Limits.Body); err != nil {
		return nil, err
	}
	return []tide.Value{tide.String(q.body)}, nil
}

// readBody reads the body once, up to limit bytes: past it the request
// is marked for 413. Reading stops at the request's deadline.
func (q *request) readBody(limit int64) error {
	if q.bodyRead {
		return q.bodyErr
	}
	q.bodyRead = true
	if q.r.Body == nil || q.r.Body == http.NoBody {
		return nil
	}
	_ = http.NewResponseController(q.w).SetReadDeadline(q.deadline)
	data, err := io.ReadAll(io.LimitReader(q.r.Body, limit+1))
	switch {
	case err != nil:
		q.bodyErr = fmt.Errorf("reading the request body: %v", err)
	case int64(len(data)) > limit:
		q.abort = http.StatusRequestEntityTooLarge
		q.bodyErr = errBodyTooLarge
	default:
		q.body = string(data)
	}
	return q.bodyErr
}

// luaJSON decodes the body as JSON: the value, or nil and a message.
func (w *worker) luaJSON(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
	q, err := w.current()
	if err != nil {
		return nil, err
	}
	if err := q.readBody(w.srv.opts.Limits.Body); err != nil {
		return nil, err
	}
	v, err := s.DecodeJSON(q.body)
	if err != nil {
		return []tide.Value{{}, tide.String("invalid JSON body: " + err.Error())}, nil
	}
	return []tide.Value{v}, nil
}

// luaWrite is res:write(...): it sends the status and headers on first
// use, then its arguments (strings or numbers), and flushes.
func (w *worker) luaWrite(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.current()
	if err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, errors.New("bad self for 'write' (res expected)")
	}
	for i, a := range args[2:] {
		if t := a.Type(); t != "string" && t != "number" {
			return nil, fmt.Errorf("bad argument #%d to 'write' (string expected, got %s)", i+1, t)
		}
	}
	if q.writeErr != nil {
		return nil, q.writeErr
	}
	if !q.streamed {
		status, err := statusOf(args[0])
		if err != nil {
			return nil, err
		}
		if err := setHeaders(s, q.w.Header(), args[1]); err != nil {
			return nil, err
		}
		defaultContentType(q.w.Header(), "text/plain; charset=utf-8")
		q.streamed, q.status = true, status
		q.w.WriteHeader(status)
	}
	for _, a := range args[2:] {
		str, err := s.ToString(a)
		if err != nil {
			return nil, err
		}
		n, err := io.WriteString(q.w, str)
		q.bytes += int64(n)
		if err != nil {
			q.writeErr = fmt.Errorf("writing the response: %v", err)
			return nil, q.writeErr
		}
	}
	if err := http.NewResponseController(q.w).Flush(); err != nil {
		q.writeErr = fmt.Errorf("writing the response: %v", err)
		return nil, q.writeErr
	}
	return nil, nil
}

// luaPrint is print in a handler: a line in the error log.
func (w *worker) luaPrint(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	var line string
	if len(args) > 0 {
		line, _ = s.ToString(args[0])
	}
	attrs := []any{"text", line}
	if q := w.cur; q != nil {
		attrs = append(attrs, "path", q.r.URL.Path)
	}
	w.srv.log.errors.Info("print", attrs...)
	return nil, nil
}

// luaGlobal reports a global variable created after the application
// loaded.
func (w *worker) luaGlobal(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	var name string
	if len(args) > 0 {
		name, _ = s.ToString(args[0])
	}
	w.srv.metrics.globalWrites.Add(1)
	attrs := []any{"name", name}
	if q := w.cur; q != nil {
		attrs = append(attrs, "route", q.route.stats.name, "path", q.r.URL.Path)
	}
	w.srv.log.errors.Warn("global variable written during a request (use local or a module table)", attrs...)
	return nil, nil
}
