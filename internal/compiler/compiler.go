// Package compiler turns a parsed chunk (internal/ast) into a function
// prototype (internal/bytecode.Proto) for the register machine.
//
// It is a single pass over the tree that follows the reference
// implementation's lparser.c/lcode.c closely, so that the code it produces
// has the same shape as lua5.4's: the vm and its error messages (which
// inspect the code, like ldebug.c) rely on that.
//
// Registers: a function's frame is a window of at most 255 registers.
// Active local variables occupy the lowest registers in declaration order;
// temporaries are allocated above them with a stack discipline (freereg).
// Expressions are kept pending in an expdesc until their final place is
// known, which lets the compiler pick immediate (I) and constant (K)
// operand forms and avoid moves. Conditions compile to jump lists that are
// patched when their targets are known.
//
// Scoping is decided here: a name is a local (a register), a compile-time
// constant (no register), an upvalue (captured by a closure) or a global
// (_ENV.name). goto/label resolution, to-be-closed variables and the
// closing of captured locals on block exit follow §3.3.4, §3.3.8 and §3.5
// of the manual and the reference's rules.
//
// This package imports ast, token, lexer (chunk ids), bytecode and value.
package compiler

import (
	"fmt"

	"github.com/tidelua/tide/internal/ast"
	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/lexer"
	"github.com/tidelua/tide/internal/token"
	"github.com/tidelua/tide/internal/value"
)

// Limits (llimits.h / lparser.c).
const (
	maxVars   = 200 // MAXVARS: local variables per function
	maxUpvals = 255 // MAXUPVAL
)

// varDesc describes an active (or pending) local variable (lparser.h Vardesc).
type varDesc struct {
	kind bc.VarKind
	ridx int // register holding it
	pidx int // index in Proto.LocVars
	name string
	k    value.Value // value of a compile-time constant
}

// labelDesc is a label or a pending goto (lparser.h Labeldesc).
type labelDesc struct {
	name    string
	pc      int
	line    int
	nactvar int
	close   bool
}

// blockCnt is a block's bookkeeping (lparser.c BlockCnt).
type blockCnt struct {
	previous   *blockCnt
	firstLabel int
	firstGoto  int
	nactvar    int
	upval      bool // some variable of the block is captured by a closure
	isLoop     bool
	insideTBC  bool
	hasTBC     bool // a variable of this very block is to be closed
}

// funcState is the state of one function being compiled (lparser.h FuncState).
type funcState struct {
	f          *bc.Proto
	prev       *funcState
	c          *compiler
	bl         *blockCnt
	lastTarget int
	firstLocal int
	firstLabel int
	nactvar    int
	freereg    int
	needClose  bool
}

type compiler struct {
	chunk   *ast.Chunk
	file    *token.File
	chunkID string
	fs      *funcState
	line    int    // line given to new instructions (the reference's lastline)
	near    string // token the reference would be looking at, for limit errors
	follow  string // token after the expression being compiled (best effort)
	actvar  []varDesc
	gt      []labelDesc
	label   []labelDesc
	kcache  map[kkey]int // constant cache shared by all functions (ls->h)

	// Best-effort positions of the token after the current statement, for
	// the line of errors the reference reports at its lookahead token.
	nextLine int
	stmtEnd  token.Pos
}

// Compile compiles a chunk into its main function: a vararg function with
// no parameters and one upvalue, _ENV, which the loader sets.
//
// The error, if any, is a *Error whose text matches the reference's message.
func Compile(chunk *ast.Chunk) (p *bc.Proto, err error) {
	if chunk == nil {
		return nil, &InternalError{Chunk: "?", Cause: "nil chunk"}
	}
	c := &compiler{chunk: chunk, file: chunk.File, line: 1, kcache: map[kkey]int{}}
	c.chunkID = lexer.ChunkID(chunk.Name)
	if c.file == nil {
		c.file = token.NewFile(chunk.Name)
	}
	defer func() {
		if r := recover(); r != nil {
			p = nil
			if e, ok := r.(*Error); ok {
				err = e
				return
			}
			err = &InternalError{Chunk: c.chunkID, Cause: r}
		}
	}()
	p = c.mainFunc()
	p.HashKeys()
	return p, nil
}

func (c *compiler) lineOf(p token.Pos) int { return c.file.Line(p) }

// setLine makes p's line the line of the next instructions.
func (c *compiler) setLine(p token.Pos) {
	if p.IsValid() {
		c.line = c.lineOf(p)
	}
}

// eofLine is the line the lexer is on at the end of the chunk.
func (c *compiler) eofLine() int { return c.file.Line(token.Pos(1<<31 - 1)) }

func (c *compiler) syntaxError(msg string) {
	c.syntaxErrorAt(msg, c.line, c.near)
}

func (c *compiler) syntaxErrorAt(msg string, line int, near string) {
	panic(&Error{Chunk: c.chunkID, Line: line, Msg: msg, Near: near})
}

// semError raises an error without a "near" part (luaK_semerror).
func (c *compiler) semError(msg string, line int) {
	panic(&Error{Chunk: c.chunkID, Line: line, Msg: msg})
}

func (c *compiler) errorLimit(fs *funcState, limit int, what string) {
	where := "main function"
	if fs.f.LineDefined != 0 {
		where = fmt.Sprintf("function at line %d", fs.f.LineDefined)
	}
	c.syntaxError(fmt.Sprintf("too many %s (limit is %d) in %s", what, limit, where))
}

// ---- functions ----

func (c *compiler) openFunc(line int) *funcState {
	f := &bc.Proto{Source: c.chunk.Name, LineDefined: line, MaxStackSize: 2}
	fs := &funcState{
		f: f, prev: c.fs, c: c,
		firstLocal: len(c.actvar), firstLabel: len(c.label),
	}
	if c.fs != nil {
		c.fs.f.Protos = append(c.fs.f.Protos, f)
	}
	c.fs = fs
	c.enterBlock(&blockCnt{}, false)
	return fs
}

// closeFunc finishes the current function; errLine is the line reported
// for unresolved gotos.
func (c *compiler) closeFunc(errLine int) {
	fs := c.fs
	fs.ret(fs.nvarstack(), 0)
	c.leaveBlock(errLine)
	fs.finish()
	c.fs = fs.prev
}

func (c *compiler) mainFunc() *bc.Proto {
	fs := c.openFunc(0)
	fs.f.IsVararg = true
	fs.codeABC(bc.OpVarargPrep, 0, 0, 0)
	fs.f.Upvalues = append(fs.f.Upvalues, bc.UpvalueDesc{Name: "_ENV", InStack: true, Index: 0, Kind: bc.VarRegular})
	var stats []ast.Stat
	if c.chunk.Block != nil {
		stats = c.chunk.Block.Stats
	}
	eof := c.eofLine()
	c.statList(stats, eof, "<eof>", false)
	if n := len(stats); n > 0 {
		c.setLine(stats[n-1].End() - 1)
	}
	c.near = "<eof>"
	c.closeFunc(eof)
	return fs.f
}

// body compiles a function constructor into a closure in the next register.
func (c *compiler) body(fn *ast.Function, e *expdesc, line int) {
	errLine := c.lineOf(fn.End() - 1)
	if fn.End() == c.stmtEnd {
		errLine = c.nextLine
	}
	savedNext, savedEnd, savedFollow := c.nextLine, c.stmtEnd, c.follow
	nfs := c.openFunc(line)
	c.line = line
	for i, p := range fn.Params {
		switch {
		case i+1 < len(fn.Params) || fn.IsVararg:
			c.near = "','"
		default:
			c.near = "')'"
		}
		c.newLocalVar(p.Name)
	}
	c.adjustLocalVars(len(fn.Params))
	nfs.f.NumParams = nfs.nactvar
	if fn.IsVararg {
		// VARARGPREP gets the line of '...', which follows the last
		// parameter (the tree has no position for it).
		if n := len(fn.Params); n > 0 && !fn.IsMethod || n > 1 {
			c.setLine(fn.Params[n-1].End() - 1)
		}
		nfs.f.IsVararg = true
		nfs.codeABC(bc.OpVarargPrep, nfs.f.NumParams, 0, 0)
	}
	nfs.reserveRegs(nfs.nactvar)
	endLine := c.lineOf(fn.End() - 1)
	var stats []ast.Stat
	if fn.Body != nil {
		stats = fn.Body.Stats
	}
	c.statList(stats, endLine, "'end'", false)
	nfs.f.LastLineDefined = endLine
	c.line = endLine
	c.nextLine, c.stmtEnd, c.follow = savedNext, savedEnd, savedFollow
	// codeclosure: the CLOSURE goes into the enclosing function first.
	parent := nfs.prev
	*e = newExp(vReloc, parent.codeABx(bc.OpClosure, 0, len(parent.f.Protos)-1))
	parent.exp2NextReg(e)
	c.closeFunc(errLine)
}

// ---- variables ----

func (fs *funcState) getLocalVarDesc(vidx int) *varDesc { return &fs.c.actvar[fs.firstLocal+vidx] }

// regLevel returns the register level of the nvar-th active variable
// (compile-time constants have no register).
func (fs *funcState) regLevel(nvar int) int {
	for nvar > 0 {
		nvar--
		vd := fs.getLocalVarDesc(nvar)
		if vd.kind != bc.VarCTC {
			return vd.ridx + 1
		}
	}
	return 0
}

// nvarstack is the number of registers used by active variables.
func (fs *funcState) nvarstack() int { return fs.regLevel(fs.nactvar) }

func (fs *funcState) localDebugInfo(vidx int) *bc.LocVar {
	vd := fs.getLocalVarDesc(vidx)
	if vd.kind == bc.VarCTC {
		return nil
	}
	return &fs.f.LocVars[vd.pidx]
}

// newLocalVar declares a pending local; it becomes active with adjustLocalVars.
func (c *compiler) newLocalVar(name string) int {
	fs := c.fs
	if len(c.actvar)+1-fs.firstLocal > maxVars {
		c.errorLimit(fs, maxVars, "local variables")
	}
	c.actvar = append(c.actvar, varDesc{kind: bc.VarRegular, name: name})
	return len(c.actvar) - 1 - fs.firstLocal
}

func (c *compiler) adjustLocalVars(nvars int) {
	fs := c.fs
	reglevel := fs.nvarstack()
	for i := 0; i < nvars; i++ {
		vidx := fs.nactvar
		fs.nactvar++
		vd := fs.getLocalVarDesc(vidx)
		vd.ridx = reglevel
		reglevel++
		fs.f.LocVars = append(fs.f.LocVars, bc.LocVar{Name: vd.name, StartPC: fs.pc(), Reg: vd.ridx})
		vd.pidx = len(fs.f.LocVars) - 1
	}
}

// removeVars ends the scope of the variables above tolevel; leaveBlock
// drops their descriptors.
func (c *compiler) removeVars(tolevel int) {
	fs := c.fs
	for fs.nactvar > tolevel {
		fs.nactvar--
		if lv := fs.localDebugInfo(fs.nactvar); lv != nil {
			lv.EndPC = fs.pc()
		}
	}
}

// searchVar looks name up among the active locals of fs.
func (fs *funcState) searchVar(name string, v *expdesc) bool {
	for i := fs.nactvar - 1; i >= 0; i-- {
		vd := fs.getLocalVarDesc(i)
		if vd.name == name {
			if vd.kind == bc.VarCTC {
				*v = newExp(vConst, fs.firstLocal+i)
			} else {
				*v = newExp(vLocal, 0)
				v.vidx = i
				v.ridx = vd.ridx
			}
			return true
		}
	}
	return false
}

// markUpval marks the block where variable level was defined as having a
// captured variable.
func (fs *funcState) markUpval(level int) {
	bl := fs.bl
	for bl.nactvar > level {
		bl = bl.previous
	}
	bl.upval = true
	fs.needClose = true
}

func (fs *funcState) markToBeClosed() {
	bl := fs.bl
	bl.upval = true
	bl.insideTBC = true
	bl.hasTBC = true
	fs.needClose = true
}

func (fs *funcState) searchUpvalue(name string) int {
	for i, u := range fs.f.Upvalues {
		if u.Name == name {
			return i
		}
	}
	return -1
}

func (c *compiler) newUpvalue(fs *funcState, name string, v *expdesc) int {
	if len(fs.f.Upvalues)+1 > maxUpvals {
		c.errorLimit(fs, maxUpvals, "upvalues")
	}
	prev := fs.prev
	var u bc.UpvalueDesc
	if v.k == vLocal {
		u = bc.UpvalueDesc{Name: name, InStack: true, Index: v.ridx, Kind: prev.getLocalVarDesc(v.vidx).kind}
	} else {
		pu := prev.f.Upvalues[v.info]
		u = bc.UpvalueDesc{Name: name, InStack: false, Index: v.info, Kind: pu.Kind}
	}
	fs.f.Upvalues = append(fs.f.Upvalues, u)
	return len(fs.f.Upvalues) - 1
}

func (c *compiler) singleVarAux(fs *funcState, name string, v *expdesc, base bool) {
	if fs == nil {
		*v = newExp(vVoid, 0)
		return
	}
	if fs.searchVar(name, v) {
		if v.k == vLocal && !base {
			fs.markUpval(v.vidx)
		}
		return
	}
	idx := fs.searchUpvalue(name)
	if idx < 0 {
		c.singleVarAux(fs.prev, name, v, false)
		if v.k != vLocal && v.k != vUpval {
			return // global or compile-time constant
		}
		idx = c.newUpvalue(fs, name, v)
	}
	*v = newExp(vUpval, idx)
}

// singleVar resolves a name: local, upvalue, constant or _ENV.name.
func (c *compiler) singleVar(name string, v *expdesc) {
	fs := c.fs
	c.near = c.follow
	c.singleVarAux(fs, name, v, true)
	if v.k == vVoid {
		c.singleVarAux(fs, "_ENV", v, true)
		fs.exp2AnyRegUp(v)
		key := newExp(vKStr, 0)
		key.strval = name
		fs.indexed(v, &key)
	}
}

// ---- blocks, labels and gotos ----

func (c *compiler) enterBlock(bl *blockCnt, isLoop bool) {
	fs := c.fs
	bl.isLoop = isLoop
	bl.nactvar = fs.nactvar
	bl.firstLabel = len(c.label)
	bl.firstGoto = len(c.gt)
	bl.upval = false
	bl.insideTBC = fs.bl != nil && fs.bl.insideTBC
	bl.previous = fs.bl
	fs.bl = bl
}

// leaveBlock closes the current block; errLine is the line reported for
// goto errors found here.
func (c *compiler) leaveBlock(errLine int) {
	// The order is lua 5.4.4's: the loop's break label is created while
	// the block's variables are still active.
	fs := c.fs
	bl := fs.bl
	hasClose := false
	stklevel := fs.regLevel(bl.nactvar)
	if bl.isLoop {
		// Lua 5.4.4 closes from the level inside the loop block here,
		// which misses the to-be-closed value of a generic for (fixed in
		// 5.4.5 by removing the variables first). tide closes such a
		// block from the level outside it, as 5.4.6 does, but otherwise
		// keeps 5.4.4's code and debug information: for the other loops
		// both levels close the same variables.
		level := -1
		if bl.hasTBC {
			level = stklevel
		}
		hasClose = c.createLabelClosing("break", 0, false, errLine, level)
	}
	if !hasClose && bl.previous != nil && bl.upval {
		fs.codeABC(bc.OpClose, stklevel, 0, 0)
	}
	fs.bl = bl.previous
	c.removeVars(bl.nactvar)
	fs.freereg = stklevel
	c.label = c.label[:bl.firstLabel]
	if bl.previous != nil {
		c.moveGotosOut(bl)
	} else if bl.firstGoto < len(c.gt) {
		c.undefGoto(c.gt[bl.firstGoto], errLine)
	}
	// Descriptors of the removed variables stay readable until here:
	// moveGotosOut measures the levels of gotos that leave their scope.
	c.actvar = c.actvar[:fs.firstLocal+fs.nactvar]
}

func (c *compiler) moveGotosOut(bl *blockCnt) {
	fs := c.fs
	for i := bl.firstGoto; i < len(c.gt); i++ {
		gt := &c.gt[i]
		if fs.regLevel(gt.nactvar) > fs.regLevel(bl.nactvar) {
			gt.close = gt.close || bl.upval
		}
		gt.nactvar = bl.nactvar
	}
}

func (c *compiler) undefGoto(gt labelDesc, line int) {
	if gt.name == "break" {
		c.semError(fmt.Sprintf("break outside loop at line %d", gt.line), line)
	}
	c.semError(fmt.Sprintf("no visible label '%s' for <goto> at line %d", gt.name, gt.line), line)
}

func (c *compiler) findLabel(name string) *labelDesc {
	for i := c.fs.firstLabel; i < len(c.label); i++ {
		if c.label[i].name == name {
			return &c.label[i]
		}
	}
	return nil
}

func (c *compiler) newGotoEntry(name string, line, pc int) {
	c.gt = append(c.gt, labelDesc{name: name, line: line, pc: pc, nactvar: c.fs.nactvar})
}

// createLabel declares a label at the current pc and resolves the pending
// gotos to it; it reports whether it emitted a CLOSE.
func (c *compiler) createLabel(name string, line int, last bool, errLine int) bool {
	return c.createLabelClosing(name, line, last, errLine, -1)
}

// createLabelClosing is createLabel with the level a needed CLOSE starts
// from (-1: the active variables' level).
func (c *compiler) createLabelClosing(name string, line int, last bool, errLine, level int) bool {
	fs := c.fs
	lb := labelDesc{name: name, pc: fs.getLabel(), line: line, nactvar: fs.nactvar}
	if last {
		lb.nactvar = fs.bl.nactvar
	}
	c.label = append(c.label, lb)
	if c.solveGotos(lb, errLine) {
		if level < 0 {
			level = fs.nvarstack()
		}
		fs.codeABC(bc.OpClose, level, 0, 0)
		return true
	}
	return false
}

func (c *compiler) solveGotos(lb labelDesc, errLine int) bool {
	needsClose := false
	i := c.fs.bl.firstGoto
	for i < len(c.gt) {
		if c.gt[i].name == lb.name {
			needsClose = needsClose || c.gt[i].close
			c.solveGoto(i, lb, errLine)
		} else {
			i++
		}
	}
	return needsClose
}

func (c *compiler) solveGoto(g int, lb labelDesc, errLine int) {
	fs := c.fs
	gt := c.gt[g]
	if gt.nactvar < lb.nactvar {
		name := fs.getLocalVarDesc(gt.nactvar).name
		c.semError(fmt.Sprintf("<goto %s> at line %d jumps into the scope of local '%s'", gt.name, gt.line, name), errLine)
	}
	fs.patchList(gt.pc, lb.pc)
	c.gt = append(c.gt[:g], c.gt[g+1:]...)
}
