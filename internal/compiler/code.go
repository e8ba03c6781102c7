package compiler

import (
	"math"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// Code emission, jump lists and registers, after lcode.c.

const (
	noJump      = -1
	noReg       = bc.MaxA // NO_REG
	maxIndexRK  = bc.MaxB
	multRet     = -1 // LUA_MULTRET
	maxShortLen = 40
)

// kkey identifies a constant in a function's constant cache.
type kkey struct {
	t byte // 'n' nil, 'b' boolean, 'i' integer, 'f' float, 's' string
	n uint64
	s string
}

func (fs *funcState) code(i bc.Instruction) int {
	f := fs.f
	f.Code = append(f.Code, i)
	f.Lines = append(f.Lines, int32(fs.c.line))
	return len(f.Code) - 1
}

func (fs *funcState) pc() int { return len(fs.f.Code) }

func (fs *funcState) codeABC(op bc.Opcode, a, b, c int) int {
	return fs.code(bc.ABC(op, a, b, c, false))
}

func (fs *funcState) codeABCk(op bc.Opcode, a, b, c int, k bool) int {
	return fs.code(bc.ABC(op, a, b, c, k))
}

func (fs *funcState) codeABx(op bc.Opcode, a, bx int) int { return fs.code(bc.ABx(op, a, bx)) }

func (fs *funcState) codeAsBx(op bc.Opcode, a, sbx int) int { return fs.code(bc.AsBx(op, a, sbx)) }

func (fs *funcState) codeExtraArg(a int) int { return fs.code(bc.Ax(bc.OpExtraArg, a)) }

// fixLine changes the line of the last instruction (luaK_fixline).
func (fs *funcState) fixLine(line int) { fs.f.Lines[len(fs.f.Lines)-1] = int32(line) }

func (fs *funcState) removeLastInstruction() {
	n := len(fs.f.Code) - 1
	fs.f.Code = fs.f.Code[:n]
	fs.f.Lines = fs.f.Lines[:n]
}

// previousInstruction returns the last instruction if it is not a jump
// target, else nil.
func (fs *funcState) previousInstruction() *bc.Instruction {
	if fs.pc() > fs.lastTarget {
		return &fs.f.Code[fs.pc()-1]
	}
	return nil
}

// loadNil sets n registers from 'from' to nil, merging with a previous
// LOADNIL when the ranges touch.
func (fs *funcState) loadNil(from, n int) {
	l := from + n - 1
	if prev := fs.previousInstruction(); prev != nil && prev.Op() == bc.OpLoadNil {
		pfrom := prev.A()
		pl := pfrom + prev.B()
		if (pfrom <= from && from <= pl+1) || (from <= pfrom && pfrom <= l+1) {
			if pfrom < from {
				from = pfrom
			}
			if pl > l {
				l = pl
			}
			*prev = prev.SetA(from).SetB(l - from)
			return
		}
	}
	fs.codeABC(bc.OpLoadNil, from, n-1, 0)
}

func (fs *funcState) getJump(pc int) int {
	off := fs.f.Code[pc].SJ()
	if off == noJump {
		return noJump
	}
	return pc + 1 + off
}

func (fs *funcState) fixJump(pc, dest int) {
	off := dest - (pc + 1)
	if off < -bc.OffsetsJ || off > bc.MaxsJ-bc.OffsetsJ {
		fs.c.syntaxError("control structure too long")
	}
	fs.f.Code[pc] = fs.f.Code[pc].SetSJ(off)
}

// concat appends jump list l2 to the list in *l1.
func (fs *funcState) concat(l1 *int, l2 int) {
	if l2 == noJump {
		return
	}
	if *l1 == noJump {
		*l1 = l2
		return
	}
	list := *l1
	for {
		next := fs.getJump(list)
		if next == noJump {
			break
		}
		list = next
	}
	fs.fixJump(list, l2)
}

func (fs *funcState) jump() int { return fs.code(bc.SJ(bc.OpJmp, noJump)) }

func (fs *funcState) ret(first, nret int) {
	op := bc.OpReturn
	switch nret {
	case 0:
		op = bc.OpReturn0
	case 1:
		op = bc.OpReturn1
	}
	fs.codeABC(op, first, nret+1, 0)
}

func (fs *funcState) condJump(op bc.Opcode, a, b, c int, k bool) int {
	fs.codeABCk(op, a, b, c, k)
	return fs.jump()
}

// getLabel marks the current pc as a jump target and returns it.
func (fs *funcState) getLabel() int {
	fs.lastTarget = fs.pc()
	return fs.pc()
}

func isTestOp(op bc.Opcode) bool {
	switch op {
	case bc.OpEq, bc.OpLt, bc.OpLe, bc.OpEqK, bc.OpEqI, bc.OpLtI, bc.OpLeI, bc.OpGtI, bc.OpGeI,
		bc.OpTest, bc.OpTestSet:
		return true
	}
	return false
}

// jumpControl returns the instruction controlling the jump at pc.
func (fs *funcState) jumpControl(pc int) *bc.Instruction {
	if pc >= 1 && isTestOp(fs.f.Code[pc-1].Op()) {
		return &fs.f.Code[pc-1]
	}
	return &fs.f.Code[pc]
}

func (fs *funcState) patchTestReg(node, reg int) bool {
	i := fs.jumpControl(node)
	if i.Op() != bc.OpTestSet {
		return false
	}
	if reg != noReg && reg != i.B() {
		*i = i.SetA(reg)
	} else {
		*i = bc.ABC(bc.OpTest, i.B(), 0, 0, i.K())
	}
	return true
}

func (fs *funcState) removeValues(list int) {
	for ; list != noJump; list = fs.getJump(list) {
		fs.patchTestReg(list, noReg)
	}
}

func (fs *funcState) patchListAux(list, vtarget, reg, dtarget int) {
	for list != noJump {
		next := fs.getJump(list)
		if fs.patchTestReg(list, reg) {
			fs.fixJump(list, vtarget)
		} else {
			fs.fixJump(list, dtarget)
		}
		list = next
	}
}

func (fs *funcState) patchList(list, target int) { fs.patchListAux(list, target, noReg, target) }

func (fs *funcState) patchToHere(list int) { fs.patchList(list, fs.getLabel()) }

// codeK loads constant k into reg.
func (fs *funcState) codeK(reg, k int) int {
	if k <= bc.MaxBx {
		return fs.codeABx(bc.OpLoadK, reg, k)
	}
	p := fs.codeABx(bc.OpLoadKX, reg, 0)
	fs.codeExtraArg(k)
	return p
}

func (fs *funcState) checkStack(n int) {
	ns := fs.freereg + n
	if ns > fs.f.MaxStackSize {
		if ns >= bc.MaxRegisters {
			fs.c.syntaxError("function or expression needs too many registers")
		}
		fs.f.MaxStackSize = ns
	}
}

func (fs *funcState) reserveRegs(n int) {
	fs.checkStack(n)
	fs.freereg += n
}

func (fs *funcState) freeReg(reg int) {
	if reg >= fs.nvarstack() {
		fs.freereg--
	}
}

func (fs *funcState) freeRegs(r1, r2 int) {
	if r1 > r2 {
		fs.freeReg(r1)
		fs.freeReg(r2)
	} else {
		fs.freeReg(r2)
		fs.freeReg(r1)
	}
}

func (fs *funcState) freeExp(e *expdesc) {
	if e.k == vNonReloc {
		fs.freeReg(e.info)
	}
}

func (fs *funcState) freeExps(e1, e2 *expdesc) {
	r1, r2 := -1, -1
	if e1.k == vNonReloc {
		r1 = e1.info
	}
	if e2.k == vNonReloc {
		r2 = e2.info
	}
	if r1 >= 0 || r2 >= 0 {
		// freeRegs ignores -1 only through the nvarstack test; be explicit.
		switch {
		case r1 < 0:
			fs.freeReg(r2)
		case r2 < 0:
			fs.freeReg(r1)
		default:
			fs.freeRegs(r1, r2)
		}
	}
}

// addK returns the index of constant v, adding it if needed. Like lua
// 5.4.4, the cache that finds existing constants is shared by all the
// functions of a chunk and remembers the last index given to a key, so a
// constant used by a nested function in between may be added twice.
func (fs *funcState) addK(key kkey, v value.Value) int {
	f := fs.f
	if i, ok := fs.c.kcache[key]; ok && i < len(f.Constants) && sameConst(f.Constants[i], v) {
		return i
	}
	f.Constants = append(f.Constants, v)
	i := len(f.Constants) - 1
	fs.c.kcache[key] = i
	return i
}

// sameConst compares constants by type (integer and float apart) and value.
func sameConst(a, b value.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch a.Type() {
	case value.TypeNil:
		return true
	case value.TypeBoolean:
		return a.AsBool() == b.AsBool()
	case value.TypeInteger:
		return a.AsInt() == b.AsInt()
	case value.TypeFloat:
		return a.AsFloat() == b.AsFloat()
	case value.TypeString:
		return a.AsString() == b.AsString()
	}
	return false
}

func (fs *funcState) stringK(s string) int { return fs.addK(kkey{t: 's', s: s}, value.String(s)) }

func (fs *funcState) intK(i int64) int { return fs.addK(kkey{t: 'i', n: uint64(i)}, value.Int(i)) }

// numberK adds a float constant. As in lua 5.4.4, a float with an
// integral value is cached under a perturbed key (r + r*2^-52) so that it
// does not collide with the integer of the same value.
func (fs *funcState) numberK(r float64) int {
	key := kkey{t: 'f', n: math.Float64bits(r)}
	if ik, ok := floatToIntEq(r); ok {
		q := math.Ldexp(1, -52)
		k := q
		if ik != 0 {
			k = r + r*q
		}
		key = kkey{t: 'f', n: math.Float64bits(k)}
		if i, ok := floatToIntEq(k); ok { // too large: same key as the integer
			key = kkey{t: 'i', n: uint64(i)}
		}
	}
	return fs.addK(key, value.Float(r))
}

func (fs *funcState) boolK(b bool) int {
	var n uint64
	if b {
		n = 1
	}
	return fs.addK(kkey{t: 'b', n: n}, value.Bool(b))
}

func (fs *funcState) nilK() int { return fs.addK(kkey{t: 'n'}, value.Nil) }

func fitsBx(i int64) bool { return -bc.OffsetsBx <= i && i <= bc.MaxBx-bc.OffsetsBx }

func fitsC(i int64) bool { return -bc.OffsetsC <= i && i <= bc.MaxC-bc.OffsetsC }

func (fs *funcState) loadInt(reg int, i int64) {
	if fitsBx(i) {
		fs.codeAsBx(bc.OpLoadI, reg, int(i))
	} else {
		fs.codeK(reg, fs.intK(i))
	}
}

// floatToIntEq converts f to an integer if it has an exact integer value.
func floatToIntEq(f float64) (int64, bool) {
	if f >= -9223372036854775808.0 && f < 9223372036854775808.0 {
		i := int64(f)
		if float64(i) == f {
			return i, true
		}
	}
	return 0, false
}

func (fs *funcState) loadFloat(reg int, f float64) {
	if i, ok := floatToIntEq(f); ok && fitsBx(i) {
		fs.codeAsBx(bc.OpLoadF, reg, int(i))
	} else {
		fs.codeK(reg, fs.numberK(f))
	}
}

// setTableSize fills in the NEWTABLE at pc and its EXTRAARG.
func (fs *funcState) setTableSize(pc, ra, asize, hsize int) {
	rb := 0
	if hsize != 0 {
		rb = ceilLog2(hsize) + 1
	}
	extra := asize / (bc.MaxC + 1)
	rc := asize % (bc.MaxC + 1)
	fs.f.Code[pc] = bc.ABC(bc.OpNewTable, ra, rb, rc, extra > 0)
	fs.f.Code[pc+1] = bc.Ax(bc.OpExtraArg, extra)
}

func ceilLog2(x int) int {
	l := 0
	x--
	for x > 0 {
		l++
		x >>= 1
	}
	return l
}

func (fs *funcState) setList(base, nelems, tostore int) {
	if tostore == multRet {
		tostore = 0
	}
	if nelems <= bc.MaxC {
		fs.codeABC(bc.OpSetList, base, tostore, nelems)
	} else {
		extra := nelems / (bc.MaxC + 1)
		nelems %= bc.MaxC + 1
		fs.codeABCk(bc.OpSetList, base, tostore, nelems, true)
		fs.codeExtraArg(extra)
	}
	fs.freereg = base + 1
}

// finish does the final pass over the code (luaK_finish): RETURN flags for
// functions that close variables or are vararg, and jump threading.
func (fs *funcState) finish() {
	p := fs.f
	for i := range p.Code {
		in := p.Code[i]
		switch in.Op() {
		case bc.OpReturn0, bc.OpReturn1:
			if !(fs.needClose || p.IsVararg) {
				continue
			}
			in = bc.ABC(bc.OpReturn, in.A(), in.B(), in.C(), in.K())
			fallthrough
		case bc.OpReturn, bc.OpTailCall:
			if fs.needClose {
				in = in.SetK(true)
			}
			if p.IsVararg {
				in = in.SetC(p.NumParams + 1)
			}
			p.Code[i] = in
		case bc.OpJmp:
			fs.fixJump(i, finalTarget(p.Code, i))
		}
	}
}

func finalTarget(code []bc.Instruction, i int) int {
	for count := 0; count < 100; count++ {
		in := code[i]
		if in.Op() != bc.OpJmp {
			break
		}
		i += in.SJ() + 1
	}
	return i
}
