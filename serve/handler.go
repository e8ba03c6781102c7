package serve

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tidelua/tide"
)

// ServeHTTP serves the application, and the admin endpoints unless they
// have a listener of their own (Options.Admin).
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if srv.opts.Admin == "" && isAdminPath(r.URL.Path) {
		srv.serveAdmin(w, r)
		return
	}
	srv.serveApp(w, r)
}

// serveApp serves one application request: route, State, handler,
// response, metrics and access log.
func (srv *Server) serveApp(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	m := srv.metrics
	m.inFlight.Add(1)
	q := &request{w: w, r: r, start: start}
	outcome := srv.handle(q)
	d := time.Since(start)
	m.inFlight.Add(-1)
	stats := m.unmatched
	route := ""
	if q.route != nil {
		stats, route = q.route.stats, q.route.stats.name
	}
	stats.observe(q.status, d)
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("route", route),
		slog.Int("status", q.status),
		slog.Int64("bytes", q.bytes),
		slog.Float64("duration", d.Seconds()),
		slog.String("remote", r.RemoteAddr),
	}
	if outcome != "" {
		attrs = append(attrs, slog.String("outcome", outcome))
	}
	srv.log.access.LogAttrs(context.Background(), slog.LevelInfo, "request", attrs...)
	if q.streamed && outcome != "" || q.closeConn {
		// the status is out: cutting the connection is the only way
		// left to tell the client the response is incomplete
		panic(http.ErrAbortHandler)
	}
}

// handle runs a request and writes its response; it returns "" or what
// went wrong, for the access log.
func (srv *Server) handle(q *request) string {
	r := q.r
	if srv.draining.Load() {
		q.w.Header().Set("Connection", "close")
	}
	rt, allow := srv.app.router.match(r.Method, r.URL.Path)
	if rt == nil {
		if len(allow) > 0 {
			q.w.Header().Set("Allow", allowHeader(allow))
			q.plain(http.StatusMethodNotAllowed)
			return ""
		}
		q.plain(http.StatusNotFound)
		return ""
	}
	q.route = rt
	limits := &srv.opts.Limits
	if headerSize(r) > limits.Header {
		q.plain(http.StatusRequestHeaderFieldsTooLarge)
		return "header too large"
	}
	if r.ContentLength > limits.Body {
		q.plain(http.StatusRequestEntityTooLarge)
		return "body too large"
	}
	ctx, cancel := context.WithTimeout(r.Context(), limits.Time)
	defer cancel()
	q.deadline, _ = ctx.Deadline()

	// a State: wait for a slot, then take one from the pool
	m := srv.metrics
	wait := time.Now()
	select {
	case srv.sem <- struct{}{}:
	case <-ctx.Done():
		m.stops[stopTime].Add(1)
		srv.log.errors.Warn("no free State before the time limit", "route", rt.stats.name, "path", r.URL.Path)
		q.plain(http.StatusServiceUnavailable)
		return "no free State"
	}
	m.stateWaitNanos.Add(uint64(time.Since(wait)))
	m.statesBusy.Add(1)
	wk, err := srv.getWorker()
	if err != nil {
		m.statesBusy.Add(-1)
		<-srv.sem
		srv.log.errors.Error("cannot create a State", "error", err.Error())
		q.plain(http.StatusServiceUnavailable)
		return "no State"
	}
	keep := true
	defer func() {
		m.statesBusy.Add(-1)
		srv.release(wk, keep)
	}()
	st := wk.st
	wk.cur, wk.ctx, wk.ctxTable, wk.exiting = q, ctx, tide.Value{}, false
	defer func() {
		wk.closeSockets()
		wk.cur, wk.ctx, wk.ctxTable, wk.phase = nil, nil, tide.Value{}, ""
	}()
	st.SetInstructionLimit(limits.Instructions) // each request its own budget; 0: none
	if ps := wk.phases[rt.index]; ps != nil {
		var outcome string
		outcome, keep = srv.runPhases(ctx, q, wk, ps)
		return outcome
	}
	wk.phase = "content"
	rs, err := st.Call(ctx, wk.dispatch, wk.handlers[rt.index],
		tide.String(r.Method), tide.String(r.URL.Path), tide.String(r.RemoteAddr))
	if wk.exiting {
		wk.exiting = false
		var qe *tide.QuotaError
		if !errors.As(err, &qe) {
			err, rs = nil, nil
		}
	}
	outcome := ""
	switch {
	case err != nil:
		outcome, keep = srv.failed(q, ctx, err)
	case q.abort != 0:
		q.plain(q.abort)
		outcome = "body too large"
	case q.streamed && !q.ngxUsed():
		if q.writeErr != nil {
			outcome = "client gone"
		}
	case q.ngxUsed() && (len(rs) == 0 || rs[0].IsNil() && rs[1].IsNil()):
		if err := wk.ngxFinish(ctx, q); err != nil {
			outcome, keep = srv.failed(q, ctx, err)
		} else if q.writeErr != nil {
			outcome = "client gone"
		}
	default:
		resp, err := buildResponse(st, q.w.Header(), rs)
		if err != nil {
			m.handlerErrors.Add(1)
			srv.log.errors.Error("bad handler response", "route", rt.stats.name, "path", r.URL.Path, "error", err.Error())
			q.plain(http.StatusInternalServerError)
			outcome = "bad response"
			break
		}
		q.send(resp)
	}
	return outcome
}

// failed answers a request whose handler returned an error. It reports
// what happened and whether the State may serve again: a State stopped
// in the middle of its Lua code (a quota, a cancellation) is discarded.
func (srv *Server) failed(q *request, ctx context.Context, err error) (outcome string, keep bool) {
	m := srv.metrics
	route, path := q.route.stats.name, q.r.URL.Path
	var qe *tide.QuotaError
	stopped := errors.As(err, &qe)
	if stopped || ctx.Err() != nil {
		kind := stopTime
		switch {
		case errors.Is(err, tide.ErrInstructionLimit):
			kind = stopInstructions
		case errors.Is(err, tide.ErrMemoryLimit):
			kind = stopMemory
		case errors.Is(err, tide.ErrDepthLimit):
			kind = stopDepth
		case q.r.Context().Err() != nil:
			kind = stopCanceled
		}
		m.stops[kind].Add(1)
		attrs := []any{"kind", stopNames[kind], "route", route, "path", path, "error", err.Error()}
		if qe != nil && qe.Traceback != "" {
			attrs = append(attrs, "traceback", trimTraceback(qe.Traceback))
		}
		if kind == stopCanceled {
			srv.log.errors.Info("handler stopped: client gone", attrs...)
			q.status = 499 // nginx's "client closed request", for the logs only
			return "client gone", false
		}
		srv.log.errors.Warn("handler stopped by a quota", attrs...)
		if !q.streamed {
			q.plain(http.StatusServiceUnavailable)
		}
		return stopNames[kind] + " limit", false
	}
	if q.abort != 0 {
		if !q.streamed {
			q.plain(q.abort)
		}
		return "body too large", true
	}
	if q.writeErr != nil {
		return "client gone", true
	}
	m.handlerErrors.Add(1)
	var le *tide.Error
	if errors.As(err, &le) {
		srv.log.errors.Error("handler error", "route", route, "path", path, "error", le.Message, "traceback", trimTraceback(le.Traceback))
	} else {
		srv.log.errors.Error("handler error", "route", route, "path", path, "error", err.Error())
	}
	if !q.streamed {
		q.plain(http.StatusInternalServerError)
	}
	return "error", le != nil // an error that is not a Lua error: do not trust the State
}

// trimTraceback drops the server's own frames (the glue's chunk,
// "serve", and the host call under it) from a traceback.
func trimTraceback(tb string) string {
	lines := strings.Split(tb, "\n")
	out := lines[:0]
	for _, l := range lines {
		if strings.HasPrefix(l, "\tserve:") || l == "\t[C]: in ?" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// headerSize is the size of the request line and header as sent
// (net/http's own MaxHeaderBytes check allows several KB of slack).
func headerSize(r *http.Request) int64 {
	n := int64(len(r.Method) + len(r.RequestURI) + len(r.Proto) + 4 + len(r.Host) + 8)
	for k, vs := range r.Header {
		for _, v := range vs {
			n += int64(len(k) + len(v) + 4)
		}
	}
	return n
}

// plain answers with a status and its text, dropping the headers the
// handler set.
func (q *request) plain(status int) {
	h := q.w.Header()
	conn := h.Get("Connection")
	allow := h.Get("Allow")
	clear(h)
	if conn != "" {
		h.Set("Connection", conn)
	}
	if allow != "" && status == http.StatusMethodNotAllowed {
		h.Set("Allow", allow)
	}
	body := http.StatusText(status) + "\n"
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	q.w.WriteHeader(status)
	n, _ := io.WriteString(q.w, body)
	q.status, q.bytes = status, int64(n)
}

// send writes a handler's response.
func (q *request) send(resp response) {
	h := q.w.Header()
	if bodyAllowed(resp.status) {
		h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	} else {
		resp.body = ""
	}
	q.w.WriteHeader(resp.status)
	n, _ := io.WriteString(q.w, resp.body)
	q.status, q.bytes = resp.status, int64(n)
}

// bodyAllowed reports whether a response with this status has a body
// (RFC 9110 §6.4.1).
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// allowHeader lists methods for a 405's Allow header.
func allowHeader(methods []string) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range methods {
		if m == "" || seen[m] {
			continue
		}
		seen[m] = true
		out = append(out, m)
		if m == http.MethodGet && !seen[http.MethodHead] {
			seen[http.MethodHead] = true
			out = append(out, http.MethodHead)
		}
	}
	return strings.Join(out, ", ")
}
