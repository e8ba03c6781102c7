package compiler

import (
	"strings"
	"testing"

	bc "github.com/tidelua/tide/internal/bytecode"
)

// TestLongChains compiles chains of left-nested operands far longer than
// any Go stack could recurse through; the reference compiles them too.
func TestLongChains(t *testing.T) {
	const n = 1_000_000
	cases := []struct {
		name, head, link, tail string
		op                     bc.Opcode
	}{
		{"add", "x = y", "+1", "", bc.OpAddI},
		{"field", "x = y", ".b", "", bc.OpGetField},
		{"call", "x = y", "()", "", bc.OpCall},
		{"method", "x = y", ":m()", "", bc.OpSelf},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.head + strings.Repeat(tc.link, n) + tc.tail
			p := mustCompile(t, src)
			count := 0
			for _, ins := range p.Code {
				if ins.Op() == tc.op {
					count++
				}
			}
			if count != n {
				t.Errorf("got %d %v instructions, want %d", count, tc.op, n)
			}
		})
	}
}

// TestSpineMatchesRecursion checks that a chain just above maxSpine, which
// takes the loop, compiles to the same code as the recursive path gives
// for the same chain split by parentheses-free statements of shorter
// chains (each link's code depends only on the links before it).
func TestSpineMatchesRecursion(t *testing.T) {
	long := "local a, b = ...; return a" + strings.Repeat(" + b * 2", maxSpine+10)
	short := "local a, b = ...; return a" + strings.Repeat(" + b * 2", maxSpine/2)
	pl, ps := mustCompile(t, long), mustCompile(t, short)
	// The prefix of the long chain's code (before the last links) must
	// repeat the short chain's per-link pattern exactly.
	body := func(p *bc.Proto) []bc.Opcode {
		var ops []bc.Opcode
		for _, ins := range p.Code {
			ops = append(ops, ins.Op())
		}
		return ops
	}
	ol, os := body(pl), body(ps)
	n := len(os) - 2 // drop RETURN1/RETURN
	for i := 0; i < n; i++ {
		if ol[i] != os[i] {
			t.Fatalf("opcode %d: long chain has %v, short chain %v", i, ol[i], os[i])
		}
	}
}
