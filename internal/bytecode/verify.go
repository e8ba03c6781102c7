package bytecode

import "fmt"

// VerifyError reports a Proto that breaks one of the rules Verify checks.
type VerifyError struct {
	Func string // the function: "main", "F1", "F1.2" (as Disassemble names them)
	PC   int    // the instruction, or -1 for the function as a whole
	Msg  string
}

func (e *VerifyError) Error() string {
	if e.PC < 0 {
		return e.Func + ": " + e.Msg
	}
	return fmt.Sprintf("%s, instruction %d: %s", e.Func, e.PC+1, e.Msg)
}

// Verify checks that p and its nested functions are safe for the vm to run.
// The vm trusts bytecode: it indexes registers, constants, upvalues and
// nested functions without checks, reads the JMP after a comparison and the
// EXTRAARG after LOADKX, NEWTABLE and SETLIST blindly, and takes the type of
// some operands for granted. Verify proves for a Proto read from a binary
// chunk what the compiler guarantees by construction:
//
//   - MaxStackSize is at most MaxRegisters and covers the parameters, and
//     every register operand (with the ranges CALL, RETURN, LOADNIL, CONCAT,
//     VARARG, SETLIST and the for loops use) lies below it;
//   - constant, upvalue and nested-function indexes are in range, and the
//     constant keys of GETTABUP, GETFIELD, SETTABUP, SETFIELD and SELF are
//     strings;
//   - every jump target and every instruction execution can fall through
//     or skip to is inside the code, and the code ends with a return;
//   - comparisons and TEST/TESTSET are followed by a JMP; LOADKX, NEWTABLE
//     and SETLIST (with k) by an EXTRAARG; MMBIN* follow an instruction
//     (whose register receives their result) and name an arithmetic event;
//   - an instruction using the values an open call or VARARG left on the
//     stack (B = 0) is reached only right after such an instruction, whose
//     results start at or above the registers it reads;
//   - SETLIST's register surely holds a table made by NEWTABLE (a data-flow
//     proof over all paths);
//   - nested functions capture registers below the parent's MaxStackSize
//     and upvalues the parent has.
//
// Verify does not prove termination: the instruction quota does that.
func Verify(p *Proto) error {
	return verify(p, nil, "main", 0)
}

func verify(p *Proto, parent *Proto, id string, depth int) error {
	if depth > maxDumpDepth {
		return &VerifyError{id, -1, "functions nested too deeply"}
	}
	v := &verifier{p: p, id: id}
	if err := v.function(parent); err != nil {
		return err
	}
	for i, q := range p.Protos {
		if q == nil {
			return &VerifyError{id, -1, "missing nested function"}
		}
		if err := verify(q, p, childID(id, i), depth+1); err != nil {
			return err
		}
	}
	return nil
}

type verifier struct {
	p  *Proto
	id string
	pc int
}

func (v *verifier) errf(format string, args ...any) error {
	return &VerifyError{v.id, v.pc, fmt.Sprintf(format, args...)}
}

// regSet is a set of registers.
type regSet [4]uint64

func (s *regSet) add(r int)        { s[r>>6&3] |= 1 << (r & 63) }
func (s *regSet) has(r int) bool   { return s[r>>6&3]&(1<<(r&63)) != 0 }
func (s *regSet) and(t *regSet)    { s[0] &= t[0]; s[1] &= t[1]; s[2] &= t[2]; s[3] &= t[3] }
func (s *regSet) or(t *regSet)     { s[0] |= t[0]; s[1] |= t[1]; s[2] |= t[2]; s[3] |= t[3] }
func (s *regSet) andNot(t *regSet) { s[0] &^= t[0]; s[1] &^= t[1]; s[2] &^= t[2]; s[3] &^= t[3] }

// clear removes registers lo..hi (inclusive, clamped to 0..255).
func (s *regSet) clear(lo, hi int) {
	if hi > 255 {
		hi = 255
	}
	for r := max(lo, 0); r <= hi; r++ {
		s[r>>6] &^= 1 << (r & 63)
	}
}

func isOpen(i Instruction) bool {
	switch i.Op() {
	case OpCall, OpVararg:
		return i.C() == 0
	case OpTailCall:
		return true
	}
	return false
}

func (v *verifier) function(parent *Proto) error {
	p := v.p
	v.pc = -1
	ms := p.MaxStackSize
	switch {
	case ms < 2 || ms > MaxRegisters:
		return v.errf("bad stack size %d", ms)
	case p.NumParams < 0 || p.NumParams > ms:
		return v.errf("bad number of parameters %d", p.NumParams)
	case len(p.Code) == 0:
		return v.errf("no code")
	case len(p.Lines) != 0 && len(p.Lines) != len(p.Code):
		return v.errf("line information does not match the code")
	case len(p.KeyHashes) != 0 && len(p.KeyHashes) != len(p.Constants):
		return v.errf("key hashes do not match the constants")
	case len(p.Upvalues) > MaxA+1:
		return v.errf("too many upvalues")
	}
	for _, k := range p.Constants {
		if !(k.IsNil() || k.IsBool() || k.IsNumber() || k.IsString()) {
			return v.errf("bad constant type %s", k.TypeName())
		}
	}
	for _, u := range p.Upvalues {
		if u.Kind > VarCTC {
			return v.errf("bad upvalue kind")
		}
		if parent == nil {
			continue
		}
		if u.InStack && (u.Index < 0 || u.Index >= parent.MaxStackSize) {
			return v.errf("upvalue captures register %d of a function with %d", u.Index, parent.MaxStackSize)
		}
		if !u.InStack && (u.Index < 0 || u.Index >= len(parent.Upvalues)) {
			return v.errf("upvalue captures missing upvalue %d", u.Index)
		}
	}
	for _, lv := range p.LocVars {
		if lv.StartPC < 0 || lv.EndPC < lv.StartPC || lv.EndPC > len(p.Code) || lv.Reg < 0 || lv.Reg >= ms {
			return v.errf("bad local variable %q", lv.Name)
		}
	}
	switch p.Code[len(p.Code)-1].Op() {
	case OpReturn, OpReturn0, OpReturn1:
	default:
		v.pc = len(p.Code) - 1
		return v.errf("code does not end with a return")
	}

	// Instructions one at a time; record the edges for the flow checks.
	for pc := range p.Code {
		v.pc = pc
		if err := v.instruction(pc); err != nil {
			return err
		}
	}
	// Who may reach each instruction: consumers of open results must be
	// reached only by falling through from the open instruction.
	var succ [3]int
	for pc := range p.Code {
		v.pc = pc
		for _, s := range v.successors(pc, succ[:0]) {
			if s != pc+1 && consumesTop(p.Code[s]) {
				return v.errf("jump to instruction %d, which uses the results of an open call", s+1)
			}
		}
	}
	return v.tables()
}

// consumesTop reports whether i reads a number of values from the top an
// open instruction left (B = 0).
func consumesTop(i Instruction) bool {
	switch i.Op() {
	case OpCall, OpTailCall, OpReturn, OpSetList:
		return i.B() == 0
	}
	return false
}

// successors appends the pcs execution may continue at after pc; the
// checks in instruction ensure they are all inside the code.
func (v *verifier) successors(pc int, out []int) []int {
	i := v.p.Code[pc]
	switch op := i.Op(); op {
	case OpReturn, OpReturn0, OpReturn1:
		return out
	case OpJmp:
		return append(out, pc+1+i.SJ())
	case OpLoadKX, OpNewTable, OpLFalseSkip:
		return append(out, pc+2)
	case OpSetList:
		if i.K() {
			return append(out, pc+2)
		}
		return append(out, pc+1)
	case OpEq, OpLt, OpLe, OpEqK, OpEqI, OpLtI, OpLeI, OpGtI, OpGeI, OpTest, OpTestSet:
		// pc+1 is the JMP (run after a metamethod); its target is its own successor
		return append(out, pc+1, pc+2)
	case OpForLoop, OpTForLoop:
		return append(out, pc+1, pc+1-i.Bx())
	case OpForPrep:
		return append(out, pc+1, pc+2+i.Bx())
	case OpTForPrep:
		return append(out, pc+1+i.Bx())
	default:
		if op >= OpAddI && op <= OpShr {
			return append(out, pc+1, pc+2) // success skips the MMBIN that follows
		}
		return append(out, pc+1)
	}
}

func (v *verifier) instruction(pc int) error {
	p := v.p
	ms := p.MaxStackSize
	nk := len(p.Constants)
	nup := len(p.Upvalues)
	i := p.Code[pc]
	op := i.Op()
	if op >= NumOpcodes {
		return v.errf("invalid opcode %d", int(op))
	}
	a, b, c := i.A(), i.B(), i.C()
	reg := func(r int) error {
		if r >= ms {
			return v.errf("%s: register %d out of range (stack size %d)", op, r, ms)
		}
		return nil
	}
	// span checks that registers a .. a+n-1 exist.
	span := func(a, n int) error {
		if a+n > ms {
			return v.errf("%s: registers %d..%d out of range (stack size %d)", op, a, a+n-1, ms)
		}
		return nil
	}
	kidx := func(k int) error {
		if k >= nk {
			return v.errf("%s: constant %d out of range", op, k)
		}
		return nil
	}
	kstr := func(k int) error {
		if k >= nk || !p.Constants[k].IsString() {
			return v.errf("%s: constant %d is not a string", op, k)
		}
		return nil
	}
	rk := func(x int) error {
		if i.K() {
			return kidx(x)
		}
		return reg(x)
	}
	upv := func(u int) error {
		if u >= nup {
			return v.errf("%s: upvalue %d out of range", op, u)
		}
		return nil
	}
	next := func(want Opcode) error {
		if pc+1 >= len(p.Code) || p.Code[pc+1].Op() != want {
			return v.errf("%s must be followed by %s", op, want)
		}
		return nil
	}
	open := func(min int) error {
		if pc == 0 || !isOpen(p.Code[pc-1]) {
			return v.errf("%s uses open results but follows no open call", op)
		}
		if p.Code[pc-1].A() < min {
			return v.errf("%s: open results start below register %d", op, min)
		}
		return nil
	}
	first := func(errs ...error) error {
		for _, e := range errs {
			if e != nil {
				return e
			}
		}
		return nil
	}

	var err error
	switch op {
	case OpMove, OpUnm, OpBNot, OpNot, OpLen:
		err = first(reg(a), reg(b))
	case OpLoadI, OpLoadF, OpLoadFalse, OpLoadTrue, OpLFalseSkip, OpClose, OpTBC, OpReturn1:
		err = reg(a)
	case OpLoadK:
		err = first(reg(a), kidx(i.Bx()))
	case OpLoadKX:
		err = first(reg(a), next(OpExtraArg))
		if err == nil {
			err = kidx(p.Code[pc+1].Ax())
		}
	case OpLoadNil:
		err = span(a, b+1)
	case OpGetUpval, OpSetUpval:
		err = first(reg(a), upv(b))
	case OpGetTabUp:
		err = first(reg(a), upv(b), kstr(c))
	case OpGetTable:
		err = first(reg(a), reg(b), reg(c))
	case OpGetI:
		err = first(reg(a), reg(b))
	case OpGetField:
		err = first(reg(a), reg(b), kstr(c))
	case OpSetTabUp:
		err = first(upv(a), kstr(b), rk(c))
	case OpSetTable:
		err = first(reg(a), reg(b), rk(c))
	case OpSetI:
		err = first(reg(a), rk(c))
	case OpSetField:
		err = first(reg(a), kstr(b), rk(c))
	case OpNewTable:
		err = first(reg(a), next(OpExtraArg))
		if err == nil && b > 31 {
			err = v.errf("NEWTABLE: hash size too large")
		}
	case OpSelf:
		err = first(span(a, 2), reg(b))
		if err == nil {
			if i.K() {
				err = kstr(c)
			} else {
				err = reg(c)
			}
		}
	case OpAddI, OpShrI, OpShlI:
		err = first(reg(a), reg(b))
	case OpAddK, OpSubK, OpMulK, OpModK, OpPowK, OpDivK, OpIDivK, OpBAndK, OpBOrK, OpBXorK:
		err = first(reg(a), reg(b), kidx(c))
	case OpAdd, OpSub, OpMul, OpMod, OpPow, OpDiv, OpIDiv, OpBAnd, OpBOr, OpBXor, OpShl, OpShr:
		err = first(reg(a), reg(b), reg(c))
	case OpMMBin, OpMMBinI, OpMMBinK:
		switch {
		case pc == 0:
			err = v.errf("%s must follow an arithmetic instruction", op)
		case c < TMAdd || c > TMShr:
			err = v.errf("%s: bad event %d", op, c)
		case op == OpMMBin:
			err = first(reg(a), reg(b))
		case op == OpMMBinK:
			err = first(reg(a), kidx(b))
		default:
			err = reg(a)
		}
		if err == nil {
			// the result goes to the previous instruction's A
			if prev := p.Code[pc-1]; prev.Op() < OpAddI || prev.Op() > OpShr {
				err = v.errf("%s must follow an arithmetic instruction", op)
			}
		}
	case OpConcat:
		if b < 2 {
			err = v.errf("CONCAT of %d values", b)
		} else {
			err = span(a, b)
		}
	case OpJmp:
	case OpEq, OpLt, OpLe:
		err = first(reg(a), reg(b), next(OpJmp))
	case OpEqK:
		err = first(reg(a), kidx(b), next(OpJmp))
	case OpEqI, OpLtI, OpLeI, OpGtI, OpGeI, OpTest:
		err = first(reg(a), next(OpJmp))
	case OpTestSet:
		err = first(reg(a), reg(b), next(OpJmp))
	case OpCall, OpTailCall:
		err = reg(a)
		if err == nil {
			if b > 0 {
				err = span(a, b)
			} else {
				err = open(a + 1)
			}
		}
		if err == nil && op == OpCall && c > 0 {
			err = span(a, c-1)
		}
	case OpReturn:
		if b > 0 {
			err = span(a, b-1)
		} else {
			err = first(reg(a), open(a))
		}
	case OpReturn0:
	case OpForLoop, OpForPrep:
		err = span(a, 4)
	case OpTForPrep:
		err = span(a, 4)
	case OpTForCall:
		err = span(a, 4+max(c, 3))
	case OpTForLoop:
		err = span(a, 5)
	case OpSetList:
		err = reg(a)
		if err == nil {
			if b > 0 {
				err = span(a, b+1)
			} else {
				err = open(a + 1)
			}
		}
		if err == nil && i.K() {
			err = next(OpExtraArg)
		}
	case OpClosure:
		err = reg(a)
		if err == nil && i.Bx() >= len(p.Protos) {
			err = v.errf("CLOSURE: function %d out of range", i.Bx())
		}
	case OpVararg:
		err = reg(a)
		if err == nil && c > 0 {
			err = span(a, c-1)
		}
	case OpVarargPrep:
		// A is the number of fixed parameters; the vm does the work on entry.
	case OpExtraArg:
		// Only read as an operand; the vm raises an error if it runs one.
	}
	if err != nil {
		return err
	}
	var succ [3]int
	for _, s := range v.successors(pc, succ[:0]) {
		if s < 0 || s >= len(p.Code) {
			return v.errf("%s: jump or skip out of the code (to %d)", op, s+1)
		}
	}
	return nil
}

// tables proves that the register of every SETLIST holds a table made by
// NEWTABLE on every path reaching it: a forward data-flow analysis whose
// facts are the registers known to hold such a table and the registers
// that closures made on the way have captured (and not yet closed). A
// captured register is not trusted: any instruction may run Lua code (a
// metamethod) that changes it through the upvalue.
func (v *verifier) tables() error {
	p := v.p
	hasSetList := false
	for _, i := range p.Code {
		if i.Op() == OpSetList {
			hasSetList = true
			break
		}
	}
	if !hasSetList {
		return nil
	}
	type fact struct{ known, capt regSet }
	n := len(p.Code)
	in := make([]fact, n)
	seen := make([]bool, n)
	queued := make([]bool, n)
	work := make([]int, 0, 16)
	seen[0], queued[0] = true, true
	work = append(work, 0)
	var succ [3]int
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		queued[pc] = false
		out := in[pc]
		out.known.andNot(&out.capt)
		i := p.Code[pc]
		a := i.A()
		switch op := i.Op(); op {
		case OpNewTable:
			out.known.add(a)
		case OpSetList:
			if !out.known.has(a) {
				v.pc = pc
				return v.errf("SETLIST: register %d may not hold a table", a)
			}
		case OpLoadNil:
			out.known.clear(a, a+i.B())
		case OpSelf:
			out.known.clear(a, a+1)
		case OpCall, OpTailCall, OpVararg, OpTForCall:
			out.known.clear(a, 255)
		case OpConcat:
			out.known.clear(a, a+i.B()-1)
		case OpForLoop, OpForPrep, OpTForPrep, OpTForLoop:
			out.known.clear(a, a+4)
		case OpMMBin, OpMMBinI, OpMMBinK:
			if pc > 0 {
				pa := p.Code[pc-1].A()
				out.known.clear(pa, pa)
			}
		case OpClose:
			out.capt.clear(a, 255)
		case OpClosure:
			out.known.clear(a, a)
			if bx := i.Bx(); bx < len(p.Protos) && p.Protos[bx] != nil {
				for _, u := range p.Protos[bx].Upvalues {
					if u.InStack && u.Index >= 0 && u.Index < 256 {
						out.capt.add(u.Index)
					}
				}
			}
		default:
			if writesA(op) {
				out.known.clear(a, a)
			}
		}
		for _, s := range v.successors(pc, succ[:0]) {
			if !seen[s] {
				seen[s] = true
				in[s] = out
			} else {
				next := in[s]
				next.known.and(&out.known)
				next.capt.or(&out.capt)
				if next == in[s] {
					continue
				}
				in[s] = next
			}
			if !queued[s] {
				queued[s] = true
				work = append(work, s)
			}
		}
	}
	return nil
}

// writesA reports whether op may write register A (lopcodes.c testAMode,
// plus the instructions that write it only on some paths).
func writesA(op Opcode) bool {
	switch op {
	case OpSetUpval, OpSetTabUp, OpSetTable, OpSetI, OpSetField,
		OpClose, OpTBC, OpJmp,
		OpEq, OpLt, OpLe, OpEqK, OpEqI, OpLtI, OpLeI, OpGtI, OpGeI,
		OpTest, OpReturn, OpReturn0, OpReturn1,
		OpSetList, OpExtraArg, OpVarargPrep:
		return false
	}
	return true
}
