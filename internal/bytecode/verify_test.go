package bytecode

import (
	"strings"
	"testing"

	"github.com/tidelua/tide/internal/value"
)

// vproto builds a function with 4 registers, constants "k" and 1, one
// upvalue and one nested function, running code followed by RETURN0.
func vproto(code ...Instruction) *Proto {
	child := &Proto{MaxStackSize: 2, Code: []Instruction{ABC(OpReturn0, 0, 0, 0, false)},
		Upvalues: []UpvalueDesc{{InStack: true, Index: 1}}}
	return &Proto{
		MaxStackSize: 4,
		Code:         append(code, ABC(OpReturn0, 0, 0, 0, false)),
		Constants:    []value.Value{value.String("k"), value.Int(1)},
		Upvalues:     []UpvalueDesc{{Name: "_ENV"}},
		Protos:       []*Proto{child},
	}
}

func TestVerifyRejects(t *testing.T) {
	jmp := func(sj int) Instruction { return SJ(OpJmp, sj) }
	ret0 := ABC(OpReturn0, 0, 0, 0, false)
	tests := []struct {
		name string
		p    *Proto
		want string
	}{
		{"stack too small", &Proto{MaxStackSize: 1, Code: []Instruction{ret0}}, "bad stack size"},
		{"stack too big", &Proto{MaxStackSize: 256, Code: []Instruction{ret0}}, "bad stack size"},
		{"params", &Proto{MaxStackSize: 2, NumParams: 3, Code: []Instruction{ret0}}, "parameters"},
		{"no code", &Proto{MaxStackSize: 2}, "no code"},
		{"no return", &Proto{MaxStackSize: 2, Code: []Instruction{ABC(OpLoadNil, 0, 0, 0, false)}}, "does not end with a return"},
		{"lines", &Proto{MaxStackSize: 2, Code: []Instruction{ret0}, Lines: []int32{1, 2}}, "line information"},
		{"bad opcode", vproto(Instruction(NumOpcodes)), "invalid opcode"},
		{"register A", vproto(ABC(OpMove, 4, 0, 0, false)), "register 4 out of range"},
		{"register B", vproto(ABC(OpMove, 0, 200, 0, false)), "register 200 out of range"},
		{"loadnil range", vproto(ABC(OpLoadNil, 2, 2, 0, false)), "registers 2..4"},
		{"constant", vproto(ABx(OpLoadK, 0, 2)), "constant 2 out of range"},
		{"loadkx without extraarg", vproto(ABx(OpLoadKX, 0, 0)), "followed by EXTRAARG"},
		{"loadkx constant", vproto(ABx(OpLoadKX, 0, 0), Ax(OpExtraArg, 9)), "constant 9"},
		{"upvalue", vproto(ABC(OpGetUpval, 0, 1, 0, false)), "upvalue 1 out of range"},
		{"field key not string", vproto(ABC(OpGetField, 0, 0, 1, false)), "not a string"},
		{"gettabup key not string", vproto(ABC(OpGetTabUp, 0, 0, 1, false)), "not a string"},
		{"settabup rk", vproto(ABC(OpSetTabUp, 0, 0, 5, true)), "constant 5"},
		{"self key", vproto(ABC(OpSelf, 0, 0, 1, true)), "not a string"},
		{"self range", vproto(ABC(OpSelf, 3, 0, 0, true)), "registers 3..4"},
		{"newtable without extraarg", vproto(ABC(OpNewTable, 0, 0, 0, false)), "followed by EXTRAARG"},
		{"newtable hash", vproto(ABC(OpNewTable, 0, 40, 0, false), Ax(OpExtraArg, 0)), "hash size"},
		{"mmbin first", &Proto{MaxStackSize: 2, Code: []Instruction{ABC(OpMMBin, 0, 0, TMAdd, false), ret0}}, "must follow"},
		{"mmbin after move", vproto(ABC(OpMove, 0, 1, 0, false), ABC(OpMMBin, 0, 1, TMAdd, false)), "must follow"},
		{"mmbin event", vproto(ABC(OpAdd, 0, 1, 2, false), ABC(OpMMBin, 1, 2, TMIndex, false)), "bad event"},
		{"concat one", vproto(ABC(OpConcat, 0, 1, 0, false)), "CONCAT of 1"},
		{"concat range", vproto(ABC(OpConcat, 2, 3, 0, false)), "registers 2..4"},
		{"jump out", vproto(jmp(5)), "out of the code"},
		{"jump before", vproto(jmp(-2)), "out of the code"},
		{"eq without jmp", vproto(ABC(OpEq, 0, 1, 0, false), ABC(OpMove, 0, 0, 0, false)), "followed by JMP"},
		{"test at end", &Proto{MaxStackSize: 2, Code: []Instruction{ABC(OpTest, 0, 0, 0, false), ret0}}, "followed by JMP"},
		{"skip out", &Proto{MaxStackSize: 2, Code: []Instruction{ABC(OpLFalseSkip, 0, 0, 0, false), ret0}}, "out of the code"},
		{"arith at end", &Proto{MaxStackSize: 2, Code: []Instruction{ABC(OpAddI, 0, 0, 0, false), ret0}}, "out of the code"},
		{"call args", vproto(ABC(OpCall, 1, 4, 1, false)), "registers 1..4"},
		{"call results", vproto(ABC(OpCall, 1, 1, 5, false)), "registers 1..4"},
		{"open call alone", vproto(ABC(OpCall, 0, 0, 1, false)), "follows no open call"},
		{"open results below", vproto(ABC(OpCall, 1, 1, 0, false), ABC(OpCall, 1, 0, 1, false)), "start below"},
		{"return open", vproto(ABC(OpReturn, 0, 0, 0, false)), "follows no open call"},
		{"jump to consumer", vproto(jmp(1), ABC(OpCall, 1, 1, 0, false), ABC(OpCall, 0, 0, 1, false)), "uses the results of an open call"},
		{"setlist open", vproto(ABC(OpNewTable, 0, 0, 0, false), Ax(OpExtraArg, 0), ABC(OpSetList, 0, 0, 0, false)), "follows no open call"},
		{"setlist not table", vproto(ABC(OpLoadNil, 0, 0, 0, false), ABC(OpSetList, 0, 1, 0, false)), "may not hold a table"},
		{"setlist table overwritten", vproto(ABC(OpNewTable, 0, 0, 0, false), Ax(OpExtraArg, 0),
			ABx(OpLoadK, 0, 1), ABC(OpSetList, 0, 1, 0, false)), "may not hold a table"},
		{"setlist one path", vproto(ABC(OpTest, 1, 0, 0, false), jmp(2), ABC(OpNewTable, 0, 0, 0, false), Ax(OpExtraArg, 0),
			ABC(OpSetList, 0, 1, 0, false)), "may not hold a table"},
		{"setlist captured", vproto(ABC(OpNewTable, 1, 0, 0, false), Ax(OpExtraArg, 0), ABx(OpClosure, 0, 0),
			ABC(OpSetList, 1, 1, 0, false)), "may not hold a table"},
		{"setlist extraarg", vproto(ABC(OpNewTable, 0, 0, 0, false), Ax(OpExtraArg, 0), ABC(OpSetList, 0, 1, 0, true)), "followed by EXTRAARG"},
		{"closure index", vproto(ABx(OpClosure, 0, 1)), "function 1 out of range"},
		{"vararg range", vproto(ABC(OpVararg, 2, 0, 4, false)), "registers 2..4"},
		{"forloop range", vproto(ABx(OpForPrep, 1, 0), ABx(OpForLoop, 1, 1)), "registers 1..4"},
		{"forprep target", vproto(ABx(OpForPrep, 0, 5)), "out of the code"},
		{"forloop target", vproto(ABx(OpForLoop, 0, 5)), "out of the code"},
		{"tforcall range", &Proto{MaxStackSize: 6, Code: []Instruction{ABC(OpTForCall, 0, 0, 1, false), ret0}}, "registers 0..6"},
		{"tforloop range", vproto(ABx(OpTForLoop, 0, 1)), "registers 0..4"},
		{"captured register", &Proto{MaxStackSize: 2, Code: []Instruction{ret0}, Protos: []*Proto{{MaxStackSize: 2,
			Code: []Instruction{ret0}, Upvalues: []UpvalueDesc{{InStack: true, Index: 2}}}}}, "captures register 2"},
		{"captured upvalue", &Proto{MaxStackSize: 2, Code: []Instruction{ret0}, Protos: []*Proto{{MaxStackSize: 2,
			Code: []Instruction{ret0}, Upvalues: []UpvalueDesc{{Index: 0}}}}}, "missing upvalue 0"},
		{"nil child", &Proto{MaxStackSize: 2, Code: []Instruction{ret0}, Protos: []*Proto{nil}}, "missing nested function"},
		{"local variable", &Proto{MaxStackSize: 2, Code: []Instruction{ret0}, LocVars: []LocVar{{Name: "x", StartPC: 0, EndPC: 5}}}, "bad local variable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(tc.p)
			if err == nil {
				t.Fatalf("verified; want error containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestVerifyAccepts(t *testing.T) {
	jmp := func(sj int) Instruction { return SJ(OpJmp, sj) }
	tests := []struct {
		name string
		p    *Proto
	}{
		{"empty", vproto()},
		{"varargprep", &Proto{MaxStackSize: 2, NumParams: 2, IsVararg: true,
			Code: []Instruction{ABC(OpVarargPrep, 2, 0, 0, false), ABC(OpReturn0, 0, 0, 0, false)}}},
		{"setlist", vproto(ABC(OpNewTable, 0, 0, 0, false), Ax(OpExtraArg, 0), ABx(OpLoadK, 1, 1),
			ABC(OpSetList, 0, 1, 0, false))},
		{"setlist both paths", vproto(ABC(OpNewTable, 0, 0, 0, false), Ax(OpExtraArg, 0), ABC(OpTest, 1, 0, 0, false), jmp(1),
			ABx(OpLoadK, 1, 1), ABC(OpSetList, 0, 1, 0, false))},
		{"setlist after closed capture", vproto(ABx(OpClosure, 0, 0), ABC(OpClose, 1, 0, 0, false),
			ABC(OpNewTable, 1, 0, 0, false), Ax(OpExtraArg, 0), ABC(OpSetList, 1, 1, 0, false))},
		{"open call", vproto(ABC(OpCall, 2, 1, 0, false), ABC(OpCall, 1, 0, 1, false))},
		{"open vararg return", vproto(ABC(OpVararg, 0, 0, 0, false), ABC(OpReturn, 0, 0, 0, false))},
		{"backward loop", vproto(ABC(OpLoadTrue, 0, 0, 0, false), jmp(-2))},
		{"arith", vproto(ABC(OpAdd, 0, 1, 2, false), ABC(OpMMBin, 1, 2, TMAdd, false))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := Verify(tc.p); err != nil {
				t.Fatal(err)
			}
		})
	}
}
