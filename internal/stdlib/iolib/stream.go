package iolib

import (
	"bufio"
	"io"
	"os"
	"syscall"
)

// kind tells how a stream was opened, which decides how it closes.
type kind uint8

const (
	kindFile kind = iota // io.open, io.tmpfile: closing closes the OS file
	kindPipe             // io.popen: closing waits for the command
	kindStd              // io.stdin, io.stdout, io.stderr: never closed
)

// bufMode is a setvbuf mode.
type bufMode uint8

const (
	bufFull bufMode = iota
	bufLine
	bufNo
)

// Buffer sizes: large reads make line-by-line reading of big files fast;
// both buffers are allocated on first use only.
const (
	readBufSize  = 64 << 10
	writeBufSize = 32 << 10
)

// stream is the Go side of a Lua file handle (the reference's LStream and
// its FILE). Like C stdio, it buffers reads and writes of an OS file and
// keeps them consistent on files open for both: pending output is flushed
// before reading or seeking, and read-ahead is given back (by seeking the
// OS file back) before writing.
//
// The standard streams are special: io.stdout and io.stderr write straight
// to the State's writers (the ones print uses, so that output interleaves;
// a host that wants buffering gives a buffered writer), and io.stdin reads
// the State's reader (through the host's *bufio.Reader when it is one, so
// that nothing read ahead is lost to other readers of the same input).
type stream struct {
	osf  *os.File      // OS file; nil for a standard stream over a plain reader/writer
	src  io.Reader     // what r reads when osf is nil (standard input)
	r    *bufio.Reader // read buffer, made on first read
	w    *bufio.Writer // write buffer over osf, made on first write (nil for standard output streams)
	out  io.Writer     // standard output streams: the State's writer
	kind kind
	vbuf bufMode

	canRead, canWrite bool
	closed            bool

	// beforeWait runs before a read has to wait for input on standard
	// input: it flushes standard output, so that a prompt shows (as
	// glibc flushes line-buffered streams when it reads a terminal).
	beforeWait func()

	pipe *pipeProc // kindPipe: the running command

	num    numReader // read("n") state, kept here so reading allocates nothing
	numBuf [40]byte  // formatting of numbers written
}

// errBadFD is what C stdio reports for reading a stream not open for
// reading or writing one not open for writing.
var errBadFD error = syscall.EBADF

// errNoSeek is what seeking a stream that is not a seekable OS file gives.
var errNoSeek error = syscall.ESPIPE

// reader returns the read buffer, ready to read: pending output is
// flushed first.
func (s *stream) reader() (*bufio.Reader, error) {
	if !s.canRead {
		return nil, errBadFD
	}
	if s.w != nil && s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil {
			return nil, err
		}
	}
	if s.r == nil {
		if s.osf != nil {
			s.r = bufio.NewReaderSize(s.osf, readBufSize)
		} else {
			s.r = bufio.NewReaderSize(s.src, readBufSize)
		}
	}
	if s.beforeWait != nil && s.r.Buffered() == 0 {
		s.beforeWait()
	}
	return s.r, nil
}

// prepareWrite makes the stream ready for output: read-ahead is given
// back to the OS file so that the write lands at the logical position.
func (s *stream) prepareWrite() error {
	if !s.canWrite {
		return errBadFD
	}
	if s.r != nil && s.osf != nil && s.r.Buffered() > 0 {
		if _, err := s.osf.Seek(-int64(s.r.Buffered()), io.SeekCurrent); err != nil {
			return err
		}
		s.r.Reset(s.osf)
	}
	if s.out == nil && s.w == nil {
		s.w = bufio.NewWriterSize(s.osf, writeBufSize)
	}
	return nil
}

// writeString writes str; prepareWrite must have been called.
func (s *stream) writeString(str string) error {
	if s.out != nil {
		_, err := io.WriteString(s.out, str)
		return err
	}
	_, err := s.w.WriteString(str)
	return err
}

// writeBytes writes b; prepareWrite must have been called.
func (s *stream) writeBytes(b []byte) error {
	if s.out != nil {
		_, err := s.out.Write(b)
		return err
	}
	_, err := s.w.Write(b)
	return err
}

// flush writes out buffered output (fflush); for a standard stream it
// flushes the State's writer when that has a Flush method.
func (s *stream) flush() error {
	if s.w != nil {
		err := s.w.Flush()
		if s.pipe != nil {
			s.pipe.drain()
		}
		return err
	}
	if s.out != nil {
		if f, ok := s.out.(interface{ Flush() error }); ok {
			return f.Flush()
		}
	}
	return nil
}

// seek moves the stream's position (fseek + ftell) and returns the new
// one, counted from the start of the file.
func (s *stream) seek(off int64, whence int) (int64, error) {
	if s.osf == nil {
		return 0, errNoSeek
	}
	if s.w != nil && s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil {
			return 0, err
		}
	}
	ahead := 0
	if s.r != nil {
		ahead = s.r.Buffered()
	}
	if whence == io.SeekCurrent && off == 0 {
		// ftell: keep the read-ahead
		pos, err := s.osf.Seek(0, io.SeekCurrent)
		return pos - int64(ahead), err
	}
	if whence == io.SeekCurrent {
		off -= int64(ahead)
	}
	pos, err := s.osf.Seek(off, whence)
	if err != nil {
		return 0, err
	}
	if s.r != nil {
		s.r.Reset(s.osf)
	}
	return pos, nil
}

// setvbuf sets the buffering mode. Sizes are not honoured: the buffers
// keep their size, which only changes when data reaches the OS.
func (s *stream) setvbuf(m bufMode) error {
	s.vbuf = m
	if m != bufFull {
		return s.flush()
	}
	return nil
}

// afterWrite applies the buffering mode after a write call; nl tells
// whether a newline was written.
func (s *stream) afterWrite(nl bool) error {
	if s.vbuf == bufNo || (s.vbuf == bufLine && nl) {
		return s.flush()
	}
	return nil
}

// release drops the buffers of a closed stream.
func (s *stream) release() {
	s.closed = true
	s.r, s.w, s.src, s.out = nil, nil, nil, nil
	s.osf = nil
}

// closeFile closes a stream opened by io.open or io.tmpfile.
func (s *stream) closeFile() error {
	var err error
	if s.w != nil {
		err = s.w.Flush()
	}
	if cerr := s.osf.Close(); err == nil {
		err = cerr
	}
	s.release()
	return err
}
