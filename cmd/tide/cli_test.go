package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/testutil"
)

// binary is the tide program built once by TestMain for the CLI tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tide-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "tide")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		// The CLI tests report the failure; the in-process tests still run.
		binary = ""
		fmt.Fprintf(os.Stderr, "building tide: %v\n%s", err, out)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// usageText is what lua5.4 prints after an option error, with our name.
const usageText = `usage: tide [options] [script [args]]
Available options are:
  -e stat   execute string 'stat'
  -i        enter interactive mode after executing 'script'
  -l mod    require library 'mod' into global 'mod'
  -l g=mod  require library 'mod' into global 'g'
  -v        show version information
  -E        ignore environment variables
  -W        turn warnings on
  --        stop handling options
  -         stop handling options and execute stdin
`

// cliFiles are written into the working directory of every CLI test.
var cliFiles = map[string]string{
	"args.lua":    `print(arg[-2], arg[-1], arg[0], arg[1], arg[2], #arg, select("#", ...), ...)` + "\n",
	"shebang.lua": "#!/usr/bin/env tide\nprint(1)\nerror(\"l3\")\n",
	"init.lua":    "x = 'from init file'\n",
	"serve":       "print('a script named serve')\n",
	"table.lua":   "error({code = 1})\n",
}

// TestCLI runs the built binary; expected texts come from lua5.4 5.4.4
// with "lua5.4" replaced by "tide".
func TestCLI(t *testing.T) {
	if binary == "" {
		t.Fatal("the tide binary could not be built (see the TestMain output)")
	}
	dir := t.TempDir()
	for name, text := range cliFiles {
		testutil.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		env        []string
		stdout     string
		stderr     string
		exitStatus int
	}{
		{name: "version", args: []string{"-v"}, stdout: "tide 0.1 (Lua 5.4)\n"},
		{name: "execute", args: []string{"-e", "print(1+1)"}, stdout: "2\n"},
		{name: "execute joined", args: []string{"-eprint(7)"}, stdout: "7\n"},
		{name: "several -e in order", args: []string{"-e", "x=1", "-e", "print(x)"}, stdout: "1\n"},
		{name: "arg table", args: []string{"-e", "x=1", "args.lua", "a", "b"}, stdout: "-e\tx=1\targs.lua\ta\tb\t2\t2\ta\tb\n"},
		{name: "arg without script args", args: []string{"--", "args.lua", "z"}, stdout: "BIN\t--\targs.lua\tz\tnil\t1\t1\tz\n"},
		{name: "stdin script", args: []string{"-", "a", "b"}, stdin: "print(...)\n", stdout: "a\tb\n"},
		{name: "stdin by default", stdin: "print(10 // 3)\n", stdout: "3\n"},
		{name: "shebang line", args: []string{"shebang.lua"}, stdout: "1\n",
			stderr: "tide: shebang.lua:3: l3\nstack traceback:\n\t[C]: in function 'error'\n\tshebang.lua:3: in main chunk\n\t[C]: in ?\n", exitStatus: 1},
		{name: "unknown option", args: []string{"-x"}, stderr: "tide: unrecognized option '-x'\n" + usageText, exitStatus: 1},
		{name: "option with extra characters", args: []string{"-vx"}, stderr: "tide: unrecognized option '-vx'\n" + usageText, exitStatus: 1},
		{name: "missing argument", args: []string{"-e"}, stderr: "tide: '-e' needs argument\n" + usageText, exitStatus: 1},
		{name: "argument that is an option", args: []string{"-l", "-v"}, stderr: "tide: '-l' needs argument\n" + usageText, exitStatus: 1},
		{name: "runtime error", args: []string{"-e", "error('boom')"},
			stderr: "tide: (command line):1: boom\nstack traceback:\n\t[C]: in function 'error'\n\t(command line):1: in main chunk\n\t[C]: in ?\n", exitStatus: 1},
		{name: "error object is a table", args: []string{"table.lua"},
			stderr: "tide: (error object is a table value)\nstack traceback:\n\t[C]: in function 'error'\n\ttable.lua:1: in main chunk\n\t[C]: in ?\n", exitStatus: 1},
		{name: "error object with __tostring", args: []string{"-e", `error(setmetatable({}, {__tostring = function() return "TS" end}))`},
			stderr: "tide: TS\n", exitStatus: 1},
		{name: "syntax error", args: []string{"-e", "x=="}, stderr: "tide: (command line):1: syntax error near '=='\n", exitStatus: 1},
		{name: "missing file", args: []string{"nofile.lua"}, stderr: "tide: cannot open nofile.lua: No such file or directory\n", exitStatus: 1},
		{name: "output before error", args: []string{"-e", "print(1)", "-e", "error('x', 0)", "-e", "print(2)"}, stdout: "1\n",
			stderr: "tide: x\nstack traceback:\n\t[C]: in function 'error'\n\t(command line):1: in main chunk\n\t[C]: in ?\n", exitStatus: 1},
		{name: "LUA_INIT", args: []string{"-e", "print(x)"}, env: []string{"LUA_INIT=x=5"}, stdout: "5\n"},
		{name: "LUA_INIT_5_4 first", args: []string{"-e", "print(x)"}, env: []string{"LUA_INIT=x=5", "LUA_INIT_5_4=x=6"}, stdout: "6\n"},
		{name: "LUA_INIT file", args: []string{"-e", "print(x)"}, env: []string{"LUA_INIT=@init.lua"}, stdout: "from init file\n"},
		{name: "-E ignores LUA_INIT", args: []string{"-E", "-e", "print(x)"}, env: []string{"LUA_INIT=x=5"}, stdout: "nil\n"},
		{name: "LUA_INIT error", args: []string{"-e", "print(x)"}, env: []string{`LUA_INIT=error("i")`},
			stderr: "tide: LUA_INIT:1: i\nstack traceback:\n\t[C]: in function 'error'\n\tLUA_INIT:1: in main chunk\n\t[C]: in ?\n", exitStatus: 1},
		{name: "warnings on", args: []string{"-W", "-e", "warn('hi')"}, stderr: "Lua warning: hi\n"},
		{name: "warnings off by default", args: []string{"-e", "warn('hi')"}},
		{name: "script named like a subcommand", args: []string{"./serve"}, stdout: "a script named serve\n"},
		{name: "script named like a subcommand after --", args: []string{"--", "serve"}, stdout: "a script named serve\n"},
		{name: "repl", args: []string{"-i"},
			stdin:  "1+1\nx = 10\nx\nfunction f()\nreturn 2\nend\nf()\nerror(\"x\")\n=x+1\nlocal a = \n",
			stdout: "tide 0.1 (Lua 5.4)\n> 2\n> > 10\n> >> >> > 2\n> > 11\n> >> > \n",
			stderr: "stdin:1: x\nstack traceback:\n\t[C]: in function 'error'\n\tstdin:1: in main chunk\n\t[C]: in ?\nstdin:1: unexpected symbol near <eof>\n"},
		{name: "repl print error", args: []string{"-i"}, stdin: "print = nil\n1\n",
			stdout: "tide 0.1 (Lua 5.4)\n> > > \n", stderr: "error calling 'print' (attempt to call a nil value)\n"},
		{name: "repl prompts", args: []string{"-i", "-e", "_PROMPT = 'lua> ' _PROMPT2 = '... '"}, stdin: "if true then\nend\n",
			stdout: "tide 0.1 (Lua 5.4)\nlua> ... lua> \n"},
		{name: "repl after script", args: []string{"-i", "args.lua"}, stdin: "print(#arg)\n",
			stdout: "tide 0.1 (Lua 5.4)\nBIN\t-i\targs.lua\tnil\tnil\t0\t0\n> 0\n> \n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(binary, tc.args...)
			cmd.Dir = dir
			cmd.Env = append(cleanEnv(), tc.env...)
			cmd.Stdin = strings.NewReader(tc.stdin)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			if ee, ok := err.(*exec.ExitError); ok {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(tc.stdout, "BIN", binary)
			testutil.EqualText(t, "stdout", stdout.String(), want)
			testutil.EqualText(t, "stderr", stderr.String(), tc.stderr)
			testutil.Equal(t, "exit status", status, tc.exitStatus)
		})
	}
}

// TestCLIMissingModule checks -l before the package library exists: a
// clear error and exit status 1.
func TestCLIMissingModule(t *testing.T) {
	if binary == "" {
		t.Fatal("the tide binary could not be built")
	}
	cmd := exec.Command(binary, "-l", "nosuchmodule", "-e", "print(1)")
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1; output:\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), "tide: module 'nosuchmodule' not found") {
		t.Errorf("output %q does not start with the not-found message", out)
	}
}

// cleanEnv is the test process's environment without LUA_INIT variables.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LUA_INIT") {
			env = append(env, kv)
		}
	}
	return env
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args []string
		want options
	}{
		{[]string{"tide"}, options{script: 1}},
		{[]string{"tide", "x.lua", "-v"}, options{script: 1}},
		{[]string{"tide", "-v", "-E", "x.lua"}, options{v: true, noEnv: true, script: 3}},
		{[]string{"tide", "-i"}, options{i: true, v: true, script: 2}},
		{[]string{"tide", "-e", "s", "-l", "m", "x"}, options{e: true, script: 5}},
		{[]string{"tide", "-es", "-lm"}, options{e: true, script: 3}},
		{[]string{"tide", "--", "-v"}, options{script: 2}},
		{[]string{"tide", "-", "a"}, options{script: 1}},
		{[]string{"tide", "-e"}, options{e: true, bad: "-e"}},
		{[]string{"tide", "-e", "-v"}, options{e: true, bad: "-e"}},
		{[]string{"tide", "-x"}, options{bad: "-x"}},
		{[]string{"tide", "---"}, options{bad: "---"}},
		{[]string{"tide", "-Wx"}, options{bad: "-Wx"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got := parseArgs(tc.args)
			if got != tc.want {
				t.Errorf("parseArgs = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestDisasm checks the disasm subcommand in-process: a listing on stdout
// for a good file, lua-style messages for bad ones.
func TestDisasm(t *testing.T) {
	dir := t.TempDir()
	testutil.NoError(t, os.WriteFile(filepath.Join(dir, "f.lua"), []byte("#!shebang\nlocal x = 1\nprint(x)\n"), 0o644))
	testutil.NoError(t, os.WriteFile(filepath.Join(dir, "bad.lua"), []byte("x = = 1\n"), 0o644))
	tests := []struct {
		name       string
		args       []string
		stdout     []string // substrings
		stderr     string
		exitStatus int
	}{
		{"listing", []string{"tide", "disasm", "f.lua"}, []string{"f.lua", "VARARGPREP", "GETTABUP", "RETURN"}, "", 0},
		{"syntax error", []string{"tide", "disasm", "bad.lua"}, nil, "tide: bad.lua:1: unexpected symbol near '='\n", 1},
		{"missing file", []string{"tide", "disasm", "nofile.lua"}, nil, "tide: cannot open nofile.lua: No such file or directory\n", 1},
		{"usage", []string{"tide", "disasm"}, nil, "usage: tide disasm file.lua\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, dir: dir}
			code := run(t.Context(), tc.args, e)
			testutil.Equal(t, "exit status", code, tc.exitStatus)
			testutil.EqualText(t, "stderr", stderr.String(), tc.stderr)
			for _, sub := range tc.stdout {
				if !strings.Contains(stdout.String(), sub) {
					t.Errorf("listing lacks %q:\n%s", sub, stdout.String())
				}
			}
		})
	}
}
