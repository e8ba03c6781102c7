package compiler

import (
	"fmt"

	"github.com/tidelua/tide/internal/ast"
	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/token"
)

// Statements, after lparser.c's statement functions.

// statList compiles a statement list. follow is the line of the token
// after the list (for error lines); inRepeat tells that the list is a
// repeat body, whose trailing labels are not "last" (the 'until'
// expression still sees the body's locals).
func (c *compiler) statList(stats []ast.Stat, follow int, followTok string, inRepeat bool) {
	for i := 0; i < len(stats); i++ {
		if _, ok := stats[i].(*ast.Label); ok {
			j := i
			for j < len(stats) {
				if _, ok := stats[j].(*ast.Label); !ok {
					break
				}
				j++
			}
			next := follow
			if j < len(stats) {
				next = c.lineOf(stats[j].Pos())
			}
			last := j == len(stats) && !inRepeat
			// The reference parses a run of labels recursively, so the
			// last one of the run is declared first.
			for k := j - 1; k >= i; k-- {
				lb := stats[k].(*ast.Label)
				c.setLine(lb.Pos())
				c.labelStat(lb, last, next)
			}
			c.fs.freereg = c.fs.nvarstack()
			i = j - 1
			continue
		}
		next, nextTok := follow, followTok
		if i+1 < len(stats) {
			next = c.lineOf(stats[i+1].Pos())
			nextTok = statFirstToken(stats[i+1])
		}
		c.follow = nextTok
		c.statement(stats[i], next)
	}
}

func (c *compiler) statement(s ast.Stat, next int) {
	fs := c.fs
	c.nextLine, c.stmtEnd = next, s.End()
	c.setLine(s.Pos())
	line := c.line
	switch n := s.(type) {
	case *ast.Local:
		c.localStat(n)
	case *ast.Assign:
		c.assignStat(n)
	case *ast.CallStat:
		var v expdesc
		c.expr(n.Call, &v)
		if v.k != vCall {
			c.syntaxErrorAt("syntax error", line, "")
		}
		in := &fs.f.Code[v.info]
		*in = in.SetC(1)
	case *ast.Do:
		c.block(n.Body, c.lineOf(n.End()-1), "'end'")
	case *ast.While:
		c.whileStat(n)
	case *ast.Repeat:
		c.repeatStat(n)
	case *ast.If:
		c.ifStat(n)
	case *ast.NumericFor:
		c.forNum(n)
	case *ast.GenericFor:
		c.forList(n)
	case *ast.FuncStat:
		c.funcStat(n, line)
	case *ast.LocalFunction:
		c.localFunc(n)
	case *ast.Return:
		c.retStat(n)
	case *ast.Break:
		c.newGotoEntry("break", line, fs.jump())
	case *ast.Goto:
		c.gotoStat(n.Label, line)
	case *ast.Label:
		c.labelStat(n, false, next)
	default:
		panic("compiler: unknown statement node")
	}
	fs.freereg = fs.nvarstack()
	c.setLine(s.End() - 1)
}

func (c *compiler) block(b *ast.Block, follow int, followTok string) {
	bl := &blockCnt{}
	c.enterBlock(bl, false)
	if b != nil {
		c.statList(b.Stats, follow, followTok, false)
	}
	c.leaveBlock(follow)
}

func blockStats(b *ast.Block) []ast.Stat {
	if b == nil {
		return nil
	}
	return b.Stats
}

func (c *compiler) labelStat(lb *ast.Label, last bool, next int) {
	if old := c.findLabel(lb.Name); old != nil {
		c.semError(fmt.Sprintf("label '%s' already defined on line %d", lb.Name, old.line), next)
	}
	c.createLabel(lb.Name, c.lineOf(lb.Pos()), last, next)
}

func (c *compiler) gotoStat(name string, line int) {
	fs := c.fs
	lb := c.findLabel(name)
	if lb == nil {
		c.newGotoEntry(name, line, fs.jump())
		return
	}
	lblevel := fs.regLevel(lb.nactvar)
	if fs.nvarstack() > lblevel {
		fs.codeABC(bc.OpClose, lblevel, 0, 0)
	}
	fs.patchList(fs.jump(), lb.pc)
}

// cond compiles a condition; the result is the jump list taken when false.
func (c *compiler) cond(e ast.Expr) int {
	var v expdesc
	c.expr(e, &v)
	if v.k == vNil {
		v.k = vFalse
	}
	c.fs.goIfTrue(&v)
	return v.fj
}

// lastLine is the line of the last token of the statements, or def.
func (c *compiler) lastLine(stats []ast.Stat, def int) int {
	if n := len(stats); n > 0 {
		return c.lineOf(stats[n-1].End() - 1)
	}
	return def
}

func (c *compiler) whileStat(s *ast.While) {
	fs := c.fs
	endLine := c.lineOf(s.End() - 1)
	whileInit := fs.getLabel()
	condExit := c.cond(s.Cond)
	bl := &blockCnt{}
	c.enterBlock(bl, true)
	c.block(s.Body, endLine, "'end'")
	c.line = c.lastLine(blockStats(s.Body), c.line)
	fs.patchList(fs.jump(), whileInit)
	c.line = endLine
	c.leaveBlock(endLine)
	fs.patchToHere(condExit)
}

func (c *compiler) repeatStat(s *ast.Repeat) {
	fs := c.fs
	untilLine := c.lineOf(s.Cond.Pos())
	repeatInit := fs.getLabel()
	bl1, bl2 := &blockCnt{}, &blockCnt{}
	c.enterBlock(bl1, true)
	c.enterBlock(bl2, false)
	c.statList(blockStats(s.Body), untilLine, "'until'", true)
	c.line = untilLine
	condExit := c.cond(s.Cond)
	c.setLine(s.End() - 1)
	c.leaveBlock(untilLine)
	if bl2.upval {
		exit := fs.jump()
		fs.patchToHere(condExit)
		fs.codeABC(bc.OpClose, fs.regLevel(bl2.nactvar), 0, 0)
		condExit = fs.jump()
		fs.patchToHere(exit)
	}
	fs.patchList(condExit, repeatInit)
	c.leaveBlock(untilLine)
}

func (c *compiler) ifStat(s *ast.If) {
	fs := c.fs
	endLine := c.lineOf(s.End() - 1)
	escape := noJump
	for i := range s.Conds {
		more := i+1 < len(s.Conds) || s.Else != nil
		follow, followTok := endLine, "'end'"
		if i+1 < len(s.Conds) {
			follow, followTok = c.lineOf(s.Conds[i+1].Pos()), "'elseif'"
		} else if s.Else != nil {
			// The tree has no position for 'else': it is at most on the
			// line of the else part's first token, and usually on the
			// line after the then part.
			followTok = "'else'"
			if s.Else.Pos().IsValid() {
				follow = c.lineOf(s.Else.Pos())
			}
			if i < len(s.Blocks) {
				if st := blockStats(s.Blocks[i]); len(st) > 0 {
					follow = min(follow, c.lastLine(st, 0)+1)
				}
			}
		}
		var blk *ast.Block
		if i < len(s.Blocks) {
			blk = s.Blocks[i]
		}
		if i > 0 {
			c.setLine(s.Conds[i].Pos()) // the line of 'elseif'
		}
		var then token.Pos
		if i < len(s.Thens) {
			then = s.Thens[i]
		}
		c.testThenBlock(s.Conds[i], then, blk, &escape, more, follow, followTok)
	}
	if s.Else != nil {
		c.block(s.Else, endLine, "'end'")
	}
	c.line = endLine
	fs.patchToHere(escape)
}

func (c *compiler) testThenBlock(cond ast.Expr, then token.Pos, blk *ast.Block, escape *int, more bool, follow int, followTok string) {
	fs := c.fs
	var v expdesc
	c.expr(cond, &v)
	// lparser.c tests the condition after reading 'then': a TEST it
	// emits now carries the line of 'then'.
	c.setLine(then)
	stats := blockStats(blk)
	bl := &blockCnt{}
	var jf int
	if len(stats) > 0 {
		if br, ok := stats[0].(*ast.Break); ok { // 'if x then break'
			line := c.lineOf(br.Pos())
			fs.goIfFalse(&v)
			c.enterBlock(bl, false)
			c.newGotoEntry("break", line, v.tj)
			if len(stats) == 1 {
				c.leaveBlock(follow)
				return
			}
			c.line = line
			jf = fs.jump()
			stats = stats[1:]
			goto body
		}
	}
	fs.goIfTrue(&v)
	c.enterBlock(bl, false)
	jf = v.fj
body:
	c.statList(stats, follow, followTok, false)
	c.leaveBlock(follow)
	if more {
		fs.concat(escape, fs.jump())
	}
	fs.patchToHere(jf)
}

func (c *compiler) exp1(e ast.Expr) {
	var v expdesc
	c.expr(e, &v)
	c.fs.exp2NextReg(&v)
}

func (c *compiler) forNum(s *ast.NumericFor) {
	fs := c.fs
	line := c.line
	endLine := c.lineOf(s.End() - 1)
	bl := &blockCnt{}
	c.enterBlock(bl, true)
	base := fs.freereg
	c.near = "'='"
	c.newLocalVar("(for state)")
	c.newLocalVar("(for state)")
	c.newLocalVar("(for state)")
	c.newLocalVar(s.Var.Name)
	c.exp1(s.Start)
	c.exp1(s.Limit)
	if s.Step != nil {
		c.exp1(s.Step)
	} else {
		fs.loadInt(fs.freereg, 1)
		fs.reserveRegs(1)
	}
	c.adjustLocalVars(3)
	c.forBody(base, line, 1, false, s.Body, endLine)
	c.line = endLine
	c.leaveBlock(endLine)
}

func (c *compiler) forList(s *ast.GenericFor) {
	fs := c.fs
	endLine := c.lineOf(s.End() - 1)
	bl := &blockCnt{}
	c.enterBlock(bl, true)
	base := fs.freereg
	c.near = "'in'"
	for i := 0; i < 4; i++ {
		c.newLocalVar("(for state)")
	}
	for i, n := range s.Names {
		if i+1 < len(s.Names) {
			c.near = "','"
		} else {
			c.near = "'in'"
		}
		c.newLocalVar(n.Name)
	}
	line := c.line
	if len(s.Exprs) > 0 {
		line = c.lineOf(s.Exprs[0].Pos())
	}
	var e expdesc
	nexps := 0
	if len(s.Exprs) > 0 {
		nexps = c.explist(s.Exprs, &e)
	} else {
		e = newExp(vVoid, 0)
	}
	c.adjustAssign(4, nexps, &e)
	c.adjustLocalVars(4)
	fs.markToBeClosed()
	fs.checkStack(3)
	c.forBody(base, line, len(s.Names), true, s.Body, endLine)
	c.line = endLine
	c.leaveBlock(endLine)
}

func (c *compiler) forBody(base, line, nvars int, isGen bool, body *ast.Block, endLine int) {
	fs := c.fs
	prepOp, loopOp := bc.OpForPrep, bc.OpForLoop
	if isGen {
		prepOp, loopOp = bc.OpTForPrep, bc.OpTForLoop
	}
	prep := fs.codeABx(prepOp, base, 0)
	bl := &blockCnt{}
	c.enterBlock(bl, false)
	c.adjustLocalVars(nvars)
	fs.reserveRegs(nvars)
	c.block(body, endLine, "'end'")
	c.line = c.lastLine(blockStats(body), c.line)
	c.leaveBlock(endLine)
	c.line = endLine
	c.fixForJump(prep, fs.getLabel(), false)
	if isGen {
		fs.codeABC(bc.OpTForCall, base, 0, nvars)
		fs.fixLine(line)
	}
	endFor := fs.codeABx(loopOp, base, 0)
	c.fixForJump(endFor, prep+1, true)
	fs.fixLine(line)
}

func (c *compiler) fixForJump(pc, dest int, back bool) {
	off := dest - (pc + 1)
	if back {
		off = -off
	}
	if off > bc.MaxBx {
		// Both loop jumps are fixed while 'end' is the current token.
		c.near = "'end'"
		c.syntaxError("control structure too long")
	}
	in := &c.fs.f.Code[pc]
	*in = in.SetBx(off)
}

func (c *compiler) adjustAssign(nvars, nexps int, e *expdesc) {
	fs := c.fs
	needed := nvars - nexps
	if hasMultRet(e.k) {
		extra := needed + 1
		if extra < 0 {
			extra = 0
		}
		fs.setReturns(e, extra)
	} else {
		if e.k != vVoid {
			fs.exp2NextReg(e)
		}
		if needed > 0 {
			fs.loadNil(fs.freereg, needed)
		}
	}
	if needed > 0 {
		fs.reserveRegs(needed)
	} else {
		fs.freereg += needed
	}
}

func (c *compiler) localStat(s *ast.Local) {
	fs := c.fs
	toclose := -1
	vidx := 0
	for i, ln := range s.Names {
		switch {
		case ln.Attrib != ast.AttribNone:
			c.near = "'<'"
		case i+1 < len(s.Names):
			c.near = "','"
		case len(s.Exprs) > 0:
			c.near = "'='"
		default:
			c.near = c.follow
		}
		c.setLine(ln.Name.Pos())
		vidx = c.newLocalVar(ln.Name.Name)
		kind := bc.VarRegular
		switch ln.Attrib {
		case ast.AttribConst:
			kind = bc.VarConst
		case ast.AttribClose:
			kind = bc.VarToClose
		}
		fs.getLocalVarDesc(vidx).kind = kind
		if kind == bc.VarToClose {
			if toclose != -1 {
				c.semError("multiple to-be-closed variables in local list", c.lineOf(ln.Name.Pos()))
			}
			toclose = fs.nactvar + i
		}
	}
	nvars := len(s.Names)
	var e expdesc
	nexps := 0
	if len(s.Exprs) > 0 {
		nexps = c.explist(s.Exprs, &e)
	} else {
		e = newExp(vVoid, 0)
	}
	c.setLine(s.End() - 1)
	vd := fs.getLocalVarDesc(vidx)
	if nvars == nexps && vd.kind == bc.VarConst {
		if k, ok := fs.expToConst(&e); ok {
			vd.kind = bc.VarCTC
			vd.k = k
			c.adjustLocalVars(nvars - 1)
			fs.nactvar++
			c.checkToClose(toclose)
			return
		}
	}
	c.adjustAssign(nvars, nexps, &e)
	c.adjustLocalVars(nvars)
	c.checkToClose(toclose)
}

// statFirstToken is the first token of s as the reference would print it
// in a "near" clause.
func statFirstToken(s ast.Stat) string {
	switch n := s.(type) {
	case *ast.Local, *ast.LocalFunction:
		return "'local'"
	case *ast.Assign:
		if len(n.Targets) > 0 {
			return firstTokenText(n.Targets[0])
		}
	case *ast.CallStat:
		return firstTokenText(n.Call)
	case *ast.Do:
		return "'do'"
	case *ast.While:
		return "'while'"
	case *ast.Repeat:
		return "'repeat'"
	case *ast.If:
		return "'if'"
	case *ast.NumericFor, *ast.GenericFor:
		return "'for'"
	case *ast.FuncStat:
		return "'function'"
	case *ast.Return:
		return "'return'"
	case *ast.Break:
		return "'break'"
	case *ast.Goto:
		return "'goto'"
	case *ast.Label:
		return "'::'"
	}
	return ""
}

func (c *compiler) checkToClose(level int) {
	if level != -1 {
		fs := c.fs
		fs.markToBeClosed()
		fs.codeABC(bc.OpTBC, fs.regLevel(level), 0, 0)
	}
}

func (c *compiler) checkReadonly(e *expdesc, line int) {
	fs := c.fs
	var name string
	switch e.k {
	case vConst:
		name = c.actvar[e.info].name
	case vLocal:
		if vd := fs.getLocalVarDesc(e.vidx); vd.kind != bc.VarRegular {
			name = vd.name
		}
	case vUpval:
		if u := fs.f.Upvalues[e.info]; u.Kind != bc.VarRegular {
			name = u.Name
		}
	default:
		return
	}
	if name != "" {
		c.semError(fmt.Sprintf("attempt to assign to const variable '%s'", name), line)
	}
}

// checkConflict handles "a, t[a] = ..." style assignments where a later
// target is a local or upvalue used as the table or key of an earlier one.
func (c *compiler) checkConflict(prev []expdesc, v *expdesc) {
	fs := c.fs
	extra := fs.freereg
	conflict := false
	for i := len(prev) - 1; i >= 0; i-- {
		lh := &prev[i]
		if !isIndexed(lh.k) {
			continue
		}
		if lh.k == vIndexUp {
			if v.k == vUpval && lh.t == v.info {
				conflict = true
				lh.k = vIndexStr
				lh.t = extra
			}
			continue
		}
		if v.k == vLocal && lh.t == v.ridx {
			conflict = true
			lh.t = extra
		}
		if lh.k == vIndexed && v.k == vLocal && lh.idx == v.ridx {
			conflict = true
			lh.idx = extra
		}
	}
	if conflict {
		if v.k == vLocal {
			fs.codeABC(bc.OpMove, extra, v.ridx, 0)
		} else {
			fs.codeABC(bc.OpGetUpval, extra, v.info, 0)
		}
		fs.reserveRegs(1)
	}
}

func (c *compiler) assignStat(s *ast.Assign) {
	fs := c.fs
	lhs := make([]expdesc, len(s.Targets))
	for i, t := range s.Targets {
		c.expr(t, &lhs[i])
		if !isVar(lhs[i].k) {
			c.syntaxErrorAt("syntax error", c.lineOf(t.End()-1), "")
		}
		if i > 0 && !isIndexed(lhs[i].k) {
			c.checkConflict(lhs[:i], &lhs[i])
		}
		c.checkReadonly(&lhs[i], c.lineOf(t.End()-1))
	}
	var e expdesc
	nexps := c.explist(s.Exprs, &e)
	c.setLine(s.End() - 1)
	nvars := len(lhs)
	i := nvars - 1
	if nexps != nvars {
		c.adjustAssign(nvars, nexps, &e)
	} else {
		fs.setOneRet(&e)
		fs.storeVar(&lhs[i], &e)
		i--
	}
	for ; i >= 0; i-- {
		e = newExp(vNonReloc, fs.freereg-1)
		fs.storeVar(&lhs[i], &e)
	}
}

func (c *compiler) funcStat(s *ast.FuncStat, line int) {
	fs := c.fs
	var v expdesc
	c.expr(s.Target, &v)
	var b expdesc
	c.body(s.Func, &b, line)
	c.checkReadonly(&v, c.nextLine)
	fs.storeVar(&v, &b)
	fs.fixLine(line)
}

func (c *compiler) localFunc(s *ast.LocalFunction) {
	fs := c.fs
	fvar := fs.nactvar
	c.near = "'('"
	c.newLocalVar(s.Name.Name)
	c.adjustLocalVars(1)
	var b expdesc
	c.body(s.Func, &b, c.lineOf(s.Func.Pos()))
	fs.localDebugInfo(fvar).StartPC = fs.pc()
}

func (c *compiler) retStat(s *ast.Return) {
	fs := c.fs
	first := fs.nvarstack()
	nret := 0
	if len(s.Exprs) > 0 {
		var e expdesc
		nret = c.explist(s.Exprs, &e)
		c.setLine(s.Exprs[len(s.Exprs)-1].End() - 1)
		if hasMultRet(e.k) {
			fs.setMultRet(&e)
			if e.k == vCall && nret == 1 && !fs.bl.insideTBC {
				in := &fs.f.Code[e.info]
				*in = *in&^(1<<bc.SizeOp-1) | bc.Instruction(bc.OpTailCall)
			}
			nret = multRet
		} else if nret == 1 {
			first = fs.exp2AnyReg(&e)
		} else {
			fs.exp2NextReg(&e)
			first = fs.nvarstack()
		}
	}
	fs.ret(first, nret)
}
