package iolib_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/stdlib/base"
	"github.com/tidelua/tide/internal/stdlib/iolib"
	mathlib "github.com/tidelua/tide/internal/stdlib/math"
	strlib "github.com/tidelua/tide/internal/stdlib/string"
	tablib "github.com/tidelua/tide/internal/stdlib/table"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// newState returns a State with the base, string, table, math and io
// libraries, writing to stdout and stderr and reading stdin; relative
// file names resolve against dir.
func newState(dir string, stdin io.Reader, stdout, stderr io.Writer, memLimit int64) *vm.State {
	st := vm.NewState(vm.Options{Stdout: stdout, Stderr: stderr, Stdin: stdin, Dir: dir, MemoryLimit: memLimit})
	base.Open(st)
	strlib.Open(st)
	tablib.Open(st)
	mathlib.Open(st)
	iolib.Open(st)
	return st
}

// runLua runs src as the chunk "t.lua" in a State over a fresh temporary
// directory (the directory that relative names resolve against) and
// returns what it printed and the error, if any. The State is closed
// before returning.
func runLua(t *testing.T, src, stdin string) (string, error) {
	t.Helper()
	out, _, err := runIn(t, t.TempDir(), src, strings.NewReader(stdin), 0)
	return out, err
}

func runIn(t *testing.T, dir, src string, stdin io.Reader, memLimit int64) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	st := newState(dir, stdin, &out, &errb, memLimit)
	defer st.Close()
	fn, err := st.Load([]byte(src), "@t.lua", "t", value.Nil)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	_, err = st.Main().Call(fn)
	return out.String(), errb.String(), err
}

// The expected outputs are lua5.4's, running the same source as t.lua in
// an empty directory with the given standard input (TestReference checks
// that they still are).
var cases = []struct {
	name, src, stdin, want string
}{
	{"modes", `for _, m in ipairs{"w", "r", "a", "r+", "w+", "a+", "rb", "w+b", "rbbb"} do
  local f = io.open("f.txt", m) print(m, io.type(f), f:close()) end
for _, m in ipairs{"rb+", "x", "", "rw", "+"} do print(pcall(io.open, "f.txt", m)) end`, "",
		"w\tfile\ttrue\nr\tfile\ttrue\na\tfile\ttrue\nr+\tfile\ttrue\nw+\tfile\ttrue\na+\tfile\ttrue\nrb\tfile\ttrue\nw+b\tfile\ttrue\nrbbb\tfile\ttrue\n" +
			"false\tbad argument #2 to 'io.open' (invalid mode)\nfalse\tbad argument #2 to 'io.open' (invalid mode)\nfalse\tbad argument #2 to 'io.open' (invalid mode)\nfalse\tbad argument #2 to 'io.open' (invalid mode)\nfalse\tbad argument #2 to 'io.open' (invalid mode)\n"},
	{"open errors", `print(io.open("missing.txt"))
print(io.open("no/dir/x", "w"))
print(io.open(".", "w"))
io.open("f", "w"):close()
print(io.open("f/x"))
local d = io.open(".") print(d:read("a")) print(d:read("l"))`, "",
		"nil\tmissing.txt: No such file or directory\t2\nnil\tno/dir/x: No such file or directory\t2\nnil\t.: Is a directory\t21\nnil\tf/x: Not a directory\t20\nnil\tIs a directory\t21\nnil\tIs a directory\t21\n"},
	{"write and read back", `local f = io.open("f", "w")
print(f:write("a", 1, " ", 2.0, " ", -0.0, " ", 2^63, " ", 1/3, "\n") == f)
f:close()
print(io.open("f"):read("a"))`, "",
		"true\na1 2 -0 9.2233720368548e+18 0.33333333333333\n\n"},
	{"formats", `local f = io.open("f", "w") f:write("l1\nl2\r\n\n12 0x1F .5e1 z\nrest") f:close()
f = io.open("f")
print(f:read("l", "L", "*l"))
print(f:read("n", "n", "n", "n"))
print(f:read(0), f:read(1), f:read(100), f:read(0), f:read(1), f:read("a"), f:read("l"))
f:close()`, "",
		"l1\tl2\r\n\t\n12\t31\t5.0\tnil\n\tz\t\nrest\tnil\tnil\t\tnil\n"},
	{"format errors", `local f = io.open("f", "w") f:close() f = io.open("f")
print(pcall(f.read, f, "x"))
print(pcall(function() return f:read("x") end))
print(pcall(function() return f:read({}) end))
print(pcall(function() return f:read(1.5) end))
print(pcall(io.read, "x"))
print(pcall(f.read, f, -1))
print(pcall(f.read))
print(pcall(function() return f.read({}) end))`, "",
		"false\tbad argument #2 to '?' (invalid format)\nfalse\tt.lua:3: bad argument #1 to 'read' (invalid format)\nfalse\tt.lua:4: bad argument #1 to 'read' (string expected, got table)\nfalse\tt.lua:5: bad argument #1 to 'read' (number has no integer representation)\nfalse\tbad argument #1 to 'io.read' (invalid format)\nfalse\tnot enough memory\nfalse\tbad argument #1 to '?' (FILE* expected, got no value)\nfalse\tt.lua:9: bad argument #1 to 'read' (FILE* expected, got table)\n"},
	{"read number", `local f = io.open("f", "w") f:write("  -0x1p4 1e2x 99 ", ("1"):rep(201), " 3") f:close()
f = io.open("f")
print(f:read("n", "n"))
print(f:read(1), f:read("n", "n"))
print(f:read("n"), f:read("a"))`, "",
		"-16.0\t100.0\nx\t99\tnil\n1\t 3\n"},
	{"lines", `local f = io.open("f", "w") f:write("a\nb\n\nc") f:close()
for l in io.lines("f") do io.write("[", l, "]") end print()
for a, b in io.lines("f", 1, "l") do io.write("[", a, "|", b, "]") end print()
local it, _, _, h = io.lines("f") print(it(), it(), it(), it(), it())
print(io.type(h), pcall(it))
f = io.open("f") for l in f:lines("L") do io.write(l) end print(io.type(f))
print(pcall(function() for l in io.lines("f", "x") do end end))
print(pcall(function() for l in io.lines(".") do end end))
print(pcall(io.lines, "missing"))`, "",
		"[a][b][][c]\n[a|][b|][\n|c]\na\tb\t\tc\nclosed file\tfalse\tfile is already closed\na\nb\n\ncfile\n" +
			"false\tt.lua:7: bad argument #2 to 'for iterator' (invalid format)\nfalse\tt.lua:8: Is a directory\nfalse\tcannot open file 'missing' (No such file or directory)\n"},
	{"seek and update", `local f = io.open("f", "w+")
f:write("0123456789")
print(f:seek(), f:seek("set", 2), f:read(3), f:seek("cur"), f:seek("cur", 1), f:read(1), f:seek("end", -1), f:read("a"))
f:seek("set", 1) f:write("X") print(f:read(2), f:seek())
f:write("Y") f:seek("set") print(f:read("a"))
print(f:seek("set", -1))
print(pcall(f.seek, f, "bad"))
f:close()
f = io.open("f", "a+") print(f:read(2)) f:write("Z") print(f:seek()) f:seek("set") print(f:read("a"))`, "",
		"10\t2\t234\t5\t6\t6\t9\t9\n23\t4\n0X23Y56789\nnil\tInvalid argument\t22\nfalse\tbad argument #2 to '?' (invalid option 'bad')\n0X\n11\n0X23Y56789Z\n"},
	{"append position", `local f = io.open("f", "w") f:write("12345") f:close()
f = io.open("f", "a") print(f:seek(), f:seek("cur", -2)) f:write("x") print(f:seek()) f:close()
f = io.open("f", "a+") print(f:seek(), f:read(2)) f:close()`, "",
		"5\t3\n6\n0\t12\n"},
	{"close", `local f = io.open("f", "w")
print(f:close(), io.type(f), tostring(f))
print(pcall(f.close, f))
print(io.stdout:close())
print(io.close())
print(pcall(io.close, {}))
print(tostring(io.stdout):match("^file %(0x%x+%)$") ~= nil)`, "",
		"true\tclosed file\tfile (closed)\nfalse\tattempt to use a closed file\nnil\tcannot close standard file\nnil\tcannot close standard file\nfalse\tbad argument #1 to 'io.close' (FILE* expected, got table)\ntrue\n"},
	{"default files", `print(io.output("o") ~= io.stdout)
io.write("x", 1, "\n")
print(io.close())
print(pcall(io.write, "y"))
io.output(io.stdout)
io.input("o")
print(io.read("L"))
print(io.read())
io.input():close()
print(pcall(io.read))
print(pcall(io.lines))
print(pcall(io.input, "missing"))
print(pcall(io.input, {}))`, "",
		"true\ntrue\nfalse\tdefault output file is closed\nx1\n\nnil\nfalse\tdefault input file is closed\nfalse\tattempt to use a closed file\nfalse\tcannot open file 'missing' (No such file or directory)\nfalse\tbad argument #1 to 'io.input' (FILE* expected, got table)\n"},
	{"stdin", `print(io.read("n", "n"))
print(io.read())
print(io.read("L"))
for l in io.lines() do print("<" .. l .. ">") end
print(io.read(), io.read("a"), io.read(0))
print(io.stdin:write("x"))
print(io.stdout:read())`, "1 2.5 rest\nline\nx\ny",
		"1\t2.5\n rest\nline\n\n<x>\n<y>\nnil\t\tnil\nnil\tBad file descriptor\t9\nnil\tBad file descriptor\t9\n"},
	{"popen", `local p = io.popen("echo hi; exit 2")
print(p:read("a"))
print(p:close())
print(io.popen("kill -9 $$"):close())
p = io.popen("cat > out.txt", "w")
p:write("via cat\n")
print(p:close())
print(io.open("out.txt"):read("a"))
print(pcall(io.popen, "true", "rw"))`, "",
		"hi\n\nnil\texit\t2\nnil\tsignal\t9\ntrue\texit\t0\nvia cat\n\nfalse\tbad argument #2 to 'io.popen' (invalid mode)\n"},
	{"tmpfile and setvbuf", `local t = io.tmpfile()
print(t:write("abc") == t, t:seek("set"), t:read("a"), t:close())
local f = io.open("f", "w")
print(f:setvbuf("no"), pcall(f.setvbuf, f, "bad"))
f:write("unbuffered")
print(io.open("f"):read("a"))
print(f:flush(), io.flush(), io.stdout:setvbuf("line"))`, "",
		"true\t0\tabc\ttrue\ntrue\tfalse\tbad argument #2 to '?' (invalid option 'bad')\nunbuffered\ntrue\ttrue\ttrue\n"},
	{"close variables", `do local f <close> = io.open("f", "w") f:write("closed") end
print(io.open("f"):read("a"))
local h
for l in io.lines("f") do h = select(4, io.lines("f")) break end
print(io.type(h))`, "",
		"closed\nfile\n"},
	{"io.type", `print(io.type(io.stdin), io.type(42), io.type(setmetatable({}, getmetatable(io.stdout))))
print(pcall(io.type))`, "",
		"file\tnil\tnil\nfalse\tbad argument #1 to 'io.type' (value expected)\n"},
}

func TestCases(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := runLua(t, tc.src, tc.stdin)
			if err != nil {
				t.Fatalf("error: %v\noutput so far:\n%s", err, got)
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestReference runs the cases under lua5.4, when it is installed, to
// check that the expected outputs are the reference's.
func TestReference(t *testing.T) {
	lua, err := exec.LookPath("lua5.4")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("lua5.4 not found")
		}
		t.Skip("lua5.4 not found")
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "t.lua"), []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(lua, "t.lua")
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader(tc.stdin)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("lua5.4: %v", err)
			}
			if string(out) != tc.want {
				t.Errorf("lua5.4 printed:\n%q\nthe case expects:\n%q", out, tc.want)
			}
		})
	}
}

// io.write and print write to the same writer, in order; io.stderr goes
// to the State's Stderr.
func TestStdout(t *testing.T) {
	out, errOut, err := runIn(t, t.TempDir(), `io.write("a") print("b") io.stdout:write("c", 1, "\n") io.stderr:write("err\n") print(io.stdout:seek())`, strings.NewReader(""), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := "ab\nc1\nnil\tIllegal seek\t29\n"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	if errOut != "err\n" {
		t.Errorf("stderr = %q", errOut)
	}
}

// flushWriter records Flush calls.
type flushWriter struct {
	bytes.Buffer
	flushes int
}

func (w *flushWriter) Flush() error { w.flushes++; return nil }

// A buffered stdout (the CLI's) is flushed by io.flush, file:flush,
// setvbuf("no") and before reading standard input.
func TestStdoutFlush(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"none", `io.write("x")`, 0},
		{"io.flush", `io.write("x") io.flush()`, 1},
		{"method", `io.stdout:flush()`, 1},
		{"setvbuf no", `io.stdout:setvbuf("no") io.write("a", "b") io.write("c")`, 3},
		{"setvbuf line", `io.stdout:setvbuf("line") io.write("a") io.write("b\n")`, 2},
		{"prompt", `io.write("name? ") io.read()`, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w flushWriter
			st := newState(t.TempDir(), bufio.NewReader(strings.NewReader("")), &w, io.Discard, 0)
			defer st.Close()
			fn, err := st.Load([]byte(tc.src), "=t", "t", value.Nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Main().Call(fn); err != nil {
				t.Fatal(err)
			}
			if w.flushes != tc.want {
				t.Errorf("%d flushes, want %d", w.flushes, tc.want)
			}
		})
	}
}

// io.stdin reads through the host's *bufio.Reader when it is one, so
// that nothing it buffers is lost to the host's own reads.
func TestStdinShared(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("first\nsecond\nthird\n"))
	st := newState(t.TempDir(), r, io.Discard, io.Discard, 0)
	defer st.Close()
	fn, err := st.Load([]byte(`return io.read()`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Main().Call(fn)
	if err != nil || len(res) != 1 || res[0].AsString() != "first" {
		t.Fatalf("io.read() = %v, %v", res, err)
	}
	if rest, _ := io.ReadAll(r); string(rest) != "second\nthird\n" {
		t.Errorf("the host reads %q after io.read()", rest)
	}
}

// Relative names resolve against Options.Dir, and commands run there.
func TestDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.txt"), []byte("from dir\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runIn(t, dir, `print(io.open("in.txt"):read())
for l in io.lines("in.txt") do print(l) end
io.input("in.txt") print(io.read())
io.output("out.txt") io.write("written") io.close() io.output(io.stdout)
print(io.popen("cat in.txt"):read("l"))
local p = io.popen("cat > piped.txt", "w") p:write("piped") p:close()`, strings.NewReader(""), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := "from dir\nfrom dir\nfrom dir\nfrom dir\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	for name, want := range map[string]string{"out.txt": "written", "piped.txt": "piped"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
}

// A command's output and error streams reach the State's writers even
// when they are not OS files.
func TestPopenOutput(t *testing.T) {
	out, errOut, err := runIn(t, t.TempDir(), `io.write("before\n")
local p = io.popen("cat; echo to-stderr >&2", "w")
p:write("through cat\n")
print(p:close())
print(io.popen("nosuchcommand-xyz"):close())
io.write("after\n")`, strings.NewReader(""), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := "before\nthrough cat\ntrue\texit\t0\nnil\texit\t127\nafter\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	if want := "to-stderr\nsh: 1: nosuchcommand-xyz: not found\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

// Files left open are closed, and their buffers flushed, when the State
// closes (by the finalizers) or when the collector finds them.
func TestFinalizers(t *testing.T) {
	dir := t.TempDir()
	out, _, err := runIn(t, dir, `
local f = io.open("kept.txt", "w") f:write("flushed at close") KEEP = f
do local g = io.open("dropped.txt", "w") g:write("flushed by the collector") end
collectgarbage() collectgarbage()
print(io.open("dropped.txt"):read("a"))`, strings.NewReader(""), 0)
	if err != nil {
		t.Fatal(err)
	}
	if out != "flushed by the collector\n" {
		t.Errorf("output %q", out)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "kept.txt")); err != nil || string(b) != "flushed at close" {
		t.Errorf("kept.txt = %q, %v", b, err)
	}
}

// Reads that would need more memory than the State may use stop at the
// memory quota, before allocating.
func TestMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<17) // 2 MiB, no newline
	if err := os.WriteFile(filepath.Join(dir, "big"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, src string }{
		{"all", `return io.open("big"):read("a")`},
		{"line", `return io.open("big"):read("l")`},
		{"count", `return io.open("big"):read(3 << 20)`},
		{"huge count", `return io.open("big"):read(1 << 62)`},
		{"negative count", `return io.open("big"):read(-1)`},
		{"lines", `for l in io.lines("big", "L") do end`},
		{"pipe", `return io.popen("cat big"):read("a")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runIn(t, dir, tc.src, strings.NewReader(""), 1<<20)
			if tc.name == "negative count" { // the reference's size_t overflow
				var le *vm.LuaError
				if !errors.As(err, &le) || !strings.Contains(le.Error(), "not enough memory") {
					t.Errorf("error %v, want not enough memory", err)
				}
				return
			}
			if !errors.Is(err, vm.ErrMemoryLimit) {
				t.Errorf("error %v, want the memory quota", err)
			}
		})
	}
	out, _, err := runIn(t, dir, `print(#io.open("big"):read("a"), #io.open("big"):read(1 << 21))`, strings.NewReader(""), 64<<20)
	if err != nil || out != "2097152\t2097152\n" {
		t.Errorf("under a large enough limit: %q, %v", out, err)
	}
}

// Reading a file line by line allocates only the line strings.
func TestLinesAllocs(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for range 2000 {
		b.WriteString("a line of text that is long enough not to be tiny\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	st := newState(dir, strings.NewReader(""), io.Discard, io.Discard, 0)
	defer st.Close()
	fn, err := st.Load([]byte(`local f = io.open("f") return function() f:seek("set") local n = 0 for l in f:lines() do n = n + #l end return n end`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Main().Call(fn)
	if err != nil {
		t.Fatal(err)
	}
	count := res[0]
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := st.Main().Call(count); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 2000+20 {
		t.Errorf("%.0f allocations to read 2000 lines", allocs)
	}
}

// Writing strings and numbers to a file or to standard output does not
// allocate.
func TestWriteAllocs(t *testing.T) {
	st := newState(t.TempDir(), strings.NewReader(""), io.Discard, io.Discard, 0)
	defer st.Close()
	fn, err := st.Load([]byte(`local f = io.open("out.txt", "w")
return function() f:write("text ", 12345, " ", 1.5, "\n") io.write("text ", -7, " ", 2^60, "\n") end`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Main().Call(fn)
	if err != nil {
		t.Fatal(err)
	}
	w := res[0]
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := st.Main().Call(w); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0 {
		t.Errorf("%.1f allocations per write", allocs)
	}
}

// FlushAll writes out what open files buffer, without closing them (for
// os.exit without closing the State).
func TestFlushAll(t *testing.T) {
	dir := t.TempDir()
	var out flushWriter
	st := newState(dir, strings.NewReader(""), &out, io.Discard, 0)
	defer st.Close()
	fn, err := st.Load([]byte(`F = io.open("a.txt", "w") F:write("buffered")
local g = io.open("b.txt", "w") g:write("closed") g:close()
io.write("to stdout")`), "=t", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Main().Call(fn); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.txt")); len(b) != 0 {
		t.Fatalf("a.txt holds %q before FlushAll", b)
	}
	iolib.FlushAll(st)
	if b, err := os.ReadFile(filepath.Join(dir, "a.txt")); err != nil || string(b) != "buffered" {
		t.Errorf("a.txt = %q, %v after FlushAll", b, err)
	}
	if out.flushes != 1 {
		t.Errorf("stdout flushed %d times", out.flushes)
	}
	iolib.FlushAll(vm.NewState(vm.Options{})) // no io library: nothing to do
}
