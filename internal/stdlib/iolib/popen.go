package iolib

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// pipeProc is the command behind a stream opened by io.popen.
type pipeProc struct {
	cmd      *exec.Cmd
	captures []capture
}

// capture is a child's output stream headed for a writer that is not an
// OS file (a host's buffer, the CLI's buffered stdout). Letting os/exec
// copy into such a writer from its own goroutine would race with the Lua
// code writing to it, so the child's output is collected here and handed
// over on the State's goroutine when the stream is flushed or closed.
type capture struct {
	buf *syncBuffer
	to  io.Writer
}

// syncBuffer is a buffer written by os/exec's copying goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// drainTo moves what the buffer holds into w.
func (b *syncBuffer) drainTo(w io.Writer) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.b.Len() > 0 {
		w.Write(b.b.Bytes())
		b.b.Reset()
	}
}

// childOutput returns what the child's output stream should be to reach
// w: w itself when it is an OS file, else a capture.
func (p *pipeProc) childOutput(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok {
		return f
	}
	b := &syncBuffer{}
	p.captures = append(p.captures, capture{buf: b, to: w})
	return b
}

// childInput returns the child's standard input: the State's when it is
// an OS file; else nothing (/dev/null), since a copying goroutine would
// consume input meant for Lua and keep the command from being waited for.
func childInput(r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		return f
	}
	return nil
}

// drain hands the captured output over to its writers.
func (p *pipeProc) drain() {
	for _, c := range p.captures {
		c.buf.drainTo(c.to)
	}
}

// popenWaitDelay bounds how long closing a pipe waits for the command's
// captured output streams to reach end of file once it has exited (a
// background process it started may keep them open).
const popenWaitDelay = 2 * time.Second

// startPipe runs prog with /bin/sh -c, as popen does, and returns the
// stream reading its output (mode "r") or writing its input ("w").
func startPipe(prog, mode, dir string, stdin io.Reader, stdout, stderr io.Writer) (*stream, error) {
	cmd := exec.Command("/bin/sh", "-c", prog)
	cmd.Args[0] = "sh" // as popen runs it: messages read "sh: 1: ..."
	cmd.Dir = dir
	cmd.WaitDelay = popenWaitDelay
	p := &pipeProc{cmd: cmd}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	s := &stream{kind: kindPipe, pipe: p}
	var child *os.File
	if mode == "r" {
		cmd.Stdin = childInput(stdin)
		cmd.Stdout = pw
		s.osf, s.canRead, child = pr, true, pw
	} else {
		cmd.Stdin = pr
		cmd.Stdout = p.childOutput(stdout)
		s.osf, s.canWrite, child = pw, true, pr
	}
	cmd.Stderr = p.childOutput(stderr)
	if err := cmd.Start(); err != nil {
		pr.Close()
		pw.Close()
		return nil, err
	}
	child.Close()
	return s, nil
}

// closePipe closes the stream and waits for the command, as pclose does.
// It returns how the command ended ("exit" or "signal") and the exit
// status or signal number.
func (s *stream) closePipe() (string, int, error) {
	if s.w != nil {
		s.w.Flush() // pclose reports the command's status, not this
	}
	s.osf.Close()
	p := s.pipe
	werr := p.cmd.Wait()
	p.drain()
	s.release()
	ps := p.cmd.ProcessState
	if ps == nil {
		return "", 0, werr
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return "signal", int(ws.Signal()), nil
	}
	return "exit", ps.ExitCode(), nil
}
