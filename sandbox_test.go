package tide_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

// sandboxEscapes are classic ways out of a Lua sandbox. Each script prints
// "GOT" when it obtains the capability; unsandboxed it must (proving that
// the attempt is real), sandboxed it must fail with the given message.
var sandboxEscapes = []struct {
	name, src, want string
}{
	{"io.open", `local f = io.open("sandbox_test.go") if f then print("GOT") end`,
		"attempt to index a nil value (global 'io')"},
	{"io.popen", `local p = io.popen("echo hi") if p:read("l") == "hi" then print("GOT") end`,
		"attempt to index a nil value (global 'io')"},
	{"os.execute", `if os.execute() then print("GOT") end`,
		"attempt to call a nil value (field 'execute')"},
	{"os.getenv", `if os.getenv("PATH") then print("GOT") end`,
		"attempt to call a nil value (field 'getenv')"},
	{"os.exit", `if os.exit then print("GOT") end os.exit(3)`,
		"attempt to call a nil value (field 'exit')"},
	{"os.remove", `local n = os.tmpname() if os.remove(n) then print("GOT") end`,
		"attempt to call a nil value (field 'tmpname')"},
	{"loadfile", `if loadfile("sandbox_test.go") ~= nil or true then print("GOT") end`,
		"attempt to call a nil value (global 'loadfile')"},
	{"dofile", `dofile("/dev/null") print("GOT")`,
		"attempt to call a nil value (global 'dofile')"},
	{"require io", `local io = require("io") if io.open then print("GOT") end`,
		"module 'io' not found"},
	{"require a file", `package.path = "./?.go" local ok, e = pcall(require, "sandbox_test") if tostring(e):find("sandbox_test.go") then print("GOT") end error(e, 0)`,
		"attempt to index a nil value (global 'package')"},
	{"package.loadlib", `if package.loadlib then print("GOT") end`,
		"attempt to index a nil value (global 'package')"},
	{"string.dump", `local s = string.dump(function() end) if s then print("GOT") end`,
		"attempt to call a nil value (field 'dump')"},
	{"string metatable", `local d = getmetatable("").__index.dump if d(function() end) then print("GOT") end`,
		"attempt to call a nil value (local 'd')"},
	{"rawget string.dump", `local d = rawget(string, "dump") if d(function() end) then print("GOT") end`,
		"attempt to call a nil value (local 'd')"},
	{"binary chunk", `local f = assert(load(BIN)) if f() == 42 then print("GOT") end`,
		"attempt to load a binary chunk"},
	{"debug.getregistry", `if debug.getregistry() then print("GOT") end`,
		"attempt to call a nil value (field 'getregistry')"},
	{"debug.getupvalue", `local x = 1 local function f() return x end if debug.getupvalue(f, 1) then print("GOT") end`,
		"attempt to call a nil value (field 'getupvalue')"},
	{"debug.sethook", `debug.sethook(function() end, "l") debug.sethook() print("GOT")`,
		"attempt to call a nil value (field 'sethook')"},
	{"load with _G env", `local f = load("return io.open", "x", "t", _G) if f() then print("GOT") end`,
		"attempt to index a nil value (global 'io')"},
	{"coroutine", `local io2 = coroutine.wrap(function() return io end)() if io2.open then print("GOT") end`,
		"attempt to index a nil value (local 'io2')"},
	{"error object", `local ok, e = pcall(error, setmetatable({}, {__index = function() return io end})) if e.x.open then print("GOT") end`,
		"attempt to index a nil value (field 'x')"},
	{"finalizer", `setmetatable({}, {__gc = function() GOT = io end}) collectgarbage() collectgarbage() if GOT.open then print("GOT") end`,
		"attempt to index a nil value (global 'GOT')"},
	{"collectgarbage stop", `collectgarbage("stop") print("GOT")`,
		"bad argument #1 to 'collectgarbage' (option 'stop' is not allowed in the sandbox)"},
	{"rawget _G", `if rawget(_G, "io") then print("GOT") end error("no io")`,
		"no io"},
}

func TestSandboxEscapes(t *testing.T) {
	if len(sandboxEscapes) < 15 {
		t.Fatalf("only %d escape attempts", len(sandboxEscapes))
	}
	ctx := context.Background()
	// A binary chunk, made where string.dump exists.
	maker := tide.NewState(tide.Options{})
	defer maker.Close()
	fn, err := maker.Load([]byte(`return string.dump(function() return 42 end)`), "=dump")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := maker.Call(ctx, fn)
	if err != nil {
		t.Fatal(err)
	}
	bin, _ := maker.ToString(rs[0])
	for _, tc := range sandboxEscapes {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			// Binary chunks are allowed in both: the sandbox must refuse
			// them anyway.
			open := tide.NewState(tide.Options{Stdout: &out, AllowBinaryChunks: true})
			defer open.Close()
			open.SetGlobal("BIN", tide.String(bin))
			err := open.DoString(ctx, tc.src, "=escape")
			if !strings.Contains(out.String(), "GOT") {
				t.Fatalf("unsandboxed, the attempt does not obtain the capability: output %q, err %v", out.String(), err)
			}
			out.Reset()
			sb := tide.NewState(tide.Options{Stdout: &out, Sandbox: true, AllowBinaryChunks: true})
			defer sb.Close()
			sb.SetGlobal("BIN", tide.String(bin))
			err = sb.DoString(ctx, tc.src, "=escape")
			if strings.Contains(out.String(), "GOT") {
				t.Fatalf("sandboxed, the attempt succeeded: %q", out.String())
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("sandboxed: err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestSandboxKeepsTheLanguage checks that ordinary code runs sandboxed.
func TestSandboxKeepsTheLanguage(t *testing.T) {
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out, Sandbox: true})
	defer s.Close()
	src := `
local json = require("json")
local t = {}
for w in ("a b c"):gmatch("%a") do t[#t + 1] = w:upper() end
table.sort(t, function(a, b) return a > b end)
local co = coroutine.wrap(function() coroutine.yield(utf8.char(233)) end)
print(table.concat(t), math.max(1, 2), co(), json.encode({1, 2}), type(os.time()), collectgarbage("count") > 0)
print(load("return 1 + 1")(), select(2, pcall(error, "e")), debug.traceback("tb"):match("^tb\nstack traceback:") ~= nil)`
	if err := s.DoString(context.Background(), src, "=ok"); err != nil {
		t.Fatal(err)
	}
	want := "CBA\t2\té\t[1,2]\tnumber\ttrue\n2\te\ttrue\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
