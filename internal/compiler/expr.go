package compiler

import (
	"strconv"

	"github.com/tidelua/tide/internal/ast"
	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/token"
)

// Expressions, after lparser.c's expression functions and lcode.c's
// operator code generation (luaK_prefix, luaK_infix, luaK_posfix).

// expr compiles e into v without discharging it.
func (c *compiler) expr(e ast.Expr, v *expdesc) {
	if c.spine(e, v) {
		return
	}
	fs := c.fs
	switch e.(type) {
	case *ast.Nil, *ast.True, *ast.False, *ast.Number, *ast.String:
		c.setLine(e.End() - 1) // a long string ends on a later line
	}
	switch n := e.(type) {
	case *ast.Nil:
		*v = newExp(vNil, 0)
	case *ast.True:
		*v = newExp(vTrue, 0)
	case *ast.False:
		*v = newExp(vFalse, 0)
	case *ast.Number:
		if n.IsInt {
			*v = newExp(vKInt, 0)
			v.ival = n.Int
		} else {
			*v = newExp(vKFlt, 0)
			v.nval = n.Float
		}
	case *ast.String:
		*v = newExp(vKStr, 0)
		v.strval = n.Value
	case *ast.Vararg:
		// VARARG takes the line of the previous token, like NEWTABLE.
		if !fs.f.IsVararg {
			c.syntaxErrorAt("cannot use '...' outside a vararg function", c.lineOf(n.Pos()), "'...'")
		}
		*v = newExp(vVararg, fs.codeABC(bc.OpVararg, 0, 0, 1))
	case *ast.Table:
		c.constructor(n, v)
	case *ast.Function:
		c.body(n, v, c.lineOf(n.Pos()))
	case *ast.Name:
		c.setLine(n.Pos())
		c.singleVar(n.Name, v)
	case *ast.Index:
		c.expr(n.X, v)
		c.suffix(n, v)
	case *ast.Call:
		c.expr(n.Fn, v)
		c.suffix(n, v)
	case *ast.MethodCall:
		c.expr(n.Recv, v)
		c.suffix(n, v)
	case *ast.Paren:
		c.expr(n.X, v)
		c.setLine(n.End() - 1)
		fs.dischargeVars(v)
	case *ast.Unary:
		line := c.lineOf(n.Pos())
		c.expr(n.X, v)
		c.prefix(n.Op, v, line)
	case *ast.Binary:
		follow := c.follow
		if int(n.Op) < len(quotedBinOp) {
			c.follow = quotedBinOp[n.Op]
		}
		c.expr(n.L, v)
		c.follow = follow
		c.suffix(n, v)
	default:
		panic("compiler: unknown expression node")
	}
}

// maxSpine is the length of a chain of left-nested operands ("a.b.c...",
// "1+1+1...", "f()()()...") above which expr compiles the chain with a loop
// instead of recursion, so that a chain of millions of links, which the
// reference compiles without trouble, cannot overflow the Go stack. Short
// chains keep the recursive path, which tracks the "near" token exactly.
const maxSpine = 64

// leftOperand returns the left-nested operand of a binary operation, index
// or call, and nil for other expressions.
func leftOperand(e ast.Expr) ast.Expr {
	switch n := e.(type) {
	case *ast.Binary:
		return n.L
	case *ast.Index:
		return n.X
	case *ast.Call:
		return n.Fn
	case *ast.MethodCall:
		return n.Recv
	}
	return nil
}

// spine compiles e with a loop when it heads a chain of more than maxSpine
// left-nested operands, and reports whether it did. The generated code is
// the same as the recursive path's: the innermost operand first, then each
// enclosing operation's suffix from the inside out.
func (c *compiler) spine(e ast.Expr, v *expdesc) bool {
	n := 0
	x := e
	for ; leftOperand(x) != nil; x = leftOperand(x) {
		n++
	}
	if n <= maxSpine {
		return false
	}
	links := make([]ast.Expr, 0, n)
	for y := e; y != x; y = leftOperand(y) {
		links = append(links, y)
	}
	// follow[i] is the "near" hint in force while links[i]'s suffix is
	// compiled: each binary operation sets it for its left operand.
	follow := make([]string, len(links)+1)
	follow[0] = c.follow
	for i, l := range links {
		follow[i+1] = follow[i]
		if b, ok := l.(*ast.Binary); ok && int(b.Op) < len(quotedBinOp) {
			follow[i+1] = quotedBinOp[b.Op]
		}
	}
	c.follow = follow[len(links)]
	c.expr(x, v)
	for i := len(links) - 1; i >= 0; i-- {
		c.follow = follow[i]
		c.suffix(links[i], v)
	}
	return true
}

// suffix compiles what follows the left operand of a binary operation,
// index or call, with the left operand already compiled into v.
func (c *compiler) suffix(e ast.Expr, v *expdesc) {
	fs := c.fs
	switch n := e.(type) {
	case *ast.Index:
		fs.exp2AnyRegUp(v)
		var k expdesc
		c.expr(n.Key, &k)
		c.setLine(n.End() - 1)
		fs.exp2Val(&k)
		fs.indexed(v, &k)
	case *ast.Call:
		line := c.lineOf(n.Pos())
		if len(n.Args) > 0 {
			c.near = firstTokenText(n.Args[0])
		}
		fs.exp2NextReg(v)
		c.funcArgs(n.Args, v, line, n.End())
	case *ast.MethodCall:
		line := c.lineOf(n.Pos())
		key := newExp(vKStr, 0)
		key.strval = n.Name.Value
		c.setLine(n.Name.Pos())
		fs.self(v, &key)
		c.funcArgs(n.Args, v, line, n.End())
	case *ast.Binary:
		line := c.lineOf(n.OpPos)
		o := binOpr(n.Op)
		c.line = line
		c.infix(o, v)
		var v2 expdesc
		c.expr(n.R, &v2)
		c.setLine(n.End() - 1)
		c.posfix(o, v, &v2, line)
	}
}

// explist compiles a non-empty expression list, leaving all but the last
// value in consecutive registers; it returns the number of expressions.
func (c *compiler) explist(list []ast.Expr, v *expdesc) int {
	follow := c.follow
	for i, e := range list {
		if i > 0 {
			c.near = firstTokenText(e)
			c.fs.exp2NextReg(v)
		}
		c.follow = "','"
		if i == len(list)-1 {
			c.follow = follow
		}
		c.expr(e, v)
	}
	return len(list)
}

func (c *compiler) funcArgs(args []ast.Expr, f *expdesc, line int, end token.Pos) {
	fs := c.fs
	var a expdesc
	if len(args) == 0 {
		a = newExp(vVoid, 0)
	} else {
		follow := c.follow
		c.follow = "')'"
		c.explist(args, &a)
		c.follow = follow
		if hasMultRet(a.k) {
			fs.setMultRet(&a)
		}
	}
	c.setLine(end - 1)
	base := f.info
	var nparams int
	if hasMultRet(a.k) {
		nparams = multRet
	} else {
		if a.k != vVoid {
			fs.exp2NextReg(&a)
		}
		nparams = fs.freereg - (base + 1)
	}
	*f = newExp(vCall, fs.codeABC(bc.OpCall, base, nparams+1, 2))
	fs.fixLine(line)
	fs.freereg = base + 1
}

func (c *compiler) constructor(t *ast.Table, v *expdesc) {
	fs := c.fs
	// NEWTABLE takes the line of the token before '{' (the reference emits
	// it before reading '{'), which is the current line.
	pc := fs.codeABC(bc.OpNewTable, 0, 0, 0)
	fs.code(0) // room for EXTRAARG
	na, nh, tostore := 0, 0, 0
	*v = newExp(vNonReloc, fs.freereg)
	fs.reserveRegs(1)
	cv := newExp(vVoid, 0)
	for _, f := range t.Fields {
		if cv.k != vVoid { // closelistfield
			c.near = fieldFirstToken(f)
			fs.exp2NextReg(&cv)
			cv.k = vVoid
			if tostore == bc.FieldsPerFlush {
				fs.setList(v.info, na, tostore)
				na += tostore
				tostore = 0
			}
		}
		if f.Kind == ast.FieldList {
			c.expr(f.Value, &cv)
			tostore++
			continue
		}
		reg := fs.freereg
		var key expdesc
		if s, ok := f.Key.(*ast.String); ok && f.Kind == ast.FieldNamed {
			key = newExp(vKStr, 0)
			key.strval = s.Value
		} else {
			c.setLine(f.Key.Pos()) // the line of '['
			c.expr(f.Key, &key)
			fs.exp2Val(&key)
		}
		c.setLine(f.Key.End() - 1) // '=' is read before the key is used
		nh++
		tab := *v
		fs.indexed(&tab, &key)
		var val expdesc
		c.expr(f.Value, &val)
		fs.storeVar(&tab, &val)
		fs.freereg = reg
	}
	c.setLine(t.End() - 1)
	if tostore != 0 { // lastlistfield
		if hasMultRet(cv.k) {
			fs.setMultRet(&cv)
			fs.setList(v.info, na, multRet)
			na--
		} else {
			if cv.k != vVoid {
				fs.exp2NextReg(&cv)
			}
			fs.setList(v.info, na, tostore)
		}
		na += tostore
	}
	fs.setTableSize(pc, v.info, na, nh)
}

func binOpr(op ast.BinOp) opr {
	switch op {
	case ast.OpAdd:
		return oprAdd
	case ast.OpSub:
		return oprSub
	case ast.OpMul:
		return oprMul
	case ast.OpDiv:
		return oprDiv
	case ast.OpIDiv:
		return oprIDiv
	case ast.OpMod:
		return oprMod
	case ast.OpPow:
		return oprPow
	case ast.OpConcat:
		return oprConcat
	case ast.OpEq:
		return oprEq
	case ast.OpNe:
		return oprNe
	case ast.OpLt:
		return oprLt
	case ast.OpLe:
		return oprLe
	case ast.OpGt:
		return oprGt
	case ast.OpGe:
		return oprGe
	case ast.OpAnd:
		return oprAnd
	case ast.OpOr:
		return oprOr
	case ast.OpBAnd:
		return oprBAnd
	case ast.OpBOr:
		return oprBOr
	case ast.OpBXor:
		return oprBXor
	case ast.OpShl:
		return oprShl
	case ast.OpShr:
		return oprShr
	}
	panic("compiler: unknown binary operator")
}

// quotedBinOp is each operator as a "near" clause prints it.
var quotedBinOp = func() (q [ast.OpShr + 1]string) {
	for op := range q {
		q[op] = "'" + ast.BinOp(op).String() + "'"
	}
	return q
}()

func isFoldable(o opr) bool { return o <= oprShr }

func (c *compiler) prefix(op ast.UnOp, e *expdesc, line int) {
	fs := c.fs
	fs.dischargeVars(e)
	switch op {
	case ast.OpNeg, ast.OpBNot:
		ef := newExp(vKInt, 0)
		o, code := oprUnm, bc.OpUnm
		if op == ast.OpBNot {
			o, code = oprBNot, bc.OpBNot
		}
		if fs.constFolding(o, e, &ef) {
			return
		}
		fs.codeUnExpVal(code, e, line)
	case ast.OpLen:
		fs.codeUnExpVal(bc.OpLen, e, line)
	case ast.OpNot:
		fs.codeNot(e)
	default:
		panic("compiler: unknown unary operator")
	}
}

func (fs *funcState) codeUnExpVal(op bc.Opcode, e *expdesc, line int) {
	r := fs.exp2AnyReg(e)
	fs.freeExp(e)
	e.info = fs.codeABC(op, 0, r, 0)
	e.k = vReloc
	fs.fixLine(line)
}

func (c *compiler) infix(o opr, v *expdesc) {
	fs := c.fs
	fs.dischargeVars(v)
	switch o {
	case oprAnd:
		fs.goIfTrue(v)
	case oprOr:
		fs.goIfFalse(v)
	case oprConcat:
		fs.exp2NextReg(v)
	case oprEq, oprNe:
		if _, ok := toNumeral(v); !ok {
			fs.exp2RK(v)
		}
	case oprLt, oprLe, oprGt, oprGe:
		if _, _, ok := isSCnumber(v); !ok {
			fs.exp2AnyReg(v)
		}
	default: // arithmetic and bitwise
		if _, ok := toNumeral(v); !ok {
			fs.exp2AnyReg(v)
		}
	}
}

func (c *compiler) posfix(o opr, e1, e2 *expdesc, line int) {
	fs := c.fs
	fs.dischargeVars(e2)
	if isFoldable(o) && fs.constFolding(o, e1, e2) {
		return
	}
	switch o {
	case oprAnd:
		fs.concat(&e2.fj, e1.fj)
		*e1 = *e2
	case oprOr:
		fs.concat(&e2.tj, e1.tj)
		*e1 = *e2
	case oprConcat:
		fs.exp2NextReg(e2)
		fs.codeConcat(e1, e2, line)
	case oprAdd, oprMul:
		fs.codeCommutative(o, e1, e2, line)
	case oprSub:
		if fs.finishBinExpNeg(e1, e2, bc.OpAddI, line, bc.TMSub) {
			break
		}
		fs.codeArith(o, e1, e2, false, line)
	case oprDiv, oprIDiv, oprMod, oprPow:
		fs.codeArith(o, e1, e2, false, line)
	case oprBAnd, oprBOr, oprBXor:
		fs.codeBitwise(o, e1, e2, line)
	case oprShl:
		if isSCint(e1) {
			*e1, *e2 = *e2, *e1
			fs.codeBinI(bc.OpShlI, e1, e2, true, line, bc.TMShl)
		} else if !fs.finishBinExpNeg(e1, e2, bc.OpShrI, line, bc.TMShl) {
			fs.codeBinExpVal(o, e1, e2, line)
		}
	case oprShr:
		if isSCint(e2) {
			fs.codeBinI(bc.OpShrI, e1, e2, false, line, bc.TMShr)
		} else {
			fs.codeBinExpVal(o, e1, e2, line)
		}
	case oprEq, oprNe:
		fs.codeEq(o, e1, e2)
	case oprGt, oprGe:
		*e1, *e2 = *e2, *e1
		if o == oprGt {
			o = oprLt
		} else {
			o = oprLe
		}
		fs.codeOrder(o, e1, e2)
	case oprLt, oprLe:
		fs.codeOrder(o, e1, e2)
	}
}

func (fs *funcState) finishBinExpVal(e1, e2 *expdesc, op bc.Opcode, v2 int, flip bool, line int, mmop bc.Opcode, event int) {
	v1 := fs.exp2AnyReg(e1)
	pc := fs.codeABCk(op, 0, v1, v2, false)
	fs.freeExps(e1, e2)
	e1.info = pc
	e1.k = vReloc
	fs.fixLine(line)
	fs.codeABCk(mmop, v1, v2, event, flip)
	fs.fixLine(line)
}

func (fs *funcState) codeBinExpVal(o opr, e1, e2 *expdesc, line int) {
	v2 := fs.exp2AnyReg(e2)
	fs.finishBinExpVal(e1, e2, bc.OpAdd+bc.Opcode(o), v2, false, line, bc.OpMMBin, bc.TMAdd+int(o))
}

func (fs *funcState) codeBinI(op bc.Opcode, e1, e2 *expdesc, flip bool, line int, event int) {
	v2 := int(e2.ival) + bc.OffsetsC
	fs.finishBinExpVal(e1, e2, op, v2, flip, line, bc.OpMMBinI, event)
}

func (fs *funcState) codeBinK(o opr, e1, e2 *expdesc, flip bool, line int) {
	fs.finishBinExpVal(e1, e2, bc.OpAddK+bc.Opcode(o), e2.info, flip, line, bc.OpMMBinK, bc.TMAdd+int(o))
}

// finishBinExpNeg codes e1 op e2 as e1 op' -e2 with an immediate (SUB as
// ADDI, SHL as SHRI) when e2 is a small integer.
func (fs *funcState) finishBinExpNeg(e1, e2 *expdesc, op bc.Opcode, line int, event int) bool {
	if !isKint(e2) {
		return false
	}
	i2 := e2.ival
	if !(fitsC(i2) && fitsC(-i2)) {
		return false
	}
	v2 := int(i2)
	fs.finishBinExpVal(e1, e2, op, -v2+bc.OffsetsC, false, line, bc.OpMMBinI, event)
	last := &fs.f.Code[fs.pc()-1]
	*last = last.SetB(v2 + bc.OffsetsC)
	return true
}

func (fs *funcState) codeBinNoK(o opr, e1, e2 *expdesc, flip bool, line int) {
	if flip {
		*e1, *e2 = *e2, *e1
	}
	fs.codeBinExpVal(o, e1, e2, line)
}

func (fs *funcState) codeArith(o opr, e1, e2 *expdesc, flip bool, line int) {
	if _, ok := toNumeral(e2); ok && fs.exp2K(e2) {
		fs.codeBinK(o, e1, e2, flip, line)
	} else {
		fs.codeBinNoK(o, e1, e2, flip, line)
	}
}

func (fs *funcState) codeCommutative(o opr, e1, e2 *expdesc, line int) {
	flip := false
	if _, ok := toNumeral(e1); ok {
		*e1, *e2 = *e2, *e1
		flip = true
	}
	if o == oprAdd && isSCint(e2) {
		fs.codeBinI(bc.OpAddI, e1, e2, flip, line, bc.TMAdd)
	} else {
		fs.codeArith(o, e1, e2, flip, line)
	}
}

// codeBitwise codes &, |, ~ preferring an integer constant as a K second
// operand (lua 5.4.4: a constant that does not fit an RK operand is put
// in a register by the attempt).
func (fs *funcState) codeBitwise(o opr, e1, e2 *expdesc, line int) {
	flip := false
	if e1.k == vKInt && fs.exp2RK(e1) {
		*e1, *e2 = *e2, *e1
		flip = true
	} else if !(e2.k == vKInt && fs.exp2RK(e2)) {
		fs.codeBinExpVal(o, e1, e2, line)
		return
	}
	fs.finishBinExpVal(e1, e2, bc.OpAddK+bc.Opcode(o), e2.info, flip, line, bc.OpMMBinK, bc.TMAdd+int(o))
}

func (fs *funcState) codeConcat(e1, e2 *expdesc, line int) {
	if ie2 := fs.previousInstruction(); ie2 != nil && ie2.Op() == bc.OpConcat {
		n := ie2.B()
		fs.freeExp(e2)
		*ie2 = ie2.SetA(e1.info).SetB(n + 1)
		return
	}
	fs.codeABC(bc.OpConcat, e1.info, 2, 0)
	fs.freeExp(e2)
	fs.fixLine(line)
}

func (fs *funcState) codeOrder(o opr, e1, e2 *expdesc) {
	var r1, r2 int
	var op bc.Opcode
	isFloat := false
	if im, f, ok := isSCnumber(e2); ok {
		r1 = fs.exp2AnyReg(e1)
		r2, isFloat = im, f
		op = bc.OpLtI
		if o == oprLe {
			op = bc.OpLeI
		}
	} else if im, f, ok := isSCnumber(e1); ok {
		r1 = fs.exp2AnyReg(e2)
		r2, isFloat = im, f
		op = bc.OpGtI
		if o == oprLe {
			op = bc.OpGeI
		}
	} else {
		r1 = fs.exp2AnyReg(e1)
		r2 = fs.exp2AnyReg(e2)
		op = bc.OpLt
		if o == oprLe {
			op = bc.OpLe
		}
	}
	fs.freeExps(e1, e2)
	e1.info = fs.condJump(op, r1, r2, b2i(isFloat), true)
	e1.k = vJmp
}

func (fs *funcState) codeEq(o opr, e1, e2 *expdesc) {
	if e1.k != vNonReloc {
		*e1, *e2 = *e2, *e1
	}
	r1 := fs.exp2AnyReg(e1)
	var r2 int
	var op bc.Opcode
	isFloat := false
	if im, f, ok := isSCnumber(e2); ok {
		op, r2, isFloat = bc.OpEqI, im, f
	} else if fs.exp2RK(e2) {
		op, r2 = bc.OpEqK, e2.info
	} else {
		op, r2 = bc.OpEq, fs.exp2AnyReg(e2)
	}
	fs.freeExps(e1, e2)
	e1.info = fs.condJump(op, r1, r2, b2i(isFloat), o == oprEq)
	e1.k = vJmp
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstTokenText approximates how the reference would print the first
// token of e in a "near" clause.
func firstTokenText(e ast.Expr) string {
	for {
		switch n := e.(type) {
		case *ast.Name:
			return "'" + n.Name + "'"
		case *ast.Nil:
			return "'nil'"
		case *ast.True:
			return "'true'"
		case *ast.False:
			return "'false'"
		case *ast.Vararg:
			return "'...'"
		case *ast.Number:
			if n.IsInt {
				return "'" + strconv.FormatInt(n.Int, 10) + "'"
			}
			return "'" + strconv.FormatFloat(n.Float, 'g', -1, 64) + "'"
		case *ast.String:
			return "'\"" + n.Value + "\"'"
		case *ast.Function:
			return "'function'"
		case *ast.Table:
			return "'{'"
		case *ast.Paren:
			return "'('"
		case *ast.Unary:
			return "'" + n.Op.String() + "'"
		case *ast.Binary:
			e = n.L
		case *ast.Index:
			e = n.X
		case *ast.Call:
			e = n.Fn
		case *ast.MethodCall:
			e = n.Recv
		default:
			return ""
		}
	}
}

func fieldFirstToken(f ast.Field) string {
	switch f.Kind {
	case ast.FieldNamed:
		if s, ok := f.Key.(*ast.String); ok {
			return "'" + s.Value + "'"
		}
	case ast.FieldKeyed:
		return "'['"
	}
	return firstTokenText(f.Value)
}
