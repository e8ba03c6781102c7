package bytecode_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/compiler"
	"github.com/tidelua/tide/internal/parser"
)

func compile(t testing.TB, src, name string) *bc.Proto {
	t.Helper()
	chunk, err := parser.Parse([]byte(src), name)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	p, err := compiler.Compile(chunk)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return p
}

// fileText drops a UTF-8 BOM and a first line starting with '#', keeping
// its newline, as luaL_loadfilex does.
func fileText(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if len(src) > 0 && src[0] == '#' {
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			return src[i:]
		}
		return nil
	}
	return src
}

func listing(p *bc.Proto) string {
	var b strings.Builder
	bc.Disassemble(&b, p)
	return b.String()
}

// scripts returns the sources of testdata/scripts that compile.
func scripts(t testing.TB) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/scripts/*.lua")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(src)
	}
	return out
}

// stripProto is what a stripped dump keeps of p: no locals or upvalue
// names, source "=?", every line -1 (unknown).
func stripProto(p *bc.Proto) *bc.Proto {
	q := *p
	q.Source = "=?"
	q.Lines = make([]int32, len(p.Code))
	for i := range q.Lines {
		q.Lines[i] = -1
	}
	q.LocVars = nil
	q.Upvalues = append([]bc.UpvalueDesc(nil), p.Upvalues...)
	for i := range q.Upvalues {
		q.Upvalues[i].Name = ""
	}
	q.Protos = make([]*bc.Proto, len(p.Protos))
	for i, c := range p.Protos {
		q.Protos[i] = stripProto(c)
	}
	return &q
}

// TestRoundTripScripts compiles every script of the corpus, dumps it with
// and without debug information, undumps and verifies it, and compares the
// listings.
func TestRoundTripScripts(t *testing.T) {
	for name, src := range scripts(t) {
		t.Run(name, func(t *testing.T) {
			chunk, err := parser.Parse(fileText([]byte(src)), "@"+name)
			if err != nil {
				t.Skip("does not parse:", err)
			}
			p, err := compiler.Compile(chunk)
			if err != nil {
				t.Skip("does not compile:", err)
			}
			if err := bc.Verify(p); err != nil {
				t.Fatalf("compiled code fails verification: %v\n%s", err, listing(p))
			}
			for _, strip := range []bool{false, true} {
				data := bc.Dump(p, strip)
				q, err := bc.Undump(data, "@"+name)
				if err != nil {
					t.Fatalf("strip=%v: undump: %v", strip, err)
				}
				if err := bc.Verify(q); err != nil {
					t.Fatalf("strip=%v: verify: %v", strip, err)
				}
				want := p
				if strip {
					want = stripProto(p)
				}
				if got, want := listing(q), listing(want); got != want {
					t.Fatalf("strip=%v: listings differ\ngot:\n%s\nwant:\n%s", strip, got, want)
				}
				if again := bc.Dump(q, strip); !bytes.Equal(again, data) {
					t.Fatalf("strip=%v: dumping the undumped proto gives other bytes", strip)
				}
			}
		})
	}
}

func TestUndumpErrors(t *testing.T) {
	p := compile(t, "local a, b = ... return a + b, 'x', 1.5, 2, true, nil, function() return a end", "=t")
	good := bc.Dump(p, false)
	reseal := func(b []byte) []byte {
		b = b[:len(b)-4]
		return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	}
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	set := func(i int, v byte) []byte {
		b := bytes.Clone(good)
		b[i] = v
		return reseal(b)
	}
	tests := []struct {
		name, chunk string
		data        []byte
		want        string
	}{
		{"empty", "=x", []byte{}, "x: bad binary format (truncated chunk)"},
		{"short signature", "=x", []byte("\x1bLu"), "x: bad binary format (truncated chunk)"},
		{"bad signature", "=x", []byte("\x1bLux"), "x: bad binary format (not a binary chunk)"},
		{"version", "@f.lua", []byte("\x1bLua\x53"), "f.lua: bad binary format (version mismatch)"},
		{"reference", "\x1bLua", []byte("\x1bLua\x54\x00\x19\x93\r\n\x1a\n"),
			"binary string: bad binary format (not a tide chunk: precompiled by the reference Lua?)"},
		{"format", "name", []byte("\x1bLua\x54\x01"), "name: bad binary format (format mismatch)"},
		{"magic", "=x", []byte("\x1bLua\x54Ttida\x01"), "x: bad binary format (format mismatch)"},
		{"newer", "=x", set(10, 9), "x: bad binary format (made by a newer tide: format version 9, this tide reads version 1)"},
		{"older", "=x", set(10, 0), "x: bad binary format (format version mismatch)"},
		{"truncated header", "=x", good[:8], "x: bad binary format (truncated chunk)"},
		{"truncated", "=x", good[:len(good)/2], "x: bad binary format (truncated chunk)"},
		{"no checksum", "=x", good[:len(good)-4], "x: bad binary format (truncated chunk)"},
		{"part checksum", "=x", good[:len(good)-2], "x: bad binary format (truncated chunk)"},
		{"checksum", "=x", flip(len(good) - 1), "x: bad binary format (checksum mismatch)"},
		{"damaged", "=x", flip(len(good) / 2), "x: bad binary format (checksum mismatch)"},
		{"extra", "=x", reseal(append(bytes.Clone(good), 0, 0, 0, 0)), "x: bad binary format (malformed chunk: extra bytes)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bc.Undump(tc.data, tc.chunk)
			if err == nil {
				t.Fatalf("no error")
			}
			var fe *bc.FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T, want *FormatError", err)
			}
			if err.Error() != tc.want {
				t.Fatalf("got  %q\nwant %q", err, tc.want)
			}
		})
	}
}

// TestUndumpEveryPrefix checks that no prefix of a valid chunk loads.
func TestUndumpEveryPrefix(t *testing.T) {
	p := compile(t, "local t = {1, 2, 'three', x = 4.5} for i = 1, 3 do t[i] = function() return i end end return t", "=p")
	data := bc.Dump(p, false)
	for n := 0; n < len(data); n++ {
		if _, err := bc.Undump(data[:n], "=p"); err == nil {
			t.Fatalf("prefix of %d bytes loaded", n)
		}
	}
	if _, err := bc.Undump(data, "=p"); err != nil {
		t.Fatal(err)
	}
}

func TestUndumpHugeCounts(t *testing.T) {
	// A chunk claiming 2^60 instructions must fail fast, without allocating.
	b := []byte("\x1bLua\x54Ttide\x01")
	b = append(b, 0, 0, 0, 0, 0, 2)                                // source, lines, params, vararg, stack
	b = binary.AppendUvarint(b, 1<<60)                             // #code
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)) // bad: sums only the header part
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := bc.Undump(b, "=x"); err == nil {
			t.Fatal("loaded")
		}
	})
	if allocs > 10 {
		t.Fatalf("%v allocations", allocs)
	}
}

// TestVerifyCompilerCorpus checks that Verify accepts whatever the
// compiler makes of the odd programs in its fuzz corpus, and that they
// survive a dump round trip.
func TestVerifyCompilerCorpus(t *testing.T) {
	files, _ := filepath.Glob("../compiler/testdata/fuzz/FuzzCompile/*")
	if len(files) == 0 {
		t.Skip("no compiler corpus")
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(string(data), "\n", 3)
		if len(lines) < 2 || !strings.HasPrefix(lines[1], "[]byte(") {
			continue
		}
		src, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			continue
		}
		chunk, err := parser.Parse([]byte(src), "=corpus")
		if err != nil {
			continue
		}
		p, err := compiler.Compile(chunk)
		if err != nil {
			continue
		}
		n++
		if err := bc.Verify(p); err != nil {
			t.Errorf("%s: %v\n%s", filepath.Base(f), err, listing(p))
			continue
		}
		q, err := bc.Undump(bc.Dump(p, false), "=corpus")
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if listing(q) != listing(p) {
			t.Errorf("%s: listings differ", filepath.Base(f))
		}
	}
	t.Logf("%d programs compiled and verified", n)
}
