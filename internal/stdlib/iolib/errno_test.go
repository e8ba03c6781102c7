package iolib

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

// The texts are glibc's strerror.
func TestStrerror(t *testing.T) {
	tests := []struct {
		err  error
		msg  string
		code int
	}{
		{syscall.ENOENT, "No such file or directory", 2},
		{syscall.EACCES, "Permission denied", 13},
		{syscall.EISDIR, "Is a directory", 21},
		{syscall.ENOTDIR, "Not a directory", 20},
		{syscall.EBADF, "Bad file descriptor", 9},
		{syscall.ESPIPE, "Illegal seek", 29},
		{syscall.EINVAL, "Invalid argument", 22},
		{syscall.EEXIST, "File exists", 17},
		{syscall.ENOSPC, "No space left on device", 28},
		{syscall.EPIPE, "Broken pipe", 32},
		{syscall.EMFILE, "Too many open files", 24},
		{syscall.ENAMETOOLONG, "File name too long", 36},
		{syscall.ELOOP, "Too many levels of symbolic links", 40},
		{syscall.EROFS, "Read-only file system", 30},
		{syscall.EIO, "Input/output error", 5},
		{syscall.EPERM, "Operation not permitted", 1},
		{syscall.Errno(4000), "Unknown error 4000", 4000},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, "No such file or directory", 2},
		{fmt.Errorf("wrapped: %w", syscall.EISDIR), "Is a directory", 21},
		{os.ErrClosed, "Bad file descriptor", 9},
		{errors.New("something else"), "Input/output error", 5},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			msg, code := errnoOf(tc.err)
			if msg != tc.msg || code != tc.code {
				t.Errorf("errnoOf(%v) = %q, %d; want %q, %d", tc.err, msg, code, tc.msg, tc.code)
			}
		})
	}
}

func TestValidMode(t *testing.T) {
	tests := map[string]bool{
		"r": true, "w": true, "a": true, "r+": true, "w+": true, "a+": true,
		"rb": true, "r+b": true, "rbb": true, "a+bbb": true,
		"": false, "rb+": false, "x": false, "+": false, "r++": false, "rw": false,
		"R": false, "r ": false, "br": false, "w+x": false,
	}
	for mode, want := range tests {
		if got := validMode(mode); got != want {
			t.Errorf("validMode(%q) = %v, want %v", mode, got, want)
		}
	}
}
