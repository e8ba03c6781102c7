package serve

import (
	"context"
	"errors"
	"time"

	"github.com/tidelua/tide"
)

// Timers: ngx.timer.at and ngx.timer.every. A timer runs in the State
// that made it (its function belongs to that State), when the State is
// free: the request or timer using it finishes first. It never runs
// inside a request: ngx.timer.at returns at once. Each run has the
// per-request time limit and instruction budget. At shutdown, once the
// requests have drained, the pending timers run one last time with
// premature = true, as OpenResty's do when a worker exits. The timers
// of a State discarded after a quota stop are dropped (logged).

// maxPendingTimers bounds each State's pending timers, as OpenResty's
// lua_max_pending_timers does by default.
const maxPendingTimers = 1024

// timer is a pending ngx.timer.
type timer struct {
	w     *worker
	fn    tide.Value
	args  []tide.Value
	every time.Duration // 0 for ngx.timer.at
	t     *time.Timer
}

// ngxTimer are the functions of ngx.timer.
func (w *worker) ngxTimer() map[string]tide.Function {
	return map[string]tide.Function{
		"at":    func(s *tide.State, a []tide.Value) ([]tide.Value, error) { return w.luaTimer(s, a, "at") },
		"every": func(s *tide.State, a []tide.Value) ([]tide.Value, error) { return w.luaTimer(s, a, "every") },
		"running_count": func(*tide.State, []tide.Value) ([]tide.Value, error) {
			return ret(tide.Int(w.srv.timersRunning.Load()))
		},
		"pending_count": func(*tide.State, []tide.Value) ([]tide.Value, error) {
			w.srv.pmu.Lock()
			n := len(w.timers) + len(w.due)
			w.srv.pmu.Unlock()
			return ret(tide.Int(int64(n)))
		},
	}
}

// luaTimer is ngx.timer.at(delay, fn, ...) and ngx.timer.every(delay,
// fn, ...): 1, or nil and an error.
func (w *worker) luaTimer(s *tide.State, args []tide.Value, fname string) ([]tide.Value, error) {
	delay, err := argNumber(args, 1, fname)
	if err != nil {
		return nil, err
	}
	if delay < 0 || fname == "every" && delay <= 0 {
		return nil, argError(1, fname, "bad delay")
	}
	fn := arg(args, 2)
	if fn.Type() != "function" {
		return nil, argError(2, fname, "function expected, got "+typeName(args, 2))
	}
	srv := w.srv
	d := time.Duration(delay * float64(time.Second))
	tm := &timer{w: w, fn: fn}
	if len(args) > 2 {
		tm.args = append([]tide.Value(nil), args[2:]...)
	}
	if fname == "every" {
		tm.every = d
	}
	srv.pmu.Lock()
	defer srv.pmu.Unlock()
	if srv.stopping || srv.closed {
		return retErr("process exiting")
	}
	if len(w.timers)+len(w.due) >= maxPendingTimers {
		return retErr("too many pending timers")
	}
	w.schedule(tm, d)
	return ret(tide.Int(1))
}

// schedule arms a timer; srv.pmu is held.
func (w *worker) schedule(tm *timer, d time.Duration) {
	if w.timers == nil {
		w.timers = map[*timer]struct{}{}
	}
	w.timers[tm] = struct{}{}
	tm.t = time.AfterFunc(d, func() { w.srv.timerFired(tm) })
}

// dropTimers stops a worker's timers; srv.pmu is held. It returns how
// many there were.
func (w *worker) dropTimers() int {
	n := len(w.timers) + len(w.due)
	for tm := range w.timers {
		tm.t.Stop()
	}
	w.timers, w.due = nil, nil
	return n
}

// timerFired runs a timer that fell due, in its worker: at once when
// the worker is idle, else when it is released.
func (srv *Server) timerFired(tm *timer) {
	select {
	case srv.sem <- struct{}{}:
	case <-srv.stopCh:
		return // the shutdown runs it, prematurely
	}
	w := tm.w
	srv.pmu.Lock()
	if _, ok := w.timers[tm]; !ok || w.dead {
		srv.pmu.Unlock()
		<-srv.sem
		return
	}
	delete(w.timers, tm)
	if !srv.takeIdle(w) {
		w.due = append(w.due, tm)
		srv.pmu.Unlock()
		<-srv.sem
		select {
		case w.wake <- struct{}{}: // a sleeping run takes it
		default:
		}
		return
	}
	srv.pmu.Unlock()
	keep := srv.runTimers(w, []*timer{tm}, false)
	srv.release(w, keep)
}

// runTimers runs timers in their worker, which the caller holds. It
// reports whether the worker may serve again.
func (srv *Server) runTimers(w *worker, due []*timer, premature bool) bool {
	for _, tm := range due {
		if !srv.runTimer(w, tm, premature) {
			return false
		}
		if tm.every > 0 && !premature {
			srv.pmu.Lock()
			if !srv.stopping && !srv.closed && !w.dead {
				w.schedule(tm, tm.every)
			}
			srv.pmu.Unlock()
		}
	}
	return true
}

// runDueNested runs, inside a sleeping ngx.sleep, the worker's timers
// that fell due, saving and restoring the state of the sleeping run.
func (w *worker) runDueNested() {
	srv := w.srv
	srv.pmu.Lock()
	due := w.due
	w.due = nil
	stopping := srv.stopping
	srv.pmu.Unlock()
	if len(due) == 0 {
		return
	}
	if stopping {
		srv.pmu.Lock()
		w.due = append(due, w.due...)
		srv.pmu.Unlock()
		return
	}
	cur, ctx, phase, ctxTable, exiting, socks := w.cur, w.ctx, w.phase, w.ctxTable, w.exiting, w.socks
	w.socks = nil
	w.nested = true
	if !srv.runTimers(w, due, false) {
		w.poisoned = true // a quota stopped the timer: discard the State after this run
	}
	w.nested = false
	w.cur, w.ctx, w.phase, w.ctxTable, w.exiting, w.socks = cur, ctx, phase, ctxTable, exiting, socks
}

// runTimer runs one timer's function with premature and its arguments;
// errors are logged. It reports whether the worker may serve again.
func (srv *Server) runTimer(w *worker, tm *timer, premature bool) bool {
	srv.timersRunning.Add(1)
	defer srv.timersRunning.Add(-1)
	ctx, cancel := context.WithTimeout(srv.timerCtx, srv.opts.Limits.Time)
	defer cancel()
	if !w.nested {
		w.st.SetInstructionLimit(srv.opts.Limits.Instructions)
	}
	w.cur, w.ctx, w.phase, w.ctxTable = nil, ctx, "timer", tide.Value{}
	args := append([]tide.Value{tide.Bool(premature)}, tm.args...)
	_, err := w.st.Call(ctx, tm.fn, args...)
	exited := w.exiting
	w.closeSockets()
	w.ctx, w.phase, w.ctxTable, w.exiting = nil, "", tide.Value{}, false
	if err == nil {
		return true
	}
	var qe *tide.QuotaError
	if errors.As(err, &qe) || ctx.Err() != nil {
		srv.log.errors.Warn("timer stopped by a quota", "error", err.Error())
		return false
	}
	if exited {
		return true
	}
	var le *tide.Error
	if errors.As(err, &le) {
		srv.log.errors.Error("timer error", "error", le.Message, "traceback", trimTraceback(le.Traceback))
		return true
	}
	srv.log.errors.Error("timer error", "error", err.Error())
	return false
}

// stopTimers runs every pending timer once with premature = true, after
// the requests drained; running timers finish first (within ctx).
func (srv *Server) stopTimers(ctx context.Context) {
	srv.pmu.Lock()
	if srv.stopping {
		srv.pmu.Unlock()
		return
	}
	srv.stopping = true
	close(srv.stopCh)
	type pending struct {
		w      *worker
		timers []*timer
	}
	var all []pending
	for w := range srv.live {
		var ts []*timer
		for tm := range w.timers {
			if tm.t.Stop() {
				ts = append(ts, tm)
			}
		}
		ts = append(ts, w.due...)
		w.timers, w.due = nil, nil
		if len(ts) > 0 {
			all = append(all, pending{w, ts})
		}
	}
	srv.pmu.Unlock()
	if len(all) == 0 {
		return
	}
	// every slot: nothing else runs
	held := 0
	defer func() {
		for range held {
			<-srv.sem
		}
	}()
	for range cap(srv.sem) {
		select {
		case srv.sem <- struct{}{}:
			held++
		case <-ctx.Done():
			srv.log.errors.Warn("timers still running at shutdown: premature runs skipped")
			return
		}
	}
	for _, p := range all {
		if !p.w.dead {
			srv.runTimers(p.w, p.timers, true)
		}
	}
}
