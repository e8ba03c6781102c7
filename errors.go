package tide

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tidelua/tide/internal/vm"
)

// Error is a Lua error that escaped a chunk or function run by the State.
//
// Message is the text the lua program prints for it (lua.c's msghandler):
// the error value itself when it is a string or a number, the result of its
// __tostring metamethod when it has one, and otherwise "(error object is a
// T value)". Value is the error value converted with tostring (a table
// prints as "table: 0x..."). Traceback is the stack traceback captured where
// the error was raised, in the reference layout ("stack traceback:\n\t...");
// it is empty when the message came from __tostring, as lua.c then prints
// no traceback, and for errors that did not run any Lua code (a file that
// cannot be read).
type Error struct {
	Message   string
	Value     string
	Traceback string
	cause     error
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the Go error that caused e, if any: for instance the
// *fs.PathError of a file that could not be read.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether target is ErrRuntime.
func (e *Error) Is(target error) bool { return target == ErrRuntime }

// ErrRuntime is matched (errors.Is) by every *Error: a Lua error raised
// while code ran. ErrSyntax matches a *SyntaxError, and each quota stop
// its own sentinel (ErrInstructionLimit, ...): one errors.Is per kind.
var ErrRuntime = errors.New("tide: runtime error")

// ErrSyntax is matched (errors.Is) by every *SyntaxError.
var ErrSyntax = errors.New("tide: syntax error")

// QuotaError stops a run that exceeded a quota of [Options] or whose
// context is done; pcall cannot catch it. errors.Is tells which:
// ErrInstructionLimit, ErrDepthLimit, ErrMemoryLimit, context.Canceled or
// context.DeadlineExceeded.
type QuotaError = vm.QuotaError

// ErrInstructionLimit matches the stop at [Options].MaxInstructions.
var ErrInstructionLimit = vm.ErrInstructionLimit

// ErrDepthLimit matches the stop at [Options].MaxCallDepth.
var ErrDepthLimit = vm.ErrDepthLimit

// ErrMemoryLimit matches the stop at [Options].MemoryLimit.
var ErrMemoryLimit = vm.ErrMemoryLimit

// Unwind wraps err so that a host Function returning it ends the running
// call the way a quota stop does: pcall and xpcall cannot catch it,
// coroutine.resume passes it on, and the State.Call (DoString, DoFile)
// that started the run returns err itself. It is for control flow a host
// implements, such as OpenResty's ngx.exit; an ordinary failure should be
// a plain error, which Lua code can catch.
func Unwind(err error) error {
	if err == nil {
		return nil
	}
	return &vm.HostStop{Err: err}
}

// ErrConcurrentUse is returned by a call into a State that is already
// running Lua code for another goroutine. A State is for one goroutine at
// a time (a Pool of States serves many). The check cannot tell a call
// from another goroutine made while the State is inside a host Function
// from that Function's own callback; the race detector catches those.
var ErrConcurrentUse = errors.New("tide: State used by two goroutines at once")

// ExitError is the error [State.DoString], [State.DoFile] and
// [State.Call] return when the Lua code called os.exit: Code is the exit
// status it asked for (os.exit(true) is 0, os.exit(false) is 1) and Close
// its second argument. Detect it with errors.As. No pcall in the script
// can catch it. When Close is false the script asked to end at once: a
// host that honours it does not call [State.Close], which would run
// finalizers. When Close is true the pending to-be-closed variables have
// already been closed, and the host should call [State.Close] to run the
// finalizers before it exits. A host may also ignore the request and keep
// using the State.
type ExitError = vm.ExitError

// SyntaxError reports a chunk that does not compile. Message is the full
// reference text, "chunkname:line: message near 'token'"; Chunk and Line
// are the position parsed out of it (Line is 0 when the message has none).
type SyntaxError struct {
	Message string
	Chunk   string
	Line    int
}

// Is reports whether target is ErrSyntax.
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }

// Error returns the message.
func (e *SyntaxError) Error() string { return e.Message }

// newSyntaxError splits a compiler message "chunk:line: msg" into its parts.
func newSyntaxError(msg string) *SyntaxError {
	e := &SyntaxError{Message: msg}
	// A chunk id may contain colons ([string "a:1:b"]): skip a [string
	// "..."] id, then find the first ":<digits>:".
	start := 0
	if strings.HasPrefix(msg, `[string "`) {
		if k := strings.Index(msg, `"]:`); k >= 0 {
			start = k + 2
		}
	}
	for i := start; i < len(msg); i++ {
		if msg[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(msg) && msg[j] >= '0' && msg[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(msg) && msg[j] == ':' {
			if n, err := strconv.Atoi(msg[i+1 : j]); err == nil {
				e.Chunk, e.Line = msg[:i], n
				break
			}
		}
	}
	return e
}

// internalError turns a Go panic that escaped the interpreter into an
// error: a bad script must never crash the host.
func internalError(p any) *Error {
	msg := fmt.Sprint(p)
	if err, ok := p.(error); ok {
		msg = err.Error()
	}
	return &Error{Message: "internal error: " + strings.TrimSpace(msg), Value: msg}
}
