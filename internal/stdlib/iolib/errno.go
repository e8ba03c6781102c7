package iolib

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// errnoOf returns the C errno an operation's error stands for and its
// text as glibc's strerror words it ("No such file or directory", 2).
// Errors that carry no errno (a Go-level failure such as a closed pipe
// reader) are reported as EIO.
func errnoOf(err error) (string, int) {
	var en syscall.Errno
	if errors.As(err, &en) {
		return strerror(en), int(en)
	}
	switch {
	case errors.Is(err, os.ErrClosed):
		return strerror(syscall.EBADF), int(syscall.EBADF)
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return strerror(syscall.ENOENT), int(syscall.ENOENT)
	case errors.Is(err, fs.ErrPermission):
		return strerror(syscall.EACCES), int(syscall.EACCES)
	}
	return strerror(syscall.EIO), int(syscall.EIO)
}

// strerror returns glibc's message for en. Go's table for Linux holds the
// same texts with the first letter lowered (except where the text starts
// with an acronym), so raising it gives glibc's wording.
func strerror(en syscall.Errno) string {
	s := en.Error()
	if s == "" || s == "errno "+strconv.Itoa(int(en)) {
		return "Unknown error " + strconv.Itoa(int(en))
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		return string(c-'a'+'A') + s[1:]
	}
	return s
}

// fileResult returns what luaL_fileresult pushes for a failure: fail, the
// message (prefixed with "name: " when name is not empty) and the errno.
func fileResult(l *vm.Thread, err error, name string) []value.Value {
	msg, code := errnoOf(err)
	if name != "" {
		msg = name + ": " + msg
	}
	return l.Ret(value.Nil, value.String(msg), value.Int(int64(code)))
}

// okResult is luaL_fileresult's success: true.
func okResult(l *vm.Thread) []value.Value { return l.Ret1(value.True) }
