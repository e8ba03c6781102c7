package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tidelua/tide"
)

// phaseSet are the handlers of a route given as a table of phases,
// OpenResty's request phases: {access = fn, content = fn, log = fn}.
type phaseSet struct {
	rewrite, access, content, headerFilter, bodyFilter, log tide.Value
}

// phaseNames are the keys of a phases table.
var phaseNames = map[string]bool{
	"rewrite": true, "access": true, "content": true,
	"header_filter": true, "body_filter": true, "log": true,
}

// readPhases reads a route's table of phase handlers.
func readPhases(s *tide.State, key string, t tide.Value) (*phaseSet, error) {
	ps := &phaseSet{}
	for k, v := range s.All(t) {
		name, ok := k.AsString()
		if !ok || !phaseNames[name] {
			ks, _ := s.ToString(k)
			return nil, fmt.Errorf("route %q: unknown phase %q (rewrite, access, content, header_filter, body_filter or log expected)", key, ks)
		}
		if v.Type() != "function" {
			return nil, fmt.Errorf("route %q: phase %s: function expected, got %s", key, name, v.Type())
		}
		switch name {
		case "rewrite":
			ps.rewrite = v
		case "access":
			ps.access = v
		case "content":
			ps.content = v
		case "header_filter":
			ps.headerFilter = v
		case "body_filter":
			ps.bodyFilter = v
		case "log":
			ps.log = v
		}
	}
	return ps, nil
}

// ngxUsed reports whether a plain handler answered through ngx (output,
// status, exit) rather than by returning its response.
func (q *request) ngxUsed() bool {
	return q.exited || q.hdrDone || len(q.out) > 0 || q.ngxStatus != 0
}

// callPhase runs one phase handler. ngx.exit raises errExit to unwind
// the handler: that is no failure (and a pcall that caught it does not
// undo it).
func (w *worker) callPhase(ctx context.Context, name string, fn tide.Value) ([]tide.Value, error) {
	prev := w.phase
	w.phase = name
	rs, err := w.st.Call(ctx, fn)
	w.phase = prev
	if w.exiting {
		w.exiting = false
		var qe *tide.QuotaError
		if !errors.As(err, &qe) {
			err = nil
		}
	}
	return rs, err
}

// runPhases serves a request with a route's phase handlers: rewrite,
// access and content, then the response through header_filter and
// body_filter, then log once the response is out. It returns what
// went wrong for the access log and whether the State may serve again.
func (srv *Server) runPhases(ctx context.Context, q *request, wk *worker, ps *phaseSet) (outcome string, keep bool) {
	q.phases = ps
	steps := []struct {
		name string
		fn   tide.Value
	}{{"rewrite", ps.rewrite}, {"access", ps.access}, {"content", ps.content}}
	for _, step := range steps {
		if step.fn.IsNil() {
			continue
		}
		rs, err := wk.callPhase(ctx, step.name, step.fn)
		if err != nil {
			outcome, keep = srv.failed(q, ctx, err)
			return srv.logPhase(ctx, q, wk, outcome, keep)
		}
		if step.name != "content" {
			if !q.exited && len(rs) > 0 && rs[0].Type() == "number" {
				// returning a status ends the request as ngx.exit does
				if n, ok := rs[0].ToInt(); ok && n >= 200 {
					q.exited, q.exitStatus = true, int(n)
				}
			}
			if q.exited && q.exitStatus == 0 && !q.hdrDone {
				q.exited = false // ngx.exit(ngx.OK): on to the next phase
				continue
			}
		}
		if q.exited || q.eof {
			break
		}
		if step.name == "content" {
			break
		}
	}
	if ps.content.IsNil() && !q.exited && !q.hdrDone {
		q.exited, q.exitStatus = true, http.StatusNotFound
	}
	if err := wk.ngxFinish(ctx, q); err != nil {
		outcome, keep = srv.failed(q, ctx, err)
		return srv.logPhase(ctx, q, wk, outcome, keep)
	}
	if q.writeErr != nil {
		outcome = "client gone"
	}
	return srv.logPhase(ctx, q, wk, outcome, true)
}

// logPhase runs the log handler after the response: its errors are
// logged and change nothing else.
func (srv *Server) logPhase(ctx context.Context, q *request, wk *worker, outcome string, keep bool) (string, bool) {
	ps := q.phases
	if ps == nil || ps.log.IsNil() || !keep {
		return outcome, keep
	}
	q.hdrDone, q.eof = true, true
	if !q.streamed {
		// the response goes out before the log handler runs
		_ = http.NewResponseController(q.w).Flush()
	}
	if _, err := wk.callPhase(ctx, "log", ps.log); err != nil {
		var qe *tide.QuotaError
		if errors.As(err, &qe) {
			keep = false
		}
		var le *tide.Error
		if errors.As(err, &le) {
			srv.log.errors.Error("log phase error", "route", q.route.stats.name, "path", q.r.URL.Path, "error", le.Message, "traceback", trimTraceback(le.Traceback))
		} else {
			srv.log.errors.Error("log phase error", "route", q.route.stats.name, "path", q.r.URL.Path, "error", err.Error())
		}
	}
	return outcome, keep
}

// ngxFinish ends a response made through ngx: the status of ngx.exit
// (an error page for 300 and above when nothing was sent yet), the last
// chunk through the body filter, and the response out.
func (w *worker) ngxFinish(ctx context.Context, q *request) error {
	if q.exited && !q.hdrDone {
		st := q.exitStatus
		if st == -1 { // ngx.ERROR
			st = http.StatusInternalServerError
		}
		switch {
		case st == 444: // nginx closes the connection without a response
			q.closeConn = true
			q.ngxStatus, q.status = st, st
		case st >= 300 && st <= 999:
			q.ngxStatus = st
			q.out = q.out[:0]
			h := q.w.Header()
			h.Set("Content-Type", "text/html")
			if err := w.emit(q, errorPage(st), false); err != nil {
				return err
			}
		case st >= 200:
			q.ngxStatus = st
		}
	}
	if q.closeConn {
		return nil
	}
	if !q.eof {
		if err := w.emit(q, "", true); err != nil {
			return err
		}
		q.eof = true
	}
	if q.streamed {
		return w.flush(q)
	}
	q.send(response{status: q.ngxStatus, body: string(q.out)})
	return nil
}

// errorPage is the body nginx sends for an error status.
func errorPage(status int) string {
	text := strconv.Itoa(status) + " " + http.StatusText(status)
	return "<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text +
		"</h1></center>\r\n<hr><center>tide</center>\r\n</body>\r\n</html>\r\n"
}

// emit passes a chunk of output (ngx.say, ngx.print, the end of the
// response) through the body filter into the response buffer; the
// first output commits the headers through the header filter.
func (w *worker) emit(q *request, chunk string, eof bool) error {
	if !q.hdrDone {
		if err := w.commitHeaders(q); err != nil {
			return err
		}
	}
	if ps := q.phases; ps != nil && !ps.bodyFilter.IsNil() {
		s := w.st
		s.Set(w.argTable, tide.Int(1), tide.String(chunk))
		s.Set(w.argTable, tide.Int(2), tide.Bool(eof))
		if _, err := w.callPhase(w.ctx, "body_filter", ps.bodyFilter); err != nil {
			return err
		}
		v := s.Get(w.argTable, tide.Int(1))
		switch v.Type() {
		case "nil":
			chunk = ""
		case "table":
			b, err := appendOutput(s, nil, v, "ngx.arg", 1, 0)
			if err != nil {
				return err
			}
			chunk = string(b)
		default:
			str, err := s.ToString(v)
			if err != nil {
				return err
			}
			chunk = str
		}
		s.Set(w.argTable, tide.Int(1), luaNil)
		s.Set(w.argTable, tide.Int(2), luaNil)
	}
	q.out = append(q.out, chunk...)
	return nil
}

// commitHeaders fixes the status and headers: the header filter may
// change them one last time.
func (w *worker) commitHeaders(q *request) error {
	q.hdrDone = true
	if q.ngxStatus == 0 {
		q.ngxStatus = http.StatusOK
	}
	if ps := q.phases; ps != nil && !ps.headerFilter.IsNil() {
		q.inHeaderFilter = true
		_, err := w.callPhase(w.ctx, "header_filter", ps.headerFilter)
		q.inHeaderFilter = false
		if err != nil {
			return err
		}
	}
	defaultContentType(q.w.Header(), "text/plain; charset=utf-8")
	return nil
}

// flush sends the status, headers and buffered output to the client.
func (w *worker) flush(q *request) error {
	if !q.hdrDone {
		if err := w.commitHeaders(q); err != nil {
			return err
		}
	}
	if q.writeErr != nil {
		return q.writeErr
	}
	if !q.streamed {
		q.streamed, q.status = true, q.ngxStatus
		q.w.WriteHeader(q.ngxStatus)
	}
	if len(q.out) > 0 {
		n, err := q.w.Write(q.out)
		q.bytes += int64(n)
		q.out = q.out[:0]
		if err != nil {
			q.writeErr = fmt.Errorf("writing the response: %v", err)
			return q.writeErr
		}
	}
	if err := http.NewResponseController(q.w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		q.writeErr = fmt.Errorf("writing the response: %v", err)
		return q.writeErr
	}
	return nil
}
