package serve

import (
	"io"
	"net/http"
)

// Admin endpoint paths.
const (
	pathHealthz = "/healthz"
	pathReadyz  = "/readyz"
	pathMetrics = "/metrics"
)

// isAdminPath reports whether path is an admin endpoint.
func isAdminPath(path string) bool {
	return path == pathHealthz || path == pathReadyz || path == pathMetrics
}

// AdminHandler returns the handler of the admin endpoints (/healthz,
// /readyz, /metrics); other paths get 404.
func (srv *Server) AdminHandler() http.Handler {
	return http.HandlerFunc(srv.serveAdmin)
}

func (srv *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case pathHealthz:
		h.Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	case pathReadyz:
		h.Set("Content-Type", "text/plain; charset=utf-8")
		switch {
		case srv.draining.Load():
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "draining\n")
		case !srv.ready.Load():
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "not ready\n")
		default:
			io.WriteString(w, "ready\n")
		}
	case pathMetrics:
		h.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		srv.metrics.write(w)
	default:
		http.NotFound(w, r)
	}
}
