package oslib

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York without the system's zoneinfo

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/coroutine"
	"github.com/tidelua/tide/internal/stdlib/math"
	"github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/testutil"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// run runs src in a State with the base, coroutine and os libraries and
// returns what it printed, and the error it ended with.
func run(t *testing.T, opts vm.Options, src string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	if opts.Stdout == nil {
		opts.Stdout = &out
	}
	if opts.Stderr == nil {
		opts.Stderr = &out
	}
	st := vm.NewState(opts)
	base.Open(st)
	coroutine.Open(st)
	math.Open(st)
	table.Open(st)
	Open(st)
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), err
}

// fieldsOf renders a normalised tm as the cases do.
func fieldsOf(r tm) string {
	return fmt.Sprintf("%d-%d-%d %d:%d:%d yday=%d wday=%d isdst=%v",
		r.year+1900, r.mon+1, r.mday, r.hour, r.min, r.sec, r.yday+1, r.wday+1, r.isdst != 0)
}

func TestMktime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	testutil.NoError(t, err)
	zones := []struct {
		name  string
		loc   *time.Location
		cases []mktimeCase
	}{
		{"UTC", time.UTC, mktimeUTC},
		{"New_York", ny, mktimeNewYork},
	}
	for _, z := range zones {
		t.Run(z.name, func(t *testing.T) {
			c := &clock{loc: z.loc}
			for _, tc := range z.cases {
				r := tc.req
				req := tm{year: r[0], mon: r[1], mday: r[2], hour: r[3], min: r[4], sec: r[5], isdst: int(r[6])}
				got, norm, ok := c.mktime(req)
				if !ok {
					t.Errorf("mktime(%v) failed, want %d", r, tc.t)
					continue
				}
				if got != tc.t || fieldsOf(norm) != tc.fields {
					t.Errorf("mktime(%v) = %d %q, want %d %q", r, got, fieldsOf(norm), tc.t, tc.fields)
				}
			}
		})
	}
}

func TestDateFormats(t *testing.T) {
	c := &clock{loc: time.UTC, now: time.Now}
	st := vm.NewState(vm.Options{})
	l := st.Main()
	for _, tc := range dateUTC {
		t.Run(fmt.Sprintf("%d %s", tc.t, tc.format), func(t *testing.T) {
			res, err := c.date(l, []value.Value{value.String("!" + tc.format), value.Int(tc.t)})
			testutil.NoError(t, err)
			testutil.Equal(t, "os.date", res[0].AsString(), tc.want)
		})
	}
}

// TestDateLocal checks the local-time conversions, %z and %Z.
func TestDateLocal(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	testutil.NoError(t, err)
	c := &clock{loc: ny, now: time.Now}
	l := vm.NewState(vm.Options{}).Main()
	tests := []struct {
		t    int64
		want string
	}{
		{0, "Wed Dec 31 19:00:00 1969 -0500 EST"},
		{1625140800, "Thu Jul  1 08:00:00 2021 -0400 EDT"},
		{-2717650800, "Sun Nov 18 12:00:00 1883 -0500 EST"},
		{-2717668800, "Sun Nov 18 07:03:58 1883 -0456 LMT"},
	}
	for _, tc := range tests {
		res, err := c.date(l, []value.Value{value.String("%c %z %Z"), value.Int(tc.t)})
		testutil.NoError(t, err)
		testutil.Equal(t, fmt.Sprint("os.date(", tc.t, ")"), res[0].AsString(), tc.want)
	}
}

// TestLua runs the library from Lua: messages, tables and argument
// handling, with results obtained from lua5.4 (TZ=UTC where it matters).
func TestLua(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"bad conversion", `print(pcall(os.date, "%Ez abc"))`,
			"false\tbad argument #1 to 'os.date' (invalid conversion specifier '%Ez abc')\n"},
		{"percent at end", `print(pcall(os.date, "abc%"))`,
			"false\tbad argument #1 to 'os.date' (invalid conversion specifier '%')\n"},
		{"E alone", `print(pcall(os.date, "%E"))`,
			"false\tbad argument #1 to 'os.date' (invalid conversion specifier '%E')\n"},
		{"not C99", `print(pcall(os.date, "%s"))`,
			"false\tbad argument #1 to 'os.date' (invalid conversion specifier '%s')\n"},
		{"embedded zero", `print(os.date("!%Y\0%m", 0) == "1970\0" .. "01", type(os.date("!*t\0zz", 0)))`,
			"true\ttable\n"},
		{"date too big", `print(pcall(os.date, "!%Y", 1 << 60))`,
			"false\tdate result cannot be represented in this installation\n"},
		{"date min", `print(pcall(os.date, "%Y", math.mininteger))`,
			"false\tdate result cannot be represented in this installation\n"},
		{"date float time", `print(pcall(os.date, "!%Y", 1.5))`,
			"false\tbad argument #2 to 'os.date' (number has no integer representation)\n"},
		{"date string time", `print(os.date("!%Y", "10"), os.date(1))`, "1970\t1\n"},
		{"date table format", `print(pcall(os.date, {}))`,
			"false\tbad argument #1 to 'os.date' (string expected, got table)\n"},
		{"*t", `local t = os.date("!*t", 951782400)
			print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday, t.isdst)`,
			"2000\t2\t29\t0\t0\t0\t60\t3\tfalse\n"},
		{"missing month", `print(pcall(os.time, {year = 2000}))`,
			"false\tfield 'month' missing in date table\n"},
		{"error position", `print(pcall(function() return os.time({year = 2000}) end))`,
			"false\tt:1: field 'month' missing in date table\n"},
		{"missing day", `print(pcall(os.time, {year = 2000, month = 1}))`,
			"false\tfield 'day' missing in date table\n"},
		{"float day", `print(pcall(os.time, {year = 2000, month = 1, day = 1.5}))`,
			"false\tfield 'day' is not an integer\n"},
		{"string day", `print(pcall(os.time, {year = 2000, month = 1, day = "x"}))`,
			"false\tfield 'day' is not an integer\n"},
		{"year out of bound", `print(pcall(os.time, {year = (1 << 31) + 1900, month = 1, day = 1}))`,
			"false\tfield 'year' is out-of-bound\n"},
		{"day out of bound", `print(pcall(os.time, {year = 2000, month = 1, day = -(1 << 31) - 1}))`,
			"false\tfield 'day' is out-of-bound\n"},
		{"time not table", `print(pcall(os.time, 1))`,
			"false\tbad argument #1 to 'os.time' (table expected, got number)\n"},
		{"time now", `print(math.type(os.time()), math.type(os.clock()), os.clock() >= 0)`, "integer\tfloat\ttrue\n"},
		{"difftime", `print(os.difftime(5, 2), pcall(os.difftime, 1))`,
			"3.0\tfalse\tbad argument #2 to 'os.difftime' (number expected, got no value)\n"},
		{"difftime float", `print(pcall(os.difftime, 5.5, 2))`,
			"false\tbad argument #1 to 'os.difftime' (number has no integer representation)\n"},
		{"metamethods", `local log = {}
			local t = setmetatable({}, {
				__index = function(_, k) log[#log + 1] = "get " .. k; return ({year = 2000, month = 1, day = 1})[k] end,
				__newindex = function(_, k, v) log[#log + 1] = "set " .. k end})
			print(pcall(os.time, t)) print(table.concat(log, ","))`, ""},
		{"setlocale", `print(os.setlocale(), os.setlocale("C"), os.setlocale("POSIX"), os.setlocale("fr_FR"), os.setlocale(nil, "time"))`,
			"C\tC\tC\tnil\tC\n"},
		{"setlocale bad category", `print(pcall(os.setlocale, nil, "bad"))`,
			"false\tbad argument #2 to 'os.setlocale' (invalid option 'bad')\n"},
		{"getenv arg", `print(pcall(os.getenv))`,
			"false\tbad argument #1 to 'os.getenv' (string expected, got no value)\n"},
		{"exit arg", `print(pcall(os.exit, "x"))`,
			"false\tbad argument #1 to 'os.exit' (number expected, got string)\n"},
		{"exit float", `print(pcall(os.exit, 1.5))`,
			"false\tbad argument #1 to 'os.exit' (number has no integer representation)\n"},
		{"remove arg", `print(pcall(os.remove))`,
			"false\tbad argument #1 to 'os.remove' (string expected, got no value)\n"},
		{"remove missing", `print(os.remove("/nonexistent/x"))`,
			"nil\t/nonexistent/x: No such file or directory\t2\n"},
		{"rename missing", `print(os.rename("/nonexistent/x", "/nonexistent/y"))`,
			"nil\tNo such file or directory\t2\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, vm.Options{}, tc.src)
			testutil.NoError(t, err)
			if tc.name == "metamethods" {
				// the table's fields are read in loslib.c's order and
				// written back through __newindex
				tc.want = fmt.Sprintf("true\t%d\n", time.Date(2000, 1, 1, 12, 0, 0, 0, time.Local).Unix()) +
					"get year,get month,get day,get hour,get min,get sec,get isdst," +
					"set year,set month,set day,set hour,set min,set sec,set yday,set wday,set isdst\n"
			}
			testutil.EqualText(t, "output", got, tc.want)
		})
	}
}

func TestGetenv(t *testing.T) {
	t.Setenv("TIDE_OSLIB_TEST", "v1")
	t.Setenv("TIDE_OSLIB_EMPTY", "")
	got, err := run(t, vm.Options{}, `print(os.getenv("TIDE_OSLIB_TEST"), os.getenv("TIDE_OSLIB_EMPTY"), os.getenv("TIDE_OSLIB_UNSET"))`)
	testutil.NoError(t, err)
	testutil.EqualText(t, "process environment", got, "v1\t\tnil\n")
	hook := func(k string) string {
		if k == "A" {
			return "hooked"
		}
		return ""
	}
	got, err = run(t, vm.Options{Getenv: hook}, `print(os.getenv("A"), os.getenv("TIDE_OSLIB_TEST"))`)
	testutil.NoError(t, err)
	testutil.EqualText(t, "hooked environment", got, "hooked\tnil\n")
}

func TestExit(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		code  int
		close bool
		out   string
	}{
		{"default", `os.exit()`, 0, false, ""},
		{"code", `os.exit(3)`, 3, false, ""},
		{"true", `os.exit(true)`, 0, false, ""},
		{"false", `os.exit(false)`, 1, false, ""},
		{"string code", `os.exit("7")`, 7, false, ""},
		{"wraps to int", `os.exit((1 << 32) + 5)`, 5, false, ""},
		{"close", `os.exit(2, true)`, 2, true, ""},
		{"pcall cannot catch", `print(pcall(os.exit, 4)) print("after")`, 4, false, ""},
		{"xpcall cannot catch", `print(xpcall(os.exit, print, 5))`, 5, false, ""},
		{"through resume", `print(coroutine.resume(coroutine.create(function() os.exit(6) end)))`, 6, false, ""},
		{"through wrap", `print(pcall(coroutine.wrap(function() os.exit(8) end)))`, 8, false, ""},
		{"through metamethod", `local t = setmetatable({}, {__index = function() os.exit(9) end}) print(pcall(function() return t.x end))`, 9, false, ""},
		{"no close: __close skipped", `local x <close> = setmetatable({}, {__close = function() print("closed") end}) os.exit(1)`, 1, false, ""},
		{"close: __close runs", `local x <close> = setmetatable({}, {__close = function(_, e) print("closed", e) end})
			local function f() local y <close> = setmetatable({}, {__close = function() print("inner") end}) os.exit(0, true) end
			pcall(f)`, 0, true, "inner\nclosed\tnil\n"},
		{"close: errors in __close ignored", `local x <close> = setmetatable({}, {__close = function(_, e) print("x", e) end})
			local y <close> = setmetatable({}, {__close = function() error("boom", 0) end})
			os.exit(0, true)`, 0, true, "x\tboom\n"},
		{"exit in __close while closing", `local y <close> = setmetatable({}, {__close = function() print("y") end})
			local x <close> = setmetatable({}, {__close = function() os.exit(2) end})
			os.exit(1, true)`, 2, false, ""},
		{"exit in __close after an error", `local y <close> = setmetatable({}, {__close = function() print("y") end})
			local x <close> = setmetatable({}, {__close = function() os.exit(3, true) end})
			error("e")`, 3, true, "y\n"},
		{"exit in __close under pcall", `print(pcall(function()
				local x <close> = setmetatable({}, {__close = function() os.exit(4) end})
				error("e")
			end))`, 4, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := run(t, vm.Options{}, tc.src)
			var ee *vm.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v (%T), want a *vm.ExitError", err, err)
			}
			testutil.Equal(t, "code", ee.Code, tc.code)
			testutil.Equal(t, "close", ee.Close, tc.close)
			testutil.EqualText(t, "output", got, tc.out)
		})
	}
}

// TestExitKeepsState checks that a host that ignores os.exit can go on
// using the State.
func TestExitKeepsState(t *testing.T) {
	var out bytes.Buffer
	st := vm.NewState(vm.Options{Stdout: &out})
	base.Open(st)
	Open(st)
	for i, src := range []string{`local x <close> = setmetatable({}, {__close = print}) os.exit(1)`, `print("still here")`} {
		fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
		testutil.NoError(t, err)
		_, err = st.Main().Call(fn)
		if i == 0 {
			var ee *vm.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v, want a *vm.ExitError", err)
			}
			continue
		}
		testutil.NoError(t, err)
	}
	testutil.EqualText(t, "output", out.String(), "still here\n")
}

func TestFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("errno numbers and texts are Linux's")
	}
	dir := t.TempDir()
	testutil.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644))
	testutil.NoError(t, os.Mkdir(filepath.Join(dir, "full"), 0o755))
	testutil.NoError(t, os.WriteFile(filepath.Join(dir, "full", "f"), nil, 0o644))
	testutil.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	testutil.NoError(t, os.Mkdir(filepath.Join(dir, "empty2"), 0o755))
	src := `
		print(os.rename("a.txt", "b.txt"))
		print(os.remove("a.txt"))
		print(os.remove("b.txt"))
		print(os.remove("full"))
		print(os.rename("empty", "empty2")) -- C's rename replaces an empty directory
		print(os.remove("empty2"))
		print(os.rename("full", "full/f/x"))
	`
	got, err := run(t, vm.Options{Dir: dir}, src)
	testutil.NoError(t, err)
	testutil.EqualText(t, "output", got, "true\n"+
		"nil\ta.txt: No such file or directory\t2\n"+
		"true\n"+
		"nil\tfull: Directory not empty\t39\n"+
		"true\n"+
		"true\n"+
		"nil\tNot a directory\t20\n")
}

func TestTmpname(t *testing.T) {
	if _, err := os.Stat("/tmp"); err != nil {
		t.Skip("no /tmp")
	}
	got, err := run(t, vm.Options{}, `local n = os.tmpname() print(n) print(os.remove(n))`)
	testutil.NoError(t, err)
	lines := strings.Split(got, "\n")
	if len(lines) != 3 || len(lines[0]) != len("/tmp/lua_XXXXXX") || !strings.HasPrefix(lines[0], "/tmp/lua_") || lines[1] != "true" {
		t.Errorf("output %q, want a /tmp/lua_XXXXXX name that could be removed", got)
	}
}

func TestExecute(t *testing.T) {
	if _, err := exec.LookPath("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	dir := t.TempDir()
	testutil.NoError(t, os.WriteFile(filepath.Join(dir, "here.txt"), nil, 0o644))
	src := `
		print(os.execute())
		print(os.execute("exit 3"))
		print(os.execute("true"))
		print(os.execute("kill -9 $$"))
		print(os.execute("echo out; echo err >&2"))
		print(os.execute("test -f here.txt"))
		print(os.execute("sleep 5 &"))
		print("after")
	`
	got, err := run(t, vm.Options{Dir: dir}, src)
	testutil.NoError(t, err)
	testutil.EqualText(t, "output", got, "true\n"+
		"nil\texit\t3\n"+
		"true\texit\t0\n"+
		"nil\tsignal\t9\n"+
		"out\nerr\ntrue\texit\t0\n"+
		"true\texit\t0\n"+
		"true\texit\t0\n"+
		"after\n")
}

func TestErrno(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("errno numbers and texts are Linux's")
	}
	tests := []struct {
		err  error
		text string
		code int
	}{
		{syscall.ENOENT, "No such file or directory", 2},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, "Permission denied", 13},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EXDEV}, "Invalid cross-device link", 18},
		{syscall.ENOTEMPTY, "Directory not empty", 39},
		{syscall.Errno(41), "Unknown error 41", 41},
		{os.ErrNotExist, "No such file or directory", 2},
		{os.ErrClosed, "Bad file descriptor", 9},
		{errors.New("other"), "Input/output error", 5},
	}
	for _, tc := range tests {
		text, code := Errno(tc.err)
		if text != tc.text || code != tc.code {
			t.Errorf("Errno(%v) = %q, %d, want %q, %d", tc.err, text, code, tc.text, tc.code)
		}
	}
}

// TestTimeUTC checks os.time in UTC: mktime's -1 is an error even when it
// is the right answer (after the table is normalised), a time glibc cannot
// represent leaves the fields as given, and isdst = true with no daylight
// saving time in the zone means one hour earlier (lua5.4 on glibc 2.36).
func TestTimeUTC(t *testing.T) {
	var out bytes.Buffer
	st := vm.NewState(vm.Options{Stdout: &out})
	base.Open(st)
	open(st, &clock{loc: time.UTC, now: time.Now})
	src := `
		local t = {year = 1970, month = 1, day = 1, hour = 0, sec = -1}
		print(pcall(os.time, t))
		print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday, t.isdst)
		t = {year = 2147485547, month = 13, day = 1, isdst = false}
		print(pcall(os.time, t))
		print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday, t.isdst)
		print(os.time{year = 1970, month = 1, day = 1, hour = 0, isdst = true})
		print(os.time{year = 1970, month = 1, day = 1, hour = 0, isdst = false})
		print(os.date("%c %Z", 0))
	`
	fn, err := st.Load([]byte(src), "=t", "t", value.Nil)
	testutil.NoError(t, err)
	_, err = st.Main().Call(fn)
	testutil.NoError(t, err)
	testutil.EqualText(t, "output", out.String(),
		"false\ttime result cannot be represented in this installation\n"+
			"1969\t12\t31\t23\t59\t59\t365\t4\tfalse\n"+
			"false\ttime result cannot be represented in this installation\n"+
			"2147485547\t13\t1\t12\t0\t0\tnil\tnil\tfalse\n"+
			"-3600\n"+
			"0\n"+
			"Thu Jan  1 00:00:00 1970 UTC\n")
}
