package vm

import "strconv"

// ExitError is raised by os.exit: it asks the host to end the program
// with status Code. Like *QuotaError it is not a Lua error: pcall and
// xpcall cannot catch it, coroutine.resume and coroutine.wrap pass it on
// to their caller, and Thread.Call returns it unchanged, so it reaches the
// host (the CLI turns it into the process's exit status).
//
// Close reports os.exit's second argument. When it is false the reference
// ends the process at once: pending to-be-closed variables and finalizers
// do not run, and the vm skips the __close handlers of the frames it
// unwinds. When it is true the reference closes the state first
// (lua_close): the vm runs the pending __close handlers of the thread it
// unwinds as it goes, and the host should then close the State, which runs
// the finalizers.
type ExitError struct {
	Code  int
	Close bool
}

// Error returns "exit status N".
func (e *ExitError) Error() string { return "exit status " + strconv.Itoa(e.Code) }

// HostStop is an error a Go function returns to end the running call the
// way a quota stop does: pcall and xpcall cannot catch it, coroutine.resume
// passes it on, and Thread.Call returns it unchanged. Err is the host's
// own error (a server's "the handler called ngx.exit").
type HostStop struct{ Err error }

func (e *HostStop) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *HostStop) Unwrap() error { return e.Err }

// uncatchable returns r as an error when it is one of the errors that
// protected calls do not catch (*QuotaError, *ExitError, *HostStop), and
// nil for anything else.
func uncatchable(r any) error {
	switch e := r.(type) {
	case *QuotaError:
		return e
	case *ExitError:
		return e
	case *HostStop:
		return e
	}
	return nil
}

// skipsClose reports whether unwinding because of err must leave the
// pending to-be-closed variables alone: os.exit without close ends the
// program without running them, as the reference's exit() does.
func skipsClose(err error) bool {
	e, ok := err.(*ExitError)
	return ok && !e.Close
}

// unwindSafe is unwindTo for the recovery paths, which run in deferred
// functions: a __close handler run while unwinding may itself raise an
// uncatchable error (os.exit inside __close, the quota running out). That
// error replaces err, as it would end the reference's process at that
// point, and the remaining variables are unwound for it. unwindSafe
// returns the error the unwinding ended with.
func (l *Thread) unwindSafe(ci, level int, err error) error {
	for {
		next := l.unwindOnce(ci, level, err)
		if next == nil {
			return err
		}
		err = next
	}
}

// unwindOnce runs unwindTo and returns the uncatchable error that stopped
// it, or nil when it completed.
func (l *Thread) unwindOnce(ci, level int, err error) (stopped error) {
	defer func() {
		if r := recover(); r != nil {
			if stopped = uncatchable(r); stopped == nil {
				panic(r)
			}
		}
	}()
	l.unwindTo(ci, level, err)
	return nil
}
