package compiler

import (
	"math"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// expKind is the state of an expression being compiled (lparser.h expkind).
type expKind uint8

const (
	vVoid     expKind = iota // empty expression list / no value
	vNil                     // constant nil
	vTrue                    // constant true
	vFalse                   // constant false
	vK                       // constant in K; info = index
	vKFlt                    // float constant; nval
	vKInt                    // integer constant; ival
	vKStr                    // string constant; strval
	vNonReloc                // value in a fixed register; info = register
	vLocal                   // local variable; ridx = register, vidx = index in actvar (relative)
	vUpval                   // upvalue; info = index
	vConst                   // compile-time <const>; info = absolute index in actvar
	vIndexed                 // t[k]; t = table register, idx = key register
	vIndexUp                 // upvalue[K]; t = upvalue, idx = string constant
	vIndexI                  // t[i]; idx = integer key
	vIndexStr                // t.name; idx = string constant
	vJmp                     // test/comparison; info = pc of its jump
	vReloc                   // result can go to any register; info = instruction pc
	vCall                    // call; info = instruction pc
	vVararg                  // vararg; info = instruction pc
)

// expdesc describes a pending expression (lparser.h expdesc).
type expdesc struct {
	k      expKind
	info   int
	ival   int64
	nval   float64
	strval string
	ridx   int // vLocal
	vidx   int // vLocal
	t, idx int // indexed kinds
	tj, fj int // patch lists: exit when true / when false
}

func newExp(k expKind, info int) expdesc {
	return expdesc{k: k, info: info, tj: noJump, fj: noJump}
}

func (e *expdesc) hasJumps() bool { return e.tj != e.fj }

func hasMultRet(k expKind) bool { return k == vCall || k == vVararg }

func isVar(k expKind) bool { return vLocal <= k && k <= vIndexStr }

func isIndexed(k expKind) bool { return vIndexed <= k && k <= vIndexStr }

// constToExp turns a constant value into an expression.
func constToExp(v value.Value, e *expdesc) {
	switch v.Type() {
	case value.TypeInteger:
		e.k, e.ival = vKInt, v.AsInt()
	case value.TypeFloat:
		e.k, e.nval = vKFlt, v.AsFloat()
	case value.TypeBoolean:
		if v.AsBool() {
			e.k = vTrue
		} else {
			e.k = vFalse
		}
	case value.TypeString:
		e.k, e.strval = vKStr, v.AsString()
	default:
		e.k = vNil
	}
}

// expToConst reports the constant value of e, if it has one (luaK_exp2const).
func (fs *funcState) expToConst(e *expdesc) (value.Value, bool) {
	if e.hasJumps() {
		return value.Nil, false
	}
	switch e.k {
	case vFalse:
		return value.False, true
	case vTrue:
		return value.True, true
	case vNil:
		return value.Nil, true
	case vKStr:
		return value.String(e.strval), true
	case vConst:
		return fs.c.actvar[e.info].k, true
	}
	return toNumeral(e)
}

func toNumeral(e *expdesc) (value.Value, bool) {
	if e.hasJumps() {
		return value.Nil, false
	}
	switch e.k {
	case vKInt:
		return value.Int(e.ival), true
	case vKFlt:
		return value.Float(e.nval), true
	}
	return value.Nil, false
}

func (fs *funcState) setReturns(e *expdesc, nresults int) {
	pc := &fs.f.Code[e.info]
	if e.k == vCall {
		*pc = pc.SetC(nresults + 1)
	} else {
		*pc = pc.SetC(nresults + 1).SetA(fs.freereg)
		fs.reserveRegs(1)
	}
}

func (fs *funcState) setMultRet(e *expdesc) { fs.setReturns(e, multRet) }

func (fs *funcState) str2K(e *expdesc) {
	e.info = fs.stringK(e.strval)
	e.k = vK
}

func (fs *funcState) setOneRet(e *expdesc) {
	if e.k == vCall {
		e.k = vNonReloc
		e.info = fs.f.Code[e.info].A()
	} else if e.k == vVararg {
		pc := &fs.f.Code[e.info]
		*pc = pc.SetC(2)
		e.k = vReloc
	}
}

func (fs *funcState) dischargeVars(e *expdesc) {
	switch e.k {
	case vConst:
		constToExp(fs.c.actvar[e.info].k, e)
	case vLocal:
		e.info = e.ridx
		e.k = vNonReloc
	case vUpval:
		e.info = fs.codeABC(bc.OpGetUpval, 0, e.info, 0)
		e.k = vReloc
	case vIndexUp:
		e.info = fs.codeABC(bc.OpGetTabUp, 0, e.t, e.idx)
		e.k = vReloc
	case vIndexI:
		fs.freeReg(e.t)
		e.info = fs.codeABC(bc.OpGetI, 0, e.t, e.idx)
		e.k = vReloc
	case vIndexStr:
		fs.freeReg(e.t)
		e.info = fs.codeABC(bc.OpGetField, 0, e.t, e.idx)
		e.k = vReloc
	case vIndexed:
		fs.freeRegs(e.t, e.idx)
		e.info = fs.codeABC(bc.OpGetTable, 0, e.t, e.idx)
		e.k = vReloc
	case vVararg, vCall:
		fs.setOneRet(e)
	}
}

func (fs *funcState) discharge2Reg(e *expdesc, reg int) {
	fs.dischargeVars(e)
	switch e.k {
	case vNil:
		fs.loadNil(reg, 1)
	case vFalse:
		fs.codeABC(bc.OpLoadFalse, reg, 0, 0)
	case vTrue:
		fs.codeABC(bc.OpLoadTrue, reg, 0, 0)
	case vKStr:
		fs.str2K(e)
		fs.codeK(reg, e.info)
	case vK:
		fs.codeK(reg, e.info)
	case vKFlt:
		fs.loadFloat(reg, e.nval)
	case vKInt:
		fs.loadInt(reg, e.ival)
	case vReloc:
		pc := &fs.f.Code[e.info]
		*pc = pc.SetA(reg)
	case vNonReloc:
		if reg != e.info {
			fs.codeABC(bc.OpMove, reg, e.info, 0)
		}
	default: // vJmp: nothing to do
		return
	}
	e.info = reg
	e.k = vNonReloc
}

func (fs *funcState) discharge2AnyReg(e *expdesc) {
	if e.k != vNonReloc {
		fs.reserveRegs(1)
		fs.discharge2Reg(e, fs.freereg-1)
	}
}

func (fs *funcState) codeLoadBool(a int, op bc.Opcode) int {
	fs.getLabel()
	return fs.codeABC(op, a, 0, 0)
}

// needValue reports whether some jump in list does not produce a value.
func (fs *funcState) needValue(list int) bool {
	for ; list != noJump; list = fs.getJump(list) {
		if fs.jumpControl(list).Op() != bc.OpTestSet {
			return true
		}
	}
	return false
}

func (fs *funcState) exp2Reg(e *expdesc, reg int) {
	fs.discharge2Reg(e, reg)
	if e.k == vJmp {
		fs.concat(&e.tj, e.info)
	}
	if e.hasJumps() {
		pf, pt := noJump, noJump
		if fs.needValue(e.tj) || fs.needValue(e.fj) {
			fj := noJump
			if e.k != vJmp {
				fj = fs.jump()
			}
			pf = fs.codeLoadBool(reg, bc.OpLFalseSkip)
			pt = fs.codeLoadBool(reg, bc.OpLoadTrue)
			fs.patchToHere(fj)
		}
		final := fs.getLabel()
		fs.patchListAux(e.fj, final, reg, pf)
		fs.patchListAux(e.tj, final, reg, pt)
	}
	e.fj, e.tj = noJump, noJump
	e.info = reg
	e.k = vNonReloc
}

func (fs *funcState) exp2NextReg(e *expdesc) {
	fs.dischargeVars(e)
	fs.freeExp(e)
	fs.reserveRegs(1)
	fs.exp2Reg(e, fs.freereg-1)
}

func (fs *funcState) exp2AnyReg(e *expdesc) int {
	fs.dischargeVars(e)
	if e.k == vNonReloc {
		if !e.hasJumps() {
			return e.info
		}
		if e.info >= fs.nvarstack() {
			fs.exp2Reg(e, e.info)
			return e.info
		}
	}
	fs.exp2NextReg(e)
	return e.info
}

func (fs *funcState) exp2AnyRegUp(e *expdesc) {
	if e.k != vUpval || e.hasJumps() {
		fs.exp2AnyReg(e)
	}
}

func (fs *funcState) exp2Val(e *expdesc) {
	if e.hasJumps() {
		fs.exp2AnyReg(e)
	} else {
		fs.dischargeVars(e)
	}
}

// exp2K tries to make e a K operand (index fits in an RK field).
func (fs *funcState) exp2K(e *expdesc) bool {
	if e.hasJumps() {
		return false
	}
	var info int
	switch e.k {
	case vTrue:
		info = fs.boolK(true)
	case vFalse:
		info = fs.boolK(false)
	case vNil:
		info = fs.nilK()
	case vKInt:
		info = fs.intK(e.ival)
	case vKFlt:
		info = fs.numberK(e.nval)
	case vKStr:
		info = fs.stringK(e.strval)
	case vK:
		info = e.info
	default:
		return false
	}
	if info <= maxIndexRK {
		e.k = vK
		e.info = info
		return true
	}
	return false
}

func (fs *funcState) exp2RK(e *expdesc) bool {
	if fs.exp2K(e) {
		return true
	}
	fs.exp2AnyReg(e)
	return false
}

func (fs *funcState) codeABRK(op bc.Opcode, a, b int, ec *expdesc) {
	k := fs.exp2RK(ec)
	fs.codeABCk(op, a, b, ec.info, k)
}

// storeVar stores ex into the variable v.
func (fs *funcState) storeVar(v, ex *expdesc) {
	switch v.k {
	case vLocal:
		fs.freeExp(ex)
		fs.exp2Reg(ex, v.ridx)
		return
	case vUpval:
		e := fs.exp2AnyReg(ex)
		fs.codeABC(bc.OpSetUpval, e, v.info, 0)
	case vIndexUp:
		fs.codeABRK(bc.OpSetTabUp, v.t, v.idx, ex)
	case vIndexI:
		fs.codeABRK(bc.OpSetI, v.t, v.idx, ex)
	case vIndexStr:
		fs.codeABRK(bc.OpSetField, v.t, v.idx, ex)
	case vIndexed:
		fs.codeABRK(bc.OpSetTable, v.t, v.idx, ex)
	}
	fs.freeExp(ex)
}

// self emits SELF: e becomes the method, e+1 the receiver.
func (fs *funcState) self(e, key *expdesc) {
	fs.exp2AnyReg(e)
	ereg := e.info
	fs.freeExp(e)
	e.info = fs.freereg
	e.k = vNonReloc
	fs.reserveRegs(2)
	fs.codeABRK(bc.OpSelf, e.info, ereg, key)
	fs.freeExp(key)
}

func (fs *funcState) negateCondition(e *expdesc) {
	pc := fs.jumpControl(e.info)
	*pc = pc.SetK(!pc.K())
}

func (fs *funcState) jumpOnCond(e *expdesc, cond bool) int {
	if e.k == vReloc {
		ie := fs.f.Code[e.info]
		if ie.Op() == bc.OpNot {
			fs.removeLastInstruction()
			return fs.condJump(bc.OpTest, ie.B(), 0, 0, !cond)
		}
	}
	fs.discharge2AnyReg(e)
	fs.freeExp(e)
	return fs.condJump(bc.OpTestSet, noReg, e.info, 0, cond)
}

// goIfTrue emits code to fall through when e is true and jump when false.
func (fs *funcState) goIfTrue(e *expdesc) {
	fs.dischargeVars(e)
	var pc int
	switch e.k {
	case vJmp:
		fs.negateCondition(e)
		pc = e.info
	case vK, vKFlt, vKInt, vKStr, vTrue:
		pc = noJump
	default:
		pc = fs.jumpOnCond(e, false)
	}
	fs.concat(&e.fj, pc)
	fs.patchToHere(e.tj)
	e.tj = noJump
}

// goIfFalse emits code to fall through when e is false and jump when true.
func (fs *funcState) goIfFalse(e *expdesc) {
	fs.dischargeVars(e)
	var pc int
	switch e.k {
	case vJmp:
		pc = e.info
	case vNil, vFalse:
		pc = noJump
	default:
		pc = fs.jumpOnCond(e, true)
	}
	fs.concat(&e.tj, pc)
	fs.patchToHere(e.fj)
	e.fj = noJump
}

func (fs *funcState) codeNot(e *expdesc) {
	switch e.k {
	case vNil, vFalse:
		e.k = vTrue
	case vK, vKFlt, vKInt, vKStr, vTrue:
		e.k = vFalse
	case vJmp:
		fs.negateCondition(e)
	case vReloc, vNonReloc:
		fs.discharge2AnyReg(e)
		fs.freeExp(e)
		e.info = fs.codeABC(bc.OpNot, 0, e.info, 0)
		e.k = vReloc
	}
	e.fj, e.tj = e.tj, e.fj
	fs.removeValues(e.fj)
	fs.removeValues(e.tj)
}

func (fs *funcState) isKstr(e *expdesc) bool {
	if e.k != vK || e.hasJumps() || e.info > bc.MaxB {
		return false
	}
	k := fs.f.Constants[e.info]
	return k.IsString() && k.StrLen() <= maxShortLen
}

func isKint(e *expdesc) bool { return e.k == vKInt && !e.hasJumps() }

func isCint(e *expdesc) bool { return isKint(e) && uint64(e.ival) <= bc.MaxC }

func isSCint(e *expdesc) bool { return isKint(e) && fitsC(e.ival) }

// isSCnumber reports whether e is a number fitting an sC operand; it
// returns the encoded operand and whether the number was a float.
func isSCnumber(e *expdesc) (im int, isFloat, ok bool) {
	var i int64
	switch {
	case e.k == vKInt:
		i = e.ival
	case e.k == vKFlt:
		fi, exact := floatToIntEq(e.nval)
		if !exact {
			return 0, false, false
		}
		i, isFloat = fi, true
	default:
		return 0, false, false
	}
	if !e.hasJumps() && fitsC(i) {
		return int(i) + bc.OffsetsC, isFloat, true
	}
	return 0, false, false
}

// indexed turns t into t[k].
func (fs *funcState) indexed(t, k *expdesc) {
	if k.k == vKStr {
		fs.str2K(k)
	}
	if t.k == vUpval && !fs.isKstr(k) {
		fs.exp2AnyReg(t)
	}
	if t.k == vUpval {
		t.t = t.info
		t.idx = k.info
		t.k = vIndexUp
		return
	}
	if t.k == vLocal {
		t.t = t.ridx
	} else {
		t.t = t.info
	}
	switch {
	case fs.isKstr(k):
		t.idx = k.info
		t.k = vIndexStr
	case isCint(k):
		t.idx = int(k.ival)
		t.k = vIndexI
	default:
		t.idx = fs.exp2AnyReg(k)
		t.k = vIndexed
	}
}

// arithmetic operator codes shared by folding and code generation, in
// the order of the reference's LUA_OP* / OPR_* arithmetic operators.
type opr uint8

const (
	oprAdd opr = iota
	oprSub
	oprMul
	oprMod
	oprPow
	oprDiv
	oprIDiv
	oprBAnd
	oprBOr
	oprBXor
	oprShl
	oprShr
	oprConcat
	oprEq
	oprLt
	oprLe
	oprNe
	oprGt
	oprGe
	oprAnd
	oprOr
	oprUnm  // only for folding
	oprBNot // only for folding
)

func validOp(op opr, v1, v2 value.Value) bool {
	switch op {
	case oprBAnd, oprBOr, oprBXor, oprShl, oprShr, oprBNot:
		_, ok1 := toIntegerStrict(v1)
		_, ok2 := toIntegerStrict(v2)
		return ok1 && ok2
	case oprDiv, oprIDiv, oprMod:
		return numValue(v2) != 0
	}
	return true
}

func toIntegerStrict(v value.Value) (int64, bool) {
	if v.IsInt() {
		return v.AsInt(), true
	}
	return floatToIntEq(v.AsFloat())
}

func numValue(v value.Value) float64 {
	if v.IsInt() {
		return float64(v.AsInt())
	}
	return v.AsFloat()
}

// rawArith computes v1 op v2 on numbers (luaO_rawarith); validOp has
// been checked.
func rawArith(op opr, v1, v2 value.Value) value.Value {
	switch op {
	case oprBAnd, oprBOr, oprBXor, oprShl, oprShr, oprBNot:
		a, _ := toIntegerStrict(v1)
		b, _ := toIntegerStrict(v2)
		switch op {
		case oprBAnd:
			return value.Int(a & b)
		case oprBOr:
			return value.Int(a | b)
		case oprBXor:
			return value.Int(a ^ b)
		case oprShl:
			return value.Int(value.ShiftLeft(a, b))
		case oprShr:
			return value.Int(value.ShiftRight(a, b))
		default:
			return value.Int(^a)
		}
	case oprDiv, oprPow:
	default:
		if v1.IsInt() && v2.IsInt() {
			a, b := v1.AsInt(), v2.AsInt()
			switch op {
			case oprAdd:
				return value.Int(a + b)
			case oprSub:
				return value.Int(a - b)
			case oprMul:
				return value.Int(a * b)
			case oprMod:
				return value.Int(value.IntMod(a, b))
			case oprIDiv:
				return value.Int(value.IntFloorDiv(a, b))
			case oprUnm:
				return value.Int(-a)
			}
		}
	}
	a, b := numValue(v1), numValue(v2)
	switch op {
	case oprAdd:
		return value.Float(a + b)
	case oprSub:
		return value.Float(a - b)
	case oprMul:
		return value.Float(a * b)
	case oprMod:
		return value.Float(value.FloatMod(a, b))
	case oprIDiv:
		return value.Float(math.Floor(a / b))
	case oprDiv:
		return value.Float(a / b)
	case oprPow:
		return value.Float(value.Pow(a, b))
	default: // oprUnm
		return value.Float(-a)
	}
}

// constFolding folds e1 op e2 into e1 when both are numerals and the
// operation cannot raise an error or produce NaN or a float zero.
func (fs *funcState) constFolding(op opr, e1, e2 *expdesc) bool {
	v1, ok1 := toNumeral(e1)
	v2, ok2 := toNumeral(e2)
	if !ok1 || !ok2 || !validOp(op, v1, v2) {
		return false
	}
	res := rawArith(op, v1, v2)
	if res.IsInt() {
		e1.k = vKInt
		e1.ival = res.AsInt()
	} else {
		n := res.AsFloat()
		if math.IsNaN(n) || n == 0 {
			return false
		}
		e1.k = vKFlt
		e1.nval = n
	}
	return true
}
