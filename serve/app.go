package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/tidelua/tide"
)

// app is the loaded application: its compiled files and its routes.
type app struct {
	config *source // the configuration file, or nil
	main   *source // the application file, or nil when the configuration has the handlers
	router *router // set by the first worker
	single bool    // the application is one handler function
}

// worker is one State with the application loaded: its handlers, the
// request it is serving, and its ngx module's per-run state.
type worker struct {
	srv      *Server
	st       *tide.State
	id       int          // ngx.worker.id
	dispatch tide.Value   // the glue's dispatch function
	handlers []tide.Value // plain handlers by route index (nil for phase routes)
	phases   []*phaseSet  // phase handlers by route index (nil for plain routes)
	cur      *request     // the request being served, nil between requests

	ctx      context.Context // the context of the current run
	phase    string          // ngx.get_phase
	ctxTable tide.Value      // ngx.ctx of the current run, made on first use
	argTable tide.Value      // ngx.arg
	exiting  bool            // ngx.exit was called in the current phase handler
	sockMT   tide.Value      // the metatable of ngx.socket.tcp objects
	wake     chan struct{}   // a timer fell due while the worker was busy
	nested   bool            // running timers inside ngx.sleep
	poisoned bool            // a nested timer was stopped by a quota: discard when released
	socks    map[*tcpSock]struct{}

	// guarded by srv.pmu
	idle   bool
	dead   bool
	timers map[*timer]struct{} // armed timers
	due    []*timer            // timers that fell due while the worker was busy
}

// entry runs the application's files in s and returns what they give:
// a handler function or a routes table. With a configuration, its
// fileConfig comes back too.
func (a *app) entry(ctx context.Context, s *tide.State) (tide.Value, *source, *fileConfig, error) {
	var c *fileConfig
	if a.config != nil {
		var err error
		c, err = runConfig(ctx, s, a.config)
		if err != nil {
			return tide.Value{}, nil, nil, err
		}
		switch {
		case !c.Routes.IsNil():
			return c.Routes, a.config, c, nil
		case !c.Handler.IsNil():
			return c.Handler, a.config, c, nil
		}
	}
	if a.main == nil {
		return tide.Value{}, nil, nil, fmt.Errorf("%s: no application: give routes, handler or app", a.config.path)
	}
	v, err := runChunk(ctx, s, a.main)
	return v, a.main, c, err
}

// runChunk runs a compiled file in s and returns its first result.
func runChunk(ctx context.Context, s *tide.State, src *source) (tide.Value, error) {
	fn, err := s.LoadProgram(src.prog)
	if err != nil {
		return tide.Value{}, err
	}
	rs, err := s.Call(ctx, fn)
	if err != nil {
		return tide.Value{}, loadError(src, err)
	}
	if len(rs) == 0 {
		return tide.Value{}, nil
	}
	return rs[0], nil
}

// loadError words an error of running an application file: Lua errors
// carry their position already; quota stops get the file name.
func loadError(src *source, err error) error {
	var le *tide.Error
	if errors.As(err, &le) {
		return le
	}
	var qe *tide.QuotaError
	if errors.As(err, &qe) {
		return fmt.Errorf("%s: loading stopped: %w", src.path, err)
	}
	return err
}

// runConfig runs a configuration file in s and reads its table.
func runConfig(ctx context.Context, s *tide.State, src *source) (*fileConfig, error) {
	v, err := runChunk(ctx, s, src)
	if err != nil {
		return nil, err
	}
	if v.Type() != "table" {
		return nil, src.errorAt(returnPattern, "configuration must return a table, got %s", v.Type())
	}
	var keys map[string]tide.Value
	if err := s.FromValue(v, &keys); err != nil {
		return nil, src.errorAt(returnPattern, "configuration table: keys must be strings")
	}
	for k := range keys {
		if !configFields[k] {
			return nil, src.errorAt(fieldPattern(k), "unknown configuration field '%s'", k)
		}
	}
	c := &fileConfig{}
	if err := s.FromValue(v, c); err != nil {
		return nil, src.errorAt("", "%v", err)
	}
	if lv := keys["limits"]; !lv.IsNil() && lv.Type() != "table" {
		return nil, src.errorAt(fieldPattern("limits"), "limits: table expected, got %s", lv.Type())
	}
	if h := c.Handler; !h.IsNil() && h.Type() != "function" {
		return nil, src.errorAt(fieldPattern("handler"), "handler: function expected, got %s", h.Type())
	}
	if r := c.Routes; !r.IsNil() && r.Type() != "table" {
		return nil, src.errorAt(fieldPattern("routes"), "routes: table expected, got %s", r.Type())
	}
	return c, nil
}

// appPath resolves a configuration's app field against its directory.
func appPath(config *source, c *fileConfig) (string, error) {
	name := "app.lua"
	if c.App != nil {
		s, ok := c.App.(string)
		if !ok {
			return "", config.errorAt(fieldPattern("app"), "app: string expected, got %s", luaType(c.App))
		}
		name = s
	}
	if filepath.IsAbs(name) {
		return name, nil
	}
	return filepath.Join(filepath.Dir(config.path), name), nil
}

// handlerTable reads what the application returned: a function or a
// routes table. It returns the route keys (nil for a single function),
// the handlers by key (functions, or tables of phase handlers) and the
// init and init_worker functions a routes table may hold.
func handlerTable(s *tide.State, src *source, v tide.Value) ([]string, map[string]tide.Value, []tide.Value, error) {
	switch v.Type() {
	case "function":
		return nil, map[string]tide.Value{"": v}, make([]tide.Value, 2), nil
	case "table":
	default:
		return nil, nil, nil, src.errorAt(returnPattern, "the application must return a handler function or a table of routes, got %s", v.Type())
	}
	var m map[string]tide.Value
	if err := s.FromValue(v, &m); err != nil {
		return nil, nil, nil, src.errorAt(returnPattern, "routes table: keys must be strings like \"GET /path\"")
	}
	inits := make([]tide.Value, 2) // init, init_worker
	for i, name := range []string{"init", "init_worker"} {
		if f, ok := m[name]; ok {
			if f.Type() != "function" {
				return nil, nil, nil, src.errorAt(fieldPattern(name), "%s: function expected, got %s", name, f.Type())
			}
			inits[i] = f
			delete(m, name)
		}
	}
	if len(m) == 0 {
		return nil, nil, nil, src.errorAt(returnPattern, "the routes table is empty")
	}
	keys := make([]string, 0, len(m))
	for k, h := range m {
		switch h.Type() {
		case "function":
		case "table":
			if _, err := readPhases(s, k, h); err != nil {
				return nil, nil, nil, src.errorAt(`\[\s*["']`+regexp.QuoteMeta(k)+`["']\s*\]`, "%v", err)
			}
		default:
			return nil, nil, nil, src.errorAt(`\[\s*["']`+regexp.QuoteMeta(k)+`["']\s*\]`, "route %q: function or table of phase handlers expected, got %s", k, h.Type())
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, m, inits, nil
}

// newWorker loads the application into a new State as worker id: the
// ngx module, the application, its init functions, the request glue.
// The first worker builds the router; later ones must give the same
// routes.
func (srv *Server) newWorker(s *tide.State, id int) (_ *worker, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), srv.opts.Limits.Time)
	defer cancel()
	w := &worker{srv: srv, st: s, id: id, ctx: ctx, phase: "init", wake: make(chan struct{}, 1)}
	srv.pmu.Lock()
	srv.live[w] = struct{}{}
	srv.pmu.Unlock()
	defer func() {
		w.ctx, w.phase = nil, ""
		if err != nil {
			srv.pmu.Lock()
			w.dead = true
			w.dropTimers()
			delete(srv.live, w)
			srv.pmu.Unlock()
		}
	}()
	if err := w.openNgx(ctx); err != nil {
		return nil, err
	}
	if err := w.openTide(ctx); err != nil { // tide.metrics, http, codec, log (lib_*.go)
		return nil, err
	}
	v, src, c, err := srv.app.entry(ctx, s)
	if err != nil {
		return nil, err
	}
	keys, m, inits, err := handlerTable(s, src, v)
	if err != nil {
		return nil, err
	}
	// init then init_worker: the configuration's, then the routes
	// table's (both run here, once per State: see doc.go)
	var cfgInits [2]tide.Value
	if c != nil {
		cfgInits = [2]tide.Value{c.Init, c.InitWorker}
	}
	for i, name := range []string{"init", "init_worker"} {
		w.phase = name
		for _, f := range []tide.Value{cfgInits[i], inits[i]} {
			if f.IsNil() {
				continue
			}
			if _, err := s.Call(ctx, f); err != nil {
				return nil, loadError(src, err)
			}
		}
	}
	w.phase = "init_worker"
	srv.routerOnce.Lock()
	if srv.app.router == nil {
		rt, err := newRouter(keys, srv.metrics)
		if err != nil {
			srv.routerOnce.Unlock()
			return nil, src.errorAt(returnPattern, "%v", err)
		}
		srv.app.router, srv.app.single = rt, keys == nil
	}
	srv.routerOnce.Unlock()
	w.handlers = make([]tide.Value, len(srv.app.router.routes))
	w.phases = make([]*phaseSet, len(srv.app.router.routes))
	for i, r := range srv.app.router.routes {
		h, ok := m[r.key]
		if !ok {
			return nil, fmt.Errorf("%s: the routes differ from one State to the next (%q missing)", src.path, r.key)
		}
		if h.Type() == "table" {
			if w.phases[i], err = readPhases(s, r.key, h); err != nil {
				return nil, src.errorAt("", "%v", err)
			}
		} else {
			w.handlers[i] = h
		}
	}
	if len(m) != len(w.handlers) {
		return nil, fmt.Errorf("%s: the routes differ from one State to the next", src.path)
	}
	glue, err := s.Load([]byte(glueSource), "=serve")
	if err != nil {
		return nil, err
	}
	host, err := s.ToValue(w.hostFunctions())
	if err != nil {
		return nil, err
	}
	rs, err := s.Call(ctx, glue, host)
	if err != nil {
		return nil, fmt.Errorf("setting up the request API: %w", err)
	}
	w.dispatch = rs[0]
	srv.metrics.statesCreated.Add(1)
	return w, nil
}
