package serve

import (
	"errors"
	"slices"

	"github.com/tidelua/tide"
)

// The worker pool. Every Lua run (a request, a timer) holds a slot of
// srv.sem, one per State, and a worker. Requests take any idle worker;
// a timer must run in the worker whose State made it, so a timer that
// falls due while its worker is busy waits in the worker's due list and
// runs when the worker is released, before it goes back to the idle
// list. srv.pmu guards the idle list, the workers' timers and due lists.

// errClosed is returned by getWorker once the server is closed.
var errClosed = errors.New("server closed")

// newState makes a State with the application loaded, as worker id.
func (srv *Server) newState(id int) (*worker, error) {
	st := tide.NewState(srv.stateOpts)
	w, err := srv.newWorker(st, id)
	if err != nil {
		st.Close()
		return nil, err
	}
	return w, nil
}

// getWorker returns an idle worker, or a new one; the caller holds a
// slot of srv.sem.
func (srv *Server) getWorker() (*worker, error) {
	srv.pmu.Lock()
	if srv.closed {
		srv.pmu.Unlock()
		return nil, errClosed
	}
	if n := len(srv.idle); n > 0 {
		w := srv.idle[n-1]
		srv.idle = srv.idle[:n-1]
		w.idle = false
		srv.pmu.Unlock()
		return w, nil
	}
	id := srv.freeID()
	srv.pmu.Unlock()
	w, err := srv.newState(id)
	if err != nil {
		srv.pmu.Lock()
		srv.ids[id] = false
		srv.pmu.Unlock()
		return nil, err
	}
	return w, nil
}

// freeID returns the lowest worker id not in use (ngx.worker.id);
// srv.pmu is held.
func (srv *Server) freeID() int {
	for i, used := range srv.ids {
		if !used {
			srv.ids[i] = true
			return i
		}
	}
	srv.ids = append(srv.ids, true)
	return len(srv.ids) - 1
}

// release gives back a worker and its srv.sem slot. A worker that may
// not serve again (keep false) is closed with its timers. Timers that
// fell due while the worker was busy run first, in a goroutine of their
// own that keeps the slot.
func (srv *Server) release(w *worker, keep bool) {
	srv.pmu.Lock()
	if !keep || w.dead || w.poisoned {
		dropped := w.dropTimers()
		w.dead = true
		srv.ids[w.id] = false
		delete(srv.live, w)
		srv.pmu.Unlock()
		if dropped > 0 {
			srv.log.errors.Warn("timers dropped with their State", "count", dropped)
		}
		w.st.Close()
		srv.metrics.statesDropped.Add(1)
		<-srv.sem
		return
	}
	if len(w.due) > 0 && !srv.stopping {
		due := w.due
		w.due = nil
		srv.pmu.Unlock()
		go func() {
			keep := srv.runTimers(w, due, false)
			srv.release(w, keep)
		}()
		return
	}
	if srv.closed {
		w.dead = true
		delete(srv.live, w)
		srv.pmu.Unlock()
		w.st.Close()
		<-srv.sem
		return
	}
	w.idle = true
	srv.idle = append(srv.idle, w)
	srv.pmu.Unlock()
	<-srv.sem
}

// takeIdle removes w from the idle list if it is there; srv.pmu is
// held.
func (srv *Server) takeIdle(w *worker) bool {
	if !w.idle {
		return false
	}
	i := slices.Index(srv.idle, w)
	if i < 0 {
		return false
	}
	srv.idle = slices.Delete(srv.idle, i, i+1)
	w.idle = false
	return true
}

// closeWorkers closes the idle workers; workers in use are closed when
// released.
func (srv *Server) closeWorkers() {
	srv.pmu.Lock()
	srv.closed = true
	idle := srv.idle
	srv.idle = nil
	for _, w := range idle {
		w.dead = true
		delete(srv.live, w)
		w.dropTimers()
	}
	srv.pmu.Unlock()
	for _, w := range idle {
		w.st.Close()
	}
}
