package oslib

import (
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// osRemove is os.remove: C's remove(), which unlinks a file or removes an
// empty directory. Failure gives nil, "name: reason", errno.
func osRemove(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	if err := os.Remove(l.State().Path(name)); err != nil {
		return FileResult(l, err, name), nil
	}
	return l.Ret1(value.True), nil
}

// osRename is os.rename: C's rename(). Unlike Go's os.Rename it replaces
// an empty directory. A failure message has no file name, as in loslib.c.
func osRename(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	from, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	to, err := check.String(args, 2)
	if err != nil {
		return nil, err
	}
	st := l.State()
	if err := syscall.Rename(st.Path(from), st.Path(to)); err != nil {
		return FileResult(l, err, ""), nil
	}
	return l.Ret1(value.True), nil
}

// tmpChars are the characters mkstemp puts in place of "XXXXXX".
const tmpChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// osTmpname is os.tmpname: like loslib.c with mkstemp, it creates an empty
// file named /tmp/lua_XXXXXX (mode 0600) and returns its name.
func osTmpname(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	dir := "/tmp"
	if runtime.GOOS == "windows" {
		dir = os.TempDir()
	}
	var buf [len("lua_XXXXXX")]byte
	copy(buf[:], "lua_")
	for try := 0; try < 100; try++ {
		for i := 4; i < len(buf); i++ {
			buf[i] = tmpChars[rand.IntN(len(tmpChars))]
		}
		name := dir + string(os.PathSeparator) + string(buf[:])
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			f.Close()
			return l.Ret1(value.String(name)), nil
		}
		if !errors.Is(err, os.ErrExist) {
			break
		}
	}
	return nil, errors.New("unable to generate a unique filename")
}

// shell is the command interpreter C's system() runs.
const shell = "/bin/sh"

// childOutputDelay bounds how long os.execute waits, after the shell has
// exited, for background processes that still hold its output open.
const childOutputDelay = 200 * time.Millisecond

// osExecute is os.execute: C's system(). With no command it reports
// whether a shell is available. With one it runs "/bin/sh -c command" in
// Options.Dir, with the State's output writers as the child's standard
// output and error (so its output is ordered with print's) and the
// process's standard input only when the State reads it directly; it
// returns true or nil, then "exit" and the exit status or "signal" and
// the signal number (luaL_execresult).
func osExecute(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if check.IsNoneOrNil(args, 1) {
		_, err := os.Stat(shell)
		return l.Ret1(value.Bool(err == nil)), nil
	}
	cmdline, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	st := l.State()
	opts := st.Options()
	cmd := exec.Command(shell, "-c", cmdline)
	cmd.Args[0] = "sh" // as system() names it
	cmd.Dir = opts.Dir
	cmd.Stdout = childWriter(st.Stdout())
	cmd.Stderr = childWriter(st.Stderr())
	if f, ok := opts.Stdin.(*os.File); ok {
		cmd.Stdin = f
	}
	cmd.WaitDelay = childOutputDelay
	err = cmd.Run()
	what, code := "exit", 0
	if err != nil {
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			what, code = exitStatus(ee.ProcessState)
		case errors.Is(err, exec.ErrWaitDelay):
			what, code = exitStatus(cmd.ProcessState)
		case cmd.ProcessState == nil:
			// the shell could not be started: system() reports what the
			// child that failed to exec the shell returns
			code = 127
		default:
			return FileResult(l, err, ""), nil
		}
	}
	ok := value.Nil
	if what == "exit" && code == 0 {
		ok = value.True
	}
	return l.Ret(ok, value.String(what), value.Int(int64(code))), nil
}

// exitStatus interprets a finished process's status like l_inspectstat.
func exitStatus(ps *os.ProcessState) (string, int) {
	if ps == nil {
		return "exit", 0
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return "signal", int(ws.Signal())
	}
	return "exit", ps.ExitCode()
}

// childWriter returns w as the output of a child process: a file as it
// is (the child writes to it directly), any other writer behind a value
// that only has Write. exec copies the child's output into it with
// io.Copy, and a bufio.Writer's ReadFrom would keep the pipe's closing
// error as its own sticky error, breaking every later print.
func childWriter(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok {
		return f
	}
	return writeOnly{w}
}

// writeOnly hides every method of a writer but Write.
type writeOnly struct{ w io.Writer }

func (o writeOnly) Write(p []byte) (int, error) { return o.w.Write(p) }
