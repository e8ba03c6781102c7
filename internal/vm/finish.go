package vm

import (
	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// Slow paths of the dispatch loop. Each completes the current instruction
// of the running Lua frame (code[ci.pc-1]) through finishOp, or, when a
// metamethod must run, calls it: a Lua metamethod becomes a frame flagged
// fFinishMM whose return finishes the instruction (like lvm.c's
// luaV_finishOp), so coroutines can yield inside __index, __newindex,
// arithmetic, comparison, __eq, __len, __unm and __bnot metamethods. After
// any of these the loop reloads its state from the current frame.

func (l *Thread) slowGet(t, k value.Value, reg, up int) {
	l.deferMM = true
	v := l.index(t, k, reg, up)
	l.deferMM = false
	l.complete(v)
}

func (l *Thread) slowSet(t, k, v value.Value, reg, up int) {
	l.deferMM = true
	l.setIndex(t, k, v, reg, up)
	l.deferMM = false
	l.complete(value.Nil)
}

func (l *Thread) slowArith(op int, a, b value.Value, ra, rb int) {
	l.deferMM = true
	v := l.arith(op, a, b, ra, rb)
	l.deferMM = false
	l.complete(v)
}

func (l *Thread) slowLen(v value.Value, reg int) {
	l.deferMM = true
	r := l.length(v, reg)
	l.deferMM = false
	l.complete(r)
}

func (l *Thread) slowEq(a, b value.Value) {
	l.deferMM = true
	r := l.equal(a, b)
	l.deferMM = false
	l.complete(value.Bool(r))
}

func (l *Thread) slowLess(a, b value.Value, le bool) {
	l.deferMM = true
	var r bool
	if le {
		r = l.lessEqual(a, b)
	} else {
		r = l.lessThan(a, b)
	}
	l.deferMM = false
	l.complete(value.Bool(r))
}

// complete finishes the instruction with v, or starts the pending
// metamethod call.
func (l *Thread) complete(v value.Value) {
	if !l.pend.ok {
		l.finishOp(v)
		return
	}
	p := l.pend
	l.pend = pendingMM{}
	ci := &l.frames[l.ci]
	fi := ci.top
	if l.top > fi && l.top < fi+stackHeadroom {
		fi = l.top
	}
	if l.pendAt > 0 {
		fi = l.pendAt // __concat: just above the values still to concatenate
		l.pendAt = 0
	}
	l.ensure(fi, 4)
	s := l.stack
	s[fi] = p.tm
	s[fi+1] = p.a
	s[fi+2] = p.b
	s[fi+3] = p.c
	l.top = fi + 1 + p.nargs
	if cl := AsClosure(p.tm); cl != nil {
		l.ccalls++
		if l.ccalls >= maxCCalls {
			l.cstackOverflow()
		}
		l.pushLua(cl, fi, p.nargs, 1)
		l.frames[l.ci].flags |= fFinishMM
		if p.neg {
			l.frames[l.ci].flags |= fNegate
		}
		return
	}
	l.nny++
	l.call(fi, p.nargs, 1)
	l.nny--
	if p.neg {
		l.stack[fi] = value.Bool(!l.stack[fi].Truthy())
	}
	l.finishOpAt(l.stack[fi], fi)
}

// slowConcat concatenates stack[first:first+n] into stack[first].
func (l *Thread) slowConcat(first, n int) {
	l.deferMM = true
	l.concat(first, n)
	l.deferMM = false
	if l.pend.ok {
		l.complete(value.Nil)
	}
}

// finishMM completes the instruction interrupted by a metamethod frame
// that returned its result into stack[fn].
func (l *Thread) finishMM(fn int, flags uint16) {
	l.ccalls--
	if f := &l.frames[l.ci]; f.flags&fClosing != 0 {
		// a __close handler run during error recovery returned: go on
		l.recoverAt(l.ci, &LuaError{Value: l.stack[f.fn+1]})
		return
	}
	if flags&fNegate != 0 {
		l.stack[fn] = value.Bool(!l.stack[fn].Truthy())
	}
	l.finishOpAt(l.stack[fn], fn)
}

// finishOpAt is finishOp for a metamethod whose function sat at stack[fn].
func (l *Thread) finishOpAt(v value.Value, fn int) {
	ci := &l.frames[l.ci]
	i := ci.cl.Proto.Code[ci.pc-1]
	switch i.Op() {
	case bc.OpClose:
		ci.pc-- // run it again to close the remaining variables
		return
	case bc.OpReturn:
		// closePending left the number of returned values below the
		// __close frame: restore the top that marks them (for B == 0) and
		// run the return again, to close the rest and complete it.
		l.top = ci.base + i.A() + int(l.stack[fn-1].AsInt())
		ci.pc--
		return
	}
	if i.Op() == bc.OpConcat {
		// the result replaces the two values just below fn; go on with the rest
		first := ci.base + i.A()
		l.stack[fn-2] = v
		if n := fn - 1 - first; n > 1 {
			l.slowConcat(first, n)
		}
		return
	}
	l.finishOp(v)
}

// finishOp stores the result v of the current frame's interrupted
// instruction (luaV_finishOp).
func (l *Thread) finishOp(v value.Value) {
	ci := &l.frames[l.ci]
	code := ci.cl.Proto.Code
	i := code[ci.pc-1]
	switch i.Op() {
	case bc.OpMMBin, bc.OpMMBinI, bc.OpMMBinK:
		l.stack[ci.base+code[ci.pc-2].A()] = v
	case bc.OpEq, bc.OpLt, bc.OpLe, bc.OpLtI, bc.OpLeI, bc.OpGtI, bc.OpGeI:
		if v.Truthy() != i.K() {
			ci.pc++ // skip the jump
		}
	case bc.OpSetTabUp, bc.OpSetTable, bc.OpSetI, bc.OpSetField:
	default:
		l.stack[ci.base+i.A()] = v
	}
}
