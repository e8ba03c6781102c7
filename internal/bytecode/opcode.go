// Package bytecode defines tide's register-machine instruction set, the
// function prototype (Proto) the compiler produces and the vm runs, and a
// disassembler, and the binary chunk format: Dump, Undump and Verify,
// which checks that a loaded Proto cannot make the vm index out of range.
//
// The instruction set follows Lua 5.4's lopcodes.h: same opcode names (in Go
// case), same operand meanings, same 32-bit layouts, so that the compiler and
// the vm can be read side by side with lcode.c and lvm.c. Where tide departs
// from the reference, the opcode's comment says so.
//
// Layouts (bit 0 is the least significant):
//
//	iABC   op:7 A:8 k:1 B:8 C:8
//	iABx   op:7 A:8 Bx:17
//	iAsBx  op:7 A:8 sBx:17   (signed, excess-K)
//	iAx    op:7 Ax:25
//	isJ    op:7 sJ:25        (signed, excess-K)
//
// A Proto is plain data: constants are value.Values that are only nil,
// booleans, numbers and strings, so one Proto can be run by many states at
// once.
package bytecode

// Opcode is an instruction's operation.
type Opcode uint8

// The opcodes, in lopcodes.h order. R[x] is register x of the current frame,
// K[x] constant x, U[x] upvalue x, RK(x) is K[x] if k is set else R[x].
const (
	OpMove       Opcode = iota // A B      R[A] := R[B]
	OpLoadI                    // A sBx    R[A] := sBx
	OpLoadF                    // A sBx    R[A] := (float)sBx
	OpLoadK                    // A Bx     R[A] := K[Bx]
	OpLoadKX                   // A        R[A] := K[extra arg]
	OpLoadFalse                // A        R[A] := false
	OpLFalseSkip               // A        R[A] := false; pc++
	OpLoadTrue                 // A        R[A] := true
	OpLoadNil                  // A B      R[A], ..., R[A+B] := nil
	OpGetUpval                 // A B      R[A] := U[B]
	OpSetUpval                 // A B      U[B] := R[A]
	OpGetTabUp                 // A B C    R[A] := U[B][K[C]:shortstring]
	OpGetTable                 // A B C    R[A] := R[B][R[C]]
	OpGetI                     // A B C    R[A] := R[B][C]
	OpGetField                 // A B C    R[A] := R[B][K[C]:shortstring]
	OpSetTabUp                 // A B C    U[A][K[B]:shortstring] := RK(C)
	OpSetTable                 // A B C    R[A][R[B]] := RK(C)
	OpSetI                     // A B C    R[A][B] := RK(C)
	OpSetField                 // A B C    R[A][K[B]:shortstring] := RK(C)
	OpNewTable                 // A B C k  R[A] := {}  (B: log2(hash size)+1, C: array size, k: extra arg)
	OpSelf                     // A B C    R[A+1] := R[B]; R[A] := R[B][RK(C):string]
	OpAddI                     // A B sC   R[A] := R[B] + sC
	OpAddK                     // A B C    R[A] := R[B] + K[C]:number
	OpSubK                     // A B C    R[A] := R[B] - K[C]:number
	OpMulK                     // A B C    R[A] := R[B] * K[C]:number
	OpModK                     // A B C    R[A] := R[B] % K[C]:number
	OpPowK                     // A B C    R[A] := R[B] ^ K[C]:number
	OpDivK                     // A B C    R[A] := R[B] / K[C]:number
	OpIDivK                    // A B C    R[A] := R[B] // K[C]:number
	OpBAndK                    // A B C    R[A] := R[B] & K[C]:integer
	OpBOrK                     // A B C    R[A] := R[B] | K[C]:integer
	OpBXorK                    // A B C    R[A] := R[B] ~ K[C]:integer
	OpShrI                     // A B sC   R[A] := R[B] >> sC
	OpShlI                     // A B sC   R[A] := sC << R[B]
	OpAdd                      // A B C    R[A] := R[B] + R[C]
	OpSub                      // A B C    R[A] := R[B] - R[C]
	OpMul                      // A B C    R[A] := R[B] * R[C]
	OpMod                      // A B C    R[A] := R[B] % R[C]
	OpPow                      // A B C    R[A] := R[B] ^ R[C]
	OpDiv                      // A B C    R[A] := R[B] / R[C]
	OpIDiv                     // A B C    R[A] := R[B] // R[C]
	OpBAnd                     // A B C    R[A] := R[B] & R[C]
	OpBOr                      // A B C    R[A] := R[B] | R[C]
	OpBXor                     // A B C    R[A] := R[B] ~ R[C]
	OpShl                      // A B C    R[A] := R[B] << R[C]
	OpShr                      // A B C    R[A] := R[B] >> R[C]
	OpMMBin                    // A B C    call C metamethod over R[A] and R[B]
	OpMMBinI                   // A sB C k call C metamethod over R[A] and sB
	OpMMBinK                   // A B C k  call C metamethod over R[A] and K[B]
	OpUnm                      // A B      R[A] := -R[B]
	OpBNot                     // A B      R[A] := ~R[B]
	OpNot                      // A B      R[A] := not R[B]
	OpLen                      // A B      R[A] := #R[B] (length operator)
	OpConcat                   // A B      R[A] := R[A].. ... ..R[A + B - 1]
	OpClose                    // A        close all upvalues >= R[A]
	OpTBC                      // A        mark variable A "to be closed"
	OpJmp                      // sJ       pc += sJ
	OpEq                       // A B k    if ((R[A] == R[B]) ~= k) then pc++
	OpLt                       // A B k    if ((R[A] <  R[B]) ~= k) then pc++
	OpLe                       // A B k    if ((R[A] <= R[B]) ~= k) then pc++
	OpEqK                      // A B k    if ((R[A] == K[B]) ~= k) then pc++
	OpEqI                      // A sB k   if ((R[A] == sB) ~= k) then pc++
	OpLtI                      // A sB k   if ((R[A] < sB) ~= k) then pc++
	OpLeI                      // A sB k   if ((R[A] <= sB) ~= k) then pc++
	OpGtI                      // A sB k   if ((R[A] > sB) ~= k) then pc++
	OpGeI                      // A sB k   if ((R[A] >= sB) ~= k) then pc++
	OpTest                     // A k      if (not R[A] == k) then pc++
	OpTestSet                  // A B k    if (not R[B] == k) then pc++ else R[A] := R[B]
	OpCall                     // A B C    R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])
	OpTailCall                 // A B C k  return R[A](R[A+1], ... ,R[A+B-1])
	OpReturn                   // A B C k  return R[A], ... ,R[A+B-2]
	OpReturn0                  //          return
	OpReturn1                  // A        return R[A]
	OpForLoop                  // A Bx     update counters; if loop continues then pc-=Bx;
	OpForPrep                  // A Bx     <check values and prepare counters>; if not to run then pc+=Bx+1;
	OpTForPrep                 // A Bx     create upvalue for R[A + 3]; pc+=Bx
	OpTForCall                 // A C      R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);
	OpTForLoop                 // A Bx     if R[A+2] ~= nil then { R[A]=R[A+2]; pc -= Bx }
	OpSetList                  // A B C k  R[A][C+i] := R[A+i], 1 <= i <= B
	OpClosure                  // A Bx     R[A] := closure(KPROTO[Bx])
	OpVararg                   // A C      R[A], R[A+1], ..., R[A+C-2] = vararg
	OpVarargPrep               // A        (adjust vararg parameters)
	OpExtraArg                 // Ax       extra (larger) argument for previous opcode

	NumOpcodes
)

// Format is an instruction layout.
type Format uint8

// Instruction layouts.
const (
	IABC Format = iota
	IABx
	IAsBx
	IAx
	IsJ
)

// OpInfo describes an opcode for the disassembler and the compiler.
type OpInfo struct {
	Name   string // upper case, as luac -l prints it ("GETTABUP")
	Format Format
}

// Info holds one entry per opcode.
var Info = [NumOpcodes]OpInfo{
	OpMove: {"MOVE", IABC}, OpLoadI: {"LOADI", IAsBx}, OpLoadF: {"LOADF", IAsBx},
	OpLoadK: {"LOADK", IABx}, OpLoadKX: {"LOADKX", IABx}, OpLoadFalse: {"LOADFALSE", IABC},
	OpLFalseSkip: {"LFALSESKIP", IABC}, OpLoadTrue: {"LOADTRUE", IABC}, OpLoadNil: {"LOADNIL", IABC},
	OpGetUpval: {"GETUPVAL", IABC}, OpSetUpval: {"SETUPVAL", IABC}, OpGetTabUp: {"GETTABUP", IABC},
	OpGetTable: {"GETTABLE", IABC}, OpGetI: {"GETI", IABC}, OpGetField: {"GETFIELD", IABC},
	OpSetTabUp: {"SETTABUP", IABC}, OpSetTable: {"SETTABLE", IABC}, OpSetI: {"SETI", IABC},
	OpSetField: {"SETFIELD", IABC}, OpNewTable: {"NEWTABLE", IABC}, OpSelf: {"SELF", IABC},
	OpAddI: {"ADDI", IABC}, OpAddK: {"ADDK", IABC}, OpSubK: {"SUBK", IABC}, OpMulK: {"MULK", IABC},
	OpModK: {"MODK", IABC}, OpPowK: {"POWK", IABC}, OpDivK: {"DIVK", IABC}, OpIDivK: {"IDIVK", IABC},
	OpBAndK: {"BANDK", IABC}, OpBOrK: {"BORK", IABC}, OpBXorK: {"BXORK", IABC},
	OpShrI: {"SHRI", IABC}, OpShlI: {"SHLI", IABC}, OpAdd: {"ADD", IABC}, OpSub: {"SUB", IABC},
	OpMul: {"MUL", IABC}, OpMod: {"MOD", IABC}, OpPow: {"POW", IABC}, OpDiv: {"DIV", IABC},
	OpIDiv: {"IDIV", IABC}, OpBAnd: {"BAND", IABC}, OpBOr: {"BOR", IABC}, OpBXor: {"BXOR", IABC},
	OpShl: {"SHL", IABC}, OpShr: {"SHR", IABC}, OpMMBin: {"MMBIN", IABC}, OpMMBinI: {"MMBINI", IABC},
	OpMMBinK: {"MMBINK", IABC}, OpUnm: {"UNM", IABC}, OpBNot: {"BNOT", IABC}, OpNot: {"NOT", IABC},
	OpLen: {"LEN", IABC}, OpConcat: {"CONCAT", IABC}, OpClose: {"CLOSE", IABC}, OpTBC: {"TBC", IABC},
	OpJmp: {"JMP", IsJ}, OpEq: {"EQ", IABC}, OpLt: {"LT", IABC}, OpLe: {"LE", IABC},
	OpEqK: {"EQK", IABC}, OpEqI: {"EQI", IABC}, OpLtI: {"LTI", IABC}, OpLeI: {"LEI", IABC},
	OpGtI: {"GTI", IABC}, OpGeI: {"GEI", IABC}, OpTest: {"TEST", IABC}, OpTestSet: {"TESTSET", IABC},
	OpCall: {"CALL", IABC}, OpTailCall: {"TAILCALL", IABC}, OpReturn: {"RETURN", IABC},
	OpReturn0: {"RETURN0", IABC}, OpReturn1: {"RETURN1", IABC}, OpForLoop: {"FORLOOP", IABx},
	OpForPrep: {"FORPREP", IABx}, OpTForPrep: {"TFORPREP", IABx}, OpTForCall: {"TFORCALL", IABC},
	OpTForLoop: {"TFORLOOP", IABx}, OpSetList: {"SETLIST", IABC}, OpClosure: {"CLOSURE", IABx},
	OpVararg: {"VARARG", IABC}, OpVarargPrep: {"VARARGPREP", IABC}, OpExtraArg: {"EXTRAARG", IAx},
}

func (op Opcode) String() string {
	if op < NumOpcodes {
		return Info[op].Name
	}
	return "OP?"
}

// Metamethod events used by OpMMBin* (operand C), in ltm.h TMS order.
const (
	TMIndex = iota
	TMNewIndex
	TMGC
	TMMode
	TMLen
	TMEq
	TMAdd
	TMSub
	TMMul
	TMMod
	TMPow
	TMDiv
	TMIDiv
	TMBAnd
	TMBOr
	TMBXor
	TMShl
	TMShr
	TMUnm
	TMBNot
	TMLt
	TMLe
	TMConcat
	TMCall
	TMClose
	NumTM
)

// TMNames are the metamethod field names, indexed by TM* constant.
var TMNames = [NumTM]string{
	"__index", "__newindex", "__gc", "__mode", "__len", "__eq", "__add", "__sub", "__mul",
	"__mod", "__pow", "__div", "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr",
	"__unm", "__bnot", "__lt", "__le", "__concat", "__call", "__close",
}
