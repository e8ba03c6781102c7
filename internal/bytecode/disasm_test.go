package bytecode

import (
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

func TestEveryOpcodeHasAName(t *testing.T) {
	seen := map[string]Opcode{}
	for op := Opcode(0); op < NumOpcodes; op++ {
		name := Info[op].Name
		if name == "" {
			t.Errorf("opcode %d has no name", op)
			continue
		}
		if prev, dup := seen[name]; dup {
			t.Errorf("opcodes %d and %d are both named %s", prev, op, name)
		}
		seen[name] = op
		if op.String() != name {
			t.Errorf("opcode %d: String() = %q, want %q", op, op.String(), name)
		}
	}
	if NumOpcodes.String() != "OP?" {
		t.Errorf("out of range opcode prints %q", NumOpcodes.String())
	}
}

// The listing of the code luac5.4 produces for
//
//	local t = {}
//	function f(a, ...) return a + 1, t.x end
//
// (assembled by hand here) matches `luac -l -l`, with addresses replaced
// by function ids.
func TestDisassembleGolden(t *testing.T) {
	f := &Proto{
		Source: "=stdin", LineDefined: 2, LastLineDefined: 2, NumParams: 1, IsVararg: true,
		MaxStackSize: 3,
		Code: []Instruction{
			ABC(OpVarargPrep, 1, 0, 0, false),
			ABC(OpAddI, 1, 0, 1+OffsetsC, false),
			ABC(OpMMBinI, 0, 1+OffsetsC, TMAdd, false),
			ABC(OpGetTabUp, 2, 0, 0, false),
			ABC(OpReturn, 1, 3, 2, false),
			ABC(OpReturn, 1, 1, 2, false),
		},
		Constants: []value.Value{value.String("x")},
		Upvalues:  []UpvalueDesc{{Name: "t", InStack: true, Index: 0}},
		Lines:     []int32{2, 2, 2, 2, 2, 2},
		LocVars:   []LocVar{{Name: "a", StartPC: 0, EndPC: 6}},
	}
	main := &Proto{
		Source: "=stdin", IsVararg: true, MaxStackSize: 2,
		Code: []Instruction{
			ABC(OpVarargPrep, 0, 0, 0, false),
			ABC(OpNewTable, 0, 0, 0, false),
			Ax(OpExtraArg, 0),
			ABx(OpClosure, 1, 0),
			ABC(OpSetTabUp, 0, 0, 1, false),
			ABC(OpReturn, 1, 1, 1, true),
		},
		Constants: []value.Value{value.String("f")},
		Upvalues:  []UpvalueDesc{{Name: "_ENV", InStack: true, Index: 0}},
		Protos:    []*Proto{f},
		Lines:     []int32{1, 1, 1, 2, 2, 2},
		LocVars:   []LocVar{{Name: "t", StartPC: 3, EndPC: 6}},
	}
	var b strings.Builder
	Disassemble(&b, main)
	want := `
main <stdin:0,0> (6 instructions, main)
0+ params, 2 slots, 1 upvalue, 1 local, 1 constant, 1 function
	1	[1]	VARARGPREP	0
	2	[1]	NEWTABLE 	0 0 0	; 0
	3	[1]	EXTRAARG 	0
	4	[2]	CLOSURE  	1 0	; F1
	5	[2]	SETTABUP 	0 0 1	; _ENV "f"
	6	[2]	RETURN   	1 1 1k	; 0 out
constants (1) for main:
	0	S	"f"
locals (1) for main:
	0	t	4	7
upvalues (1) for main:
	0	_ENV	1	0

function <stdin:2,2> (6 instructions, F1)
1+ param, 3 slots, 1 upvalue, 1 local, 1 constant, 0 functions
	1	[2]	VARARGPREP	1
	2	[2]	ADDI     	1 0 1
	3	[2]	MMBINI   	0 1 6 0	; __add
	4	[2]	GETTABUP 	2 0 0	; t "x"
	5	[2]	RETURN   	1 3 2	; 2 out
	6	[2]	RETURN   	1 1 2	; 0 out
constants (1) for F1:
	0	S	"x"
locals (1) for F1:
	0	a	1	7
upvalues (1) for F1:
	0	t	1	0
`
	if got := b.String(); got != want {
		t.Errorf("listing:\n%s\nwant:\n%s", got, want)
	}
}

func TestConstString(t *testing.T) {
	tests := []struct {
		v    value.Value
		want string
	}{
		{value.Nil, "nil"},
		{value.True, "true"},
		{value.Int(-5), "-5"},
		{value.Float(1), "1.0"},
		{value.Float(0.5), "0.5"},
		{value.Float(1e100), "1e+100"},
		{value.Float(-1e-7), "-1e-07"},
		{value.Float(123456789012345678), "1.2345678901235e+17"},
		{value.String("a\"b\\\n\x00\xff"), `"a\"b\\\n\000\255"`},
	}
	for _, tc := range tests {
		if got := constString(tc.v); got != tc.want {
			t.Errorf("constString(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// Every opcode formats without panicking, even with odd operands.
func TestInstructionStringAllOpcodes(t *testing.T) {
	p := &Proto{Code: make([]Instruction, NumOpcodes), Lines: make([]int32, NumOpcodes)}
	for op := Opcode(0); op < NumOpcodes; op++ {
		p.Code[op] = ABC(op, 1, 2, 3, true)
	}
	for pc := range p.Code {
		s := InstructionString(p, pc, "main")
		if !strings.Contains(s, p.Code[pc].Op().String()) {
			t.Errorf("pc %d: %q lacks the opcode name", pc, s)
		}
	}
}
