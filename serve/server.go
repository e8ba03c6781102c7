package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/shdict"
)

// Server runs a Lua application over HTTP. Make one with [New], run it
// with [Server.Serve] or [Server.ListenAndServe]; it is safe for
// concurrent use. A Server serves once: after Serve returns, its States
// are closed.
type Server struct {
	opts       Options
	app        *app
	dir        string       // the application's directory
	stateOpts  tide.Options // of every State
	dicts      map[string]*shdict.Dict
	regexes    reCache       // ngx.re's compiled regexes
	sem        chan struct{} // one slot per State that may run
	routerOnce sync.Mutex    // guards app.router while the first States load
	metrics    *metrics
	log        logs

	ready    atomic.Bool // the application is loaded
	draining atomic.Bool // shutdown has begun

	// the worker pool and timers (workers.go, timers.go)
	pmu           sync.Mutex
	idle          []*worker
	ids           []bool               // worker ids in use
	live          map[*worker]struct{} // workers not closed
	closed        bool
	stopping      bool          // timers are stopped
	stopCh        chan struct{} // closed when timers stop
	timerCtx      context.Context
	timerCancel   context.CancelFunc
	timersRunning atomic.Int64
}

// New loads the configuration and the application and prepares its
// States (Options.States of them, each running the application once).
// It returns an error naming the file and line of an invalid
// configuration or application; nothing listens yet.
func New(opts Options) (*Server, error) {
	if opts.AccessLog == nil || opts.ErrorLog == nil {
		d := opts
		setDefaults(&d)
		opts.AccessLog, opts.ErrorLog = d.AccessLog, d.ErrorLog
	}
	srv := &Server{metrics: newMetrics(), log: newLogs(opts.AccessLog, opts.ErrorLog),
		live: map[*worker]struct{}{}, stopCh: make(chan struct{})}
	srv.timerCtx, srv.timerCancel = context.WithCancel(context.Background())
	configPath, appFile, err := locate(&opts)
	if err != nil {
		return nil, err
	}
	a := &app{}
	dir := ""
	if configPath != "" {
		if a.config, err = loadSource(configPath); err != nil {
			return nil, err
		}
		dir = filepath.Dir(configPath)
		probe := tide.NewState(srv.stateOptions(dir, 0))
		ctx, cancel := context.WithTimeout(context.Background(), defaultTime)
		c, err := runConfig(ctx, probe, a.config)
		cancel()
		probe.Close()
		if err != nil {
			return nil, err
		}
		if err := applyConfig(&opts, a.config, c); err != nil {
			return nil, err
		}
		if c.Routes.IsNil() && c.Handler.IsNil() && appFile == "" {
			if appFile, err = appPath(a.config, c); err != nil {
				return nil, err
			}
		}
	}
	if appFile != "" {
		if a.main, err = loadSource(appFile); err != nil {
			return nil, err
		}
		if dir == "" {
			dir = filepath.Dir(appFile)
		}
	}
	setDefaults(&opts)
	srv.opts, srv.app, srv.dir = opts, a, dir
	if abs, err := filepath.Abs(dir); err == nil {
		srv.dir = abs
	}
	srv.dicts = map[string]*shdict.Dict{}
	for name, size := range opts.SharedDicts {
		srv.dicts[name] = shdict.New(name, size)
	}
	srv.metrics.statesMax = opts.States
	srv.sem = make(chan struct{}, opts.States)
	srv.stateOpts = srv.stateOptions(dir, opts.Limits.Memory)
	srv.stateOpts.Compat = opts.Compat
	// the first State validates the application and builds the router;
	// the others load in parallel
	srv.ids = make([]bool, opts.States)
	for i := range srv.ids {
		srv.ids[i] = true
	}
	ws := make([]*worker, opts.States)
	errs := make([]error, opts.States)
	ws[0], errs[0] = srv.newState(0)
	if errs[0] == nil {
		var wg sync.WaitGroup
		for i := 1; i < opts.States; i++ {
			wg.Go(func() { ws[i], errs[i] = srv.newState(i) })
		}
		wg.Wait()
	}
	if err := errors.Join(errs...); err != nil {
		for _, w := range ws {
			if w != nil {
				srv.pmu.Lock()
				w.dead = true
				w.dropTimers()
				srv.pmu.Unlock()
				w.st.Close()
			}
		}
		srv.timerCancel()
		return nil, errs[slices.IndexFunc(errs, func(e error) bool { return e != nil })]
	}
	for _, w := range ws {
		srv.sem <- struct{}{}
		srv.release(w, true)
	}
	srv.ready.Store(true)
	return srv, nil
}

// stateOptions are the options of the application's States: files and
// modules resolve against the application's directory, output goes to
// the error log.
func (srv *Server) stateOptions(dir string, memory int64) tide.Options {
	out := &logWriter{log: srv.log.errors}
	return tide.Options{Dir: dir, MemoryLimit: memory, Stdout: out, Stderr: out}
}

// logWriter turns what Lua code writes to standard output or error
// (io.write, warn) into error log lines.
type logWriter struct{ log *slog.Logger }

func (w *logWriter) Write(p []byte) (int, error) {
	w.log.Info("output", "text", string(p))
	return len(p), nil
}

// Options returns the Server's effective options: the command line's,
// the configuration file's and the defaults.
func (srv *Server) Options() Options { return srv.opts }

// Handler returns the Server's HTTP handler (the application, and the
// admin endpoints when Options.Admin is empty), for embedding it in
// another server. Serve uses it.
func (srv *Server) Handler() http.Handler { return srv }

// ListenAndServe listens on Options.Listen (and Options.Admin) and
// serves until ctx is done, then drains (see [Server.Serve]).
func (srv *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", srv.opts.Listen)
	if err != nil {
		srv.Close()
		return err
	}
	var admin net.Listener
	if srv.opts.Admin != "" {
		if admin, err = net.Listen("tcp", srv.opts.Admin); err != nil {
			ln.Close()
			srv.Close()
			return err
		}
	}
	return srv.Serve(ctx, ln, admin)
}

// Serve serves the application on ln, and the admin endpoints on admin
// (nil: on ln, which then needs Options.Admin empty), until ctx is done.
// Then it drains: /readyz answers 503, after Options.DrainDelay ln
// closes, and Serve returns once the requests in flight finished, or
// after Options.Drain, when it stops them. It closes the listeners and
// the Server's States. The error is nil after a drain, or what made
// serving fail.
func (srv *Server) Serve(ctx context.Context, ln, admin net.Listener) error {
	if admin == nil && srv.opts.Admin != "" {
		srv.opts.Admin = ""
	}
	if admin != nil && srv.opts.Admin == "" {
		srv.opts.Admin = admin.Addr().String()
	}
	defer srv.Close()
	base, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	errLog := slog.NewLogLogger(srv.log.errors.Handler(), slog.LevelWarn)
	hs := &http.Server{
		Handler:           srv,
		MaxHeaderBytes:    int(srv.opts.Limits.Header),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          errLog,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	errc := make(chan error, 2)
	go func() { errc <- hs.Serve(ln) }()
	var as *http.Server
	attrs := []any{"addr", ln.Addr().String(), "states", srv.opts.States}
	if admin != nil {
		as = &http.Server{
			Handler:           srv.AdminHandler(),
			ReadHeaderTimeout: 10 * time.Second,
			ErrorLog:          errLog,
		}
		go func() { errc <- as.Serve(admin) }()
		attrs = append(attrs, "admin", admin.Addr().String())
	}
	srv.log.errors.Info("listening", attrs...)

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	srv.draining.Store(true)
	srv.log.errors.Info("draining", "delay", srv.opts.DrainDelay.String(), "timeout", srv.opts.Drain.String())
	if serveErr == nil && srv.opts.DrainDelay > 0 {
		t := time.NewTimer(srv.opts.DrainDelay)
		select {
		case <-t.C:
		case serveErr = <-errc:
			t.Stop()
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), srv.opts.Drain)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		srv.log.errors.Warn("drain timeout: stopping the requests still running", "in_flight", srv.metrics.inFlight.Load())
		stop()
		hs.Close()
	}
	srv.stopTimers(sctx)
	if as != nil {
		as.Close()
	}
	srv.log.errors.Info("stopped")
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", serveErr)
	}
	return nil
}

// Close closes the Server's idle States; it is for a Server that will
// not serve (Serve closes them itself). Close may be called more than
// once.
func (srv *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), srv.opts.Limits.Time)
	srv.stopTimers(ctx)
	cancel()
	srv.timerCancel()
	srv.ready.Store(false)
	srv.closeWorkers()
	srv.metrics.lib.http.closeIdle() // tide.http's pooled connections
}

// WriteMetrics writes the Server's metrics in the Prometheus text format,
// as /metrics serves them.
func (srv *Server) WriteMetrics(w io.Writer) error { return srv.metrics.write(w) }

// openDicts makes ngx.shared in a State.
func (srv *Server) openDicts(s *tide.State) (tide.Value, error) {
	return shdict.Open(s, srv.dicts)
}
