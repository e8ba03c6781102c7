package string

import (
	"strings"
	"testing"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

func loadText(t *testing.T, st *vm.State, src string) value.Value {
	t.Helper()
	f, err := st.Load([]byte(src), "=test", "t", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDumpArguments(t *testing.T) {
	st := vm.NewState(vm.Options{})
	l := st.Main()
	goFn := vm.NewGoFunction("f", func(l *vm.Thread, args []value.Value) ([]value.Value, error) { return nil, nil })
	tests := []struct {
		name string
		args []value.Value
		want string
	}{
		{"none", nil, "error: bad argument #1 (function expected, got no value)"},
		{"number", []value.Value{I(1)}, "error: bad argument #1 (function expected, got number)"},
		{"table", []value.Value{E()}, "error: bad argument #1 (function expected, got table)"},
		{"go function", []value.Value{goFn}, "error: unable to dump given function"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(strDump(l, tc.args)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDumpLoad(t *testing.T) {
	st := vm.NewState(vm.Options{})
	l := st.Main()
	f := loadText(t, st, "local a, b = ... return a * b, function(x) return x .. '!' end")
	for _, strip := range []bool{false, true} {
		res, err := strDump(l, []value.Value{f, value.Bool(strip)})
		if err != nil {
			t.Fatal(err)
		}
		chunk := res[0].AsString()
		g, err := st.Load([]byte(chunk), chunk, "b", value.Nil)
		if err != nil {
			t.Fatalf("strip=%v: %v", strip, err)
		}
		out, err := l.Call(g, I(6), I(7))
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 2 || !out[0].IsInt() || out[0].AsInt() != 42 {
			t.Fatalf("strip=%v: got %v", strip, out)
		}
		out, err = l.Call(out[1], S("hi"))
		if err != nil || len(out) != 1 || out[0].AsString() != "hi!" {
			t.Fatalf("strip=%v: inner function: %v %v", strip, out, err)
		}
	}
}

// TestLoadBinaryErrors checks the messages of load for chunks tide cannot
// take: they follow lundump.c's "chunk: bad binary format (why)".
func TestLoadBinaryErrors(t *testing.T) {
	st := vm.NewState(vm.Options{})
	l := st.Main()
	f := loadText(t, st, "return 1")
	res, err := strDump(l, []value.Value{f})
	if err != nil {
		t.Fatal(err)
	}
	good := res[0].AsString()
	flipped := []byte(good)
	flipped[len(flipped)/2] ^= 1
	newer := []byte(good)
	newer[10] = 200
	// a function whose code reads register 7 of 2: dumps fine, never verifies
	bad := bc.Dump(&bc.Proto{MaxStackSize: 2, Code: []bc.Instruction{
		bc.ABC(bc.OpMove, 7, 0, 0, false), bc.ABC(bc.OpReturn0, 0, 0, 0, false)}}, false)
	// the start of what luac 5.4 writes
	reference := "\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08\x78\x56\x00\x00\x00\x00\x00\x00"
	tests := []struct {
		name, chunk, chunkname, mode, want string
	}{
		{"text mode", good, "=x", "t", "attempt to load a binary chunk (mode is 't')"},
		{"reference", reference, "=luac.out", "bt", "luac.out: bad binary format (not a tide chunk: precompiled by the reference Lua?)"},
		{"checksum", string(flipped), "@f.lua", "b", "f.lua: bad binary format (checksum mismatch)"},
		{"truncated", good[:len(good)-1], "=x", "b", "x: bad binary format (truncated chunk)"},
		{"binary string", good[:20], good[:20], "b", "binary string: bad binary format (truncated chunk)"},
		{"newer", string(newer), "=x", "b", "x: bad binary format (made by a newer tide: format version 200, this tide reads version 1)"},
		{"invalid code", string(bad), "=x", "b", "x: bad binary format (invalid code: main, instruction 1: MOVE: register 7 out of range (stack size 2))"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fn, err := st.Load([]byte(tc.chunk), tc.chunkname, tc.mode, value.Nil)
			if err == nil {
				t.Fatalf("loaded: %v", fn)
			}
			if err.Error() != tc.want {
				t.Fatalf("got  %q\nwant %q", err, tc.want)
			}
		})
	}
}

// TestDumpEnvUpvalue checks that only the first upvalue of a loaded
// function gets the environment; others are fresh and nil.
func TestDumpEnvUpvalue(t *testing.T) {
	st := vm.NewState(vm.Options{})
	l := st.Main()
	st.Globals().SetStr("g", S("global"))
	outer := loadText(t, st, "local u = 5 return function() return g, u end")
	out, err := l.Call(outer)
	if err != nil {
		t.Fatal(err)
	}
	res, err := strDump(l, []value.Value{out[0]})
	if err != nil {
		t.Fatal(err)
	}
	chunk := res[0].AsString()
	if !strings.HasPrefix(chunk, bc.Signature) {
		t.Fatalf("chunk starts with %q", chunk[:4])
	}
	fn, err := st.Load([]byte(chunk), "=c", "b", value.Nil)
	if err != nil {
		t.Fatal(err)
	}
	// The inner function's upvalues are _ENV then u: _ENV gets the globals.
	out, err = l.Call(fn)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].AsString() != "global" || !out[1].IsNil() {
		t.Fatalf("got %v", out)
	}
}
