package bytecode_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// fuzzSeeds are small programs whose dumps seed FuzzUndump.
var fuzzSeeds = []string{
	"return 1",
	"local a, b = ... return a + b, a .. b, a < b, not a",
	"local t = {1, 2, 3, x = 'y', [4] = 4.5} for i = 1, #t do t[i] = t[i] * 2 end return t",
	"local function f(n) if n < 2 then return n end return f(n-1) + f(n-2) end return f(10)",
	"local s = 0 for k, v in pairs({...}) do s = s + v end while s > 10 do s = s - 1 end return s",
	"local x <close> = nil local co = coroutine and 1 return function(...) return select('#', ...), ... end",
	"goto l ::l:: local a = {f = function(self) return self end} return a:f(), #a, -a.x, ~1 >> 2",
}

// reseal replaces the checksum of a tide chunk so that a mutated chunk
// reaches the decoder and the verifier instead of failing the checksum.
func reseal(data []byte) []byte {
	if len(data) < 16 || !bytes.HasPrefix(data, []byte("\x1bLua\x54Ttide")) {
		return data
	}
	b := bytes.Clone(data[:len(data)-4])
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// FuzzUndump feeds random and mutated chunks to Undump and Verify; what
// verifies is run with an instruction quota and a memory limit. Invariant:
// an error or a result, never a panic or a hang.
func FuzzUndump(f *testing.F) {
	for _, src := range fuzzSeeds {
		p := compile(f, src, "=seed")
		f.Add(bc.Dump(p, false))
		f.Add(bc.Dump(p, true))
	}
	f.Add([]byte("\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range [][]byte{data, reseal(data)} {
			p, err := bc.Undump(d, "=fuzz")
			if err != nil {
				if p != nil {
					t.Fatal("proto and error")
				}
				continue
			}
			if bc.Verify(p) != nil {
				continue
			}
			p.HashKeys()
			// The listing must not panic either.
			var b bytes.Buffer
			bc.Disassemble(&b, p)
			if mayHang(p) {
				continue
			}
			runQuota(t, d)
		}
	})
}

// runQuota loads a verified chunk into a fresh state and calls it with a
// few arguments under quotas.
func runQuota(t *testing.T, chunk []byte) {
	st := vm.NewState(vm.Options{MaxInstructions: 20000, MemoryLimit: 64 << 20, MaxCallDepth: 200})
	defer st.Close()
	fn, err := st.Load(chunk, "=fuzz", "b", value.Nil)
	if err != nil {
		t.Fatalf("verified chunk does not load: %v", err)
	}
	_, err = st.Main().Call(fn, value.Int(1), value.String("x"), value.Nil)
	// The vm turns a Go panic into an error value saying so.
	if err != nil && strings.Contains(err.Error(), "go panic") {
		var b bytes.Buffer
		if p, uerr := bc.Undump(chunk, "=fuzz"); uerr == nil {
			bc.Disassemble(&b, p)
		}
		t.Fatalf("verified code panics the vm: %v\n%s", err, b.String())
	}
}

// mayHang reports whether p or a nested function has a loop that the
// instruction quota does not see. The vm charges the quota on calls,
// backward JMPs and FORLOOP, but not on a comparison that takes its
// backward jump itself nor on TFORLOOP; such a loop could spin forever
// under a quota, so the fuzzer does not run it (see the vm's quota notes).
func mayHang(p *bc.Proto) bool {
	for _, q := range p.Protos {
		if mayHang(q) {
			return true
		}
	}
	code := p.Code
	n := len(code)
	// Edges the quota does not charge.
	edges := make([][]int, n)
	for pc, i := range code {
		add := func(s int) {
			if s >= 0 && s < n {
				edges[pc] = append(edges[pc], s)
			}
		}
		switch op := i.Op(); op {
		case bc.OpCall, bc.OpTailCall, bc.OpReturn, bc.OpReturn0, bc.OpReturn1:
			// calls are charged; returns end the frame
		case bc.OpJmp:
			if i.SJ() >= 0 {
				add(pc + 1 + i.SJ())
			}
		case bc.OpForLoop:
			add(pc + 1)
		case bc.OpEq, bc.OpLt, bc.OpLe, bc.OpEqK, bc.OpEqI, bc.OpLtI, bc.OpLeI, bc.OpGtI, bc.OpGeI,
			bc.OpTest, bc.OpTestSet:
			add(pc + 1)
			add(pc + 2)
			if pc+1 < n {
				add(pc + 2 + code[pc+1].SJ()) // the jump taken without running the JMP
			}
		case bc.OpTForLoop:
			add(pc + 1)
			add(pc + 1 - i.Bx())
		case bc.OpForPrep:
			add(pc + 1)
			add(pc + 2 + i.Bx())
		case bc.OpTForPrep:
			add(pc + 1 + i.Bx())
		case bc.OpLoadKX, bc.OpNewTable, bc.OpLFalseSkip:
			add(pc + 2)
		case bc.OpSetList:
			if i.K() {
				add(pc + 2)
			} else {
				add(pc + 1)
			}
		default:
			add(pc + 1)
			if op >= bc.OpAddI && op <= bc.OpShr {
				add(pc + 2)
			}
		}
	}
	// Iterative depth-first search for a cycle.
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, n)
	type item struct{ pc, next int }
	for start := range code {
		if color[start] != white {
			continue
		}
		stack := []item{{start, 0}}
		color[start] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(edges[top.pc]) {
				color[top.pc] = black
				stack = stack[:len(stack)-1]
				continue
			}
			s := edges[top.pc][top.next]
			top.next++
			switch color[s] {
			case grey:
				return true
			case white:
				color[s] = grey
				stack = append(stack, item{s, 0})
			}
		}
	}
	return false
}

// TestFuzzSeedsRun runs the seeds as FuzzUndump does, so that the harness
// itself is tested without -fuzz.
func TestFuzzSeedsRun(t *testing.T) {
	for _, src := range fuzzSeeds {
		p := compile(t, src, "=seed")
		for _, strip := range []bool{false, true} {
			d := bc.Dump(p, strip)
			q, err := bc.Undump(d, "=seed")
			if err != nil {
				t.Fatal(err)
			}
			if err := bc.Verify(q); err != nil {
				t.Fatal(err)
			}
			if !mayHang(q) {
				runQuota(t, d)
			}
		}
	}
}

// FuzzVerifyCode puts arbitrary instructions into an otherwise valid
// function (with constants of every kind, upvalues and a nested function)
// and runs what Verify accepts: the verifier's promise is that the vm never
// panics on verified code.
func FuzzVerifyCode(f *testing.F) {
	for _, src := range fuzzSeeds {
		p := compile(f, src, "=seed")
		var b []byte
		b = append(b, byte(p.MaxStackSize))
		for _, i := range p.Code {
			b = binary.LittleEndian.AppendUint32(b, uint32(i))
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 4*512 {
			return
		}
		child := compile(t, "local a, b return function(x) a = x return b, a end", "=child").Protos[0]
		p := &bc.Proto{
			Source: "=fuzz", NumParams: 1, IsVararg: true, MaxStackSize: int(data[0]),
			Constants: []value.Value{value.String("k"), value.Int(3), value.Float(2.5), value.True, value.Nil,
				value.String("")},
			Upvalues: []bc.UpvalueDesc{{Name: "_ENV"}, {Name: "u"}},
			Protos:   []*bc.Proto{child},
		}
		for b := data[1:]; len(b) >= 4; b = b[4:] {
			p.Code = append(p.Code, bc.Instruction(binary.LittleEndian.Uint32(b)))
		}
		p.Code = append(p.Code, bc.ABC(bc.OpReturn0, 0, 0, 0, false))
		if bc.Verify(p) != nil {
			return
		}
		var b bytes.Buffer
		bc.Disassemble(&b, p)
		if mayHang(p) {
			return
		}
		runQuota(t, bc.Dump(p, false))
	})
}
