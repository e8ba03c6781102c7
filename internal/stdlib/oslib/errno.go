package oslib

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"

	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// isLinux reports whether errno numbers are Linux's.
const isLinux = runtime.GOOS == "linux"

// Errno returns the C errno that a failed operation's error stands for
// and glibc's strerror text for it, such as ("No such file or directory",
// 2). Errors that carry no errno are mapped to the closest one (a missing
// file to ENOENT, a closed file to EBADF) and otherwise to EIO.
func Errno(err error) (string, int) {
	var en syscall.Errno
	if errors.As(err, &en) {
		return Strerror(en), int(en)
	}
	en = syscall.EIO
	switch {
	case errors.Is(err, os.ErrClosed):
		en = syscall.EBADF
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		en = syscall.ENOENT
	case errors.Is(err, fs.ErrPermission):
		en = syscall.EACCES
	case errors.Is(err, fs.ErrExist):
		en = syscall.EEXIST
	}
	return Strerror(en), int(en)
}

// Strerror returns glibc's text for en in the C locale. Go's table holds
// the same texts as glibc's with the first letter in lower case, so
// raising it gives glibc's wording; numbers Go has no text for read
// "Unknown error N" as in glibc.
func Strerror(en syscall.Errno) string {
	if en == 0 {
		return "Success"
	}
	s := en.Error()
	if s == "" || s == "errno "+strconv.Itoa(int(en)) {
		if en == 133 && isLinux {
			return "Memory page has hardware error" // EHWPOISON
		}
		return "Unknown error " + strconv.Itoa(int(en))
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		return string(c-'a'+'A') + s[1:]
	}
	return s
}

// FileResult returns what luaL_fileresult pushes for a failure: nil, the
// message (prefixed with "name: " when name is not empty) and the errno.
func FileResult(l *vm.Thread, err error, name string) []value.Value {
	msg, code := Errno(err)
	if name != "" {
		msg = name + ": " + msg
	}
	return l.Ret(value.Nil, value.String(msg), value.Int(int64(code)))
}
