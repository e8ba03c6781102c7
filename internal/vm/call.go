package vm

import (
	"github.com/tidelua/tide/internal/value"
)

// Call status returned by precall.
const (
	callDone    = 0 // a Go function ran; its results are in place
	callLua     = 1 // a Lua frame was pushed: the loop must run it
	callYielded = 2 // a Go function yielded the coroutine
)

// precall prepares the call of the function at stack[fi] with nargs
// arguments above it, wanting nres results (-1: all).
func (l *Thread) precall(fi, nargs, nres int) int {
	for {
		fv := l.stack[fi]
		switch fv.Type() {
		case value.TypeFunction:
			cl := (*Closure)(fv.Object())
			l.pushLua(cl, fi, nargs, nres)
			return callLua
		case value.TypeGoFunction:
			return l.callGo((*GoFunction)(fv.Object()), fi, nargs, nres)
		}
		fi, nargs = l.tryCallMeta(fi, nargs)
	}
}

// tryCallMeta inserts the __call metamethod of stack[fi] below the
// arguments (or raises "attempt to call").
func (l *Thread) tryCallMeta(fi, nargs int) (int, int) {
	fv := l.stack[fi]
	tm := l.metaOf(fv, tmCall)
	if tm.IsNil() {
		info := ""
		if f := &l.frames[l.ci]; f.cl != nil {
			if kind, name := funcNameFromCode(f.cl.Proto, f.pc-1); kind != "" {
				info = " (" + kind + " '" + name + "')"
			}
		}
		l.typeError(fv, "call", info)
	}
	l.ensure(fi, nargs+2)
	copy(l.stack[fi+1:fi+nargs+2], l.stack[fi:fi+nargs+1])
	l.stack[fi] = tm
	l.top = fi + nargs + 2
	return fi, nargs + 1
}

// pushLua pushes a frame for Lua closure cl called at stack[fi].
func (l *Thread) pushLua(cl *Closure, fi, nargs, nres int) {
	p := cl.Proto
	need := fi + 1 + nargs + p.MaxStackSize
	if l.ci >= l.st.maxDepth {
		l.depthExceeded()
	}
	if need > maxStack {
		if l.inHandler == 0 {
			l.stackOverflow()
		}
		if need > maxStack+20000 {
			// Past the room a message handler gets: the reference's
			// LUA_ERRERR, raised without calling a handler.
			panic(&LuaError{Value: value.String("error in error handling")})
		}
	}
	if need+stackHeadroom > len(l.stack) {
		l.growStack(need + stackHeadroom)
	}
	f := l.pushFrame()
	f.cl = cl
	f.fn = fi
	f.nres = nres
	np := p.NumParams
	s := l.stack
	if p.IsVararg {
		base := fi + 1 + nargs
		for j := 0; j < np; j++ {
			if j < nargs {
				s[base+j] = s[fi+1+j]
				s[fi+1+j] = value.Nil
			} else {
				s[base+j] = value.Nil
			}
		}
		if nargs > np {
			f.nextra = nargs - np
		}
		f.base = base
		f.top = base + p.MaxStackSize
		if f.top+stackHeadroom > len(s) {
			l.growStack(f.top + stackHeadroom)
		}
		return
	}
	base := fi + 1
	for j := nargs; j < np; j++ {
		s[base+j] = value.Nil
	}
	f.base = base
	f.top = base + p.MaxStackSize
}

//go:noinline
func (l *Thread) stackOverflow() {
	l.rtError("stack overflow")
}

// goCallError completes a Go function call that returned an error: one
// of the vm's requests (yield, pcall, tail call) or a Lua error to raise.
func (l *Thread) goCallError(err error) int {
	switch err {
	case errYield:
		l.frames[l.ci].flags |= fYield
		l.yielded = true
		return callYielded
	case errPCall:
		return l.startPCall()
	case errTailCall:
		return l.goTailCall()
	}
	l.goError(err) // raises
	return callDone
}

// goTailCall replaces the running Go frame by the call Thread.TailCall
// recorded, with the frame's result count.
func (l *Thread) goTailCall() int {
	f := &l.frames[l.ci]
	fi, nres := f.fn, f.nres
	l.ci--
	n := len(l.tail)
	l.ensure(fi, n)
	copy(l.stack[fi:fi+n], l.tail)
	clear(l.tail)
	l.tail = l.tail[:0]
	l.top = fi + n
	return l.precall(fi, n-1, nres)
}

// depthExceeded stops the run at the MaxCallDepth quota.
//
//go:noinline
func (l *Thread) depthExceeded() {
	panic(l.stopped(&QuotaError{Msg: "depth limit exceeded", Kind: ErrDepthLimit}))
}

// callGo calls Go function gf at stack[fi].
func (l *Thread) callGo(gf *GoFunction, fi, nargs, nres int) int {
	if l.ci >= l.st.maxDepth {
		l.depthExceeded()
	}
	if l.ci+1 >= maxStack/4 && l.inHandler == 0 {
		// A message handler may call Go functions after a stack overflow;
		// the slot limit in pushLua and the C-stack limit still bound it.
		l.stackOverflow()
	}
	f := l.pushFrame()
	f.gofn = gf
	f.fn = fi
	f.base = fi + 1
	f.top = fi + 1 + nargs
	f.nres = nres
	l.top = f.top
	if l.hook.mask != 0 {
		return l.callGoHooked(gf)
	}
	args := l.stack[fi+1 : fi+1+nargs : fi+1+nargs]
	rets, err := gf.Fn(l, args)
	if err != nil {
		return l.goCallError(err)
	}
	if l.hook.mask != 0 {
		return l.goReturnHooked(rets)
	}
	n := len(rets)
	f = &l.frames[l.ci]
	dst, want := f.fn, f.nres
	l.ci--
	if want < 0 {
		l.ensure(dst, n)
		copy(l.stack[dst:dst+n], rets)
		l.top = dst + n
		return callDone
	}
	l.ensure(dst, want)
	s := l.stack
	if n >= want {
		copy(s[dst:dst+want], rets)
	} else {
		copy(s[dst:dst+n], rets)
		for j := dst + n; j < dst+want; j++ {
			s[j] = value.Nil
		}
	}
	l.top = dst + want
	return callDone
}

// retFrom returns n values from stack[first:] out of the current frame:
// they move to the frame's function slot, adjusted to the wanted count.
func (l *Thread) retFrom(first, n int) {
	f := &l.frames[l.ci]
	dst, want := f.fn, f.nres
	l.ci--
	if want < 0 {
		copy(l.stack[dst:dst+n], l.stack[first:first+n])
		l.top = dst + n
		return
	}
	l.ensure(dst, want)
	s := l.stack
	if n >= want {
		copy(s[dst:dst+want], s[first:first+want])
	} else {
		copy(s[dst:dst+n], s[first:first+n])
		for j := dst + n; j < dst+want; j++ {
			s[j] = value.Nil
		}
	}
	l.top = dst + want
}

// call runs the function at stack[fi] to completion (a Go-level nested
// call: metamethods, Thread.Call).
func (l *Thread) call(fi, nargs, nres int) {
	l.ccalls++
	if l.ccalls >= maxCCalls {
		l.cstackOverflow()
	}
	entry := l.ci + 1
	switch l.precall(fi, nargs, nres) {
	case callLua:
		l.execute(entry)
	case callYielded:
		// cannot happen: nested calls are not yieldable (nny > 0)
		l.rtError("attempt to yield across a C-call boundary")
	}
	l.ccalls--
}

//go:noinline
func (l *Thread) cstackOverflow() {
	if l.ccalls >= maxCCalls/10*11 {
		l.throw(value.String("error in error handling"))
	}
	l.rtError("C stack overflow")
}

// execute runs Lua frames until the frame at index entry returns,
// catching errors at protected-call markers at or above entry.
func (l *Thread) execute(entry int) {
	for {
		e := l.runSafe(entry)
		if e == nil {
			return
		}
		le, ok := e.(*LuaError)
		m := l.innerMarker()
		if !ok || m < entry {
			panic(e)
		}
		l.recoverAt(m, le)
		if !l.finishMarkers(entry) {
			return
		}
	}
}

func (l *Thread) runSafe(entry int) (err any) {
	defer func() {
		if r := recover(); r != nil {
			if q := uncatchable(r); q != nil {
				err = q
				return
			}
			err = runtimeErrorValue(r)
		}
	}()
	l.run(entry)
	return nil
}

// recoverAt unwinds to the pcall marker m after error e and gives the
// marker its results (false, error).
func (l *Thread) recoverAt(m int, e *LuaError) {
	f := &l.frames[m]
	level := f.fn + 1
	l.ci = m
	l.ccalls = f.ccalls
	l.nny = f.nny
	l.yielded = false
	l.deferMM = false
	l.pend = pendingMM{}
	l.pendAt = 0
	l.closeUpvals(level)
	ev := e.Value
	if l.IsYieldable() && l.closeErrorFrame(m, level, ev) {
		return // a __close frame runs; finishMM continues the recovery
	}
	ev = l.closeTBC(level, ev, true)
	f = &l.frames[m]
	f.flags &^= fClosing
	l.ensure(f.fn, 2)
	l.stack[f.fn] = value.False
	l.stack[f.fn+1] = ev
	if l.hook.mask != 0 {
		l.top = f.fn + 2
		l.retHook(f.fn, 2) // pcall returns
	}
	l.retFrom(f.fn, 2)
}

// closeErrorFrame starts the __close handler, written in Lua, of the
// newest pending to-be-closed variable at or above level as a frame, so
// that it can yield while an error unwinds to pcall marker m. The error
// value waits in the marker's stack slot fn+1; when the handler returns,
// finishMM calls recoverAt again for the next variable, and an error in
// the handler reaches recoverAt as the new error. It reports false when
// nothing is left to close this way (the rest closes in closeTBC).
func (l *Thread) closeErrorFrame(m, level int, ev value.Value) bool {
	if len(l.tbc) == 0 {
		return false
	}
	idx := l.tbc[len(l.tbc)-1]
	if idx < level {
		return false
	}
	v := l.stack[idx]
	tm := l.metaOf(v, tmClose)
	cl := AsClosure(tm)
	if cl == nil {
		return false
	}
	l.tbc = l.tbc[:len(l.tbc)-1]
	f := &l.frames[m]
	f.flags |= fClosing
	l.stack[f.fn+1] = ev
	l.top = idx + 1 // the remaining variables sit below
	fi := l.freeTop()
	l.ensure(fi, 3)
	l.stack[fi] = tm
	l.stack[fi+1] = v
	l.stack[fi+2] = ev
	l.top = fi + 3
	l.ccalls++
	if l.ccalls >= maxCCalls {
		l.cstackOverflow()
	}
	l.pushLua(cl, fi, 2, 1)
	l.frames[l.ci].flags |= fFinishMM
	return true
}

// finishMarkers completes pcall markers that their callee returned into.
// It reports whether a Lua frame at or above entry is current.
func (l *Thread) finishMarkers(entry int) bool {
	for {
		if l.ci < entry {
			return false
		}
		f := &l.frames[l.ci]
		if f.cl != nil {
			return true
		}
		if f.flags&fPCall == 0 {
			return false
		}
		l.stack[f.fn] = value.True
		if l.hook.mask != 0 {
			l.retHook(f.fn, l.top-f.fn) // pcall returns
		}
		l.retFrom(f.fn, l.top-f.fn)
	}
}

// startPCall turns the running Go frame (pcall or xpcall) into a
// protected-call marker and calls the protected function.
func (l *Thread) startPCall() int {
	f := &l.frames[l.ci]
	f.flags |= fPCall
	f.ccalls = l.ccalls
	f.nny = l.nny
	fi := f.fn + 1
	nargs := f.top - fi - 1
	if l.pcallKind == 2 {
		f.flags |= fHandler
		l.stack[f.fn] = l.stack[fi+1] // the handler lives in the marker's function slot
		copy(l.stack[fi+1:], l.stack[fi+2:f.top])
		nargs--
	}
	l.top = fi + 1 + nargs
	fv := l.stack[fi]
	if !fv.IsFunction() && l.metaOf(fv, tmCall).IsNil() {
		// calling a non-callable: an error caught by this very pcall
		e := &LuaError{Value: value.String("attempt to call a " + l.objTypeName(fv) + " value")}
		l.prepareError(e)
		l.recoverAt(l.ci, e)
		return callDone
	}
	switch l.precall(fi, nargs, -1) {
	case callLua:
		return callLua
	case callYielded:
		return callYielded
	}
	// a Go function ran to completion inside the marker
	f = &l.frames[l.ci]
	l.stack[f.fn] = value.True
	if l.hook.mask != 0 {
		l.retHook(f.fn, l.top-f.fn) // pcall returns
	}
	l.retFrom(f.fn, l.top-f.fn)
	return callDone
}

// PCall is the base library's pcall (§6.1). The vm runs the protected call
// inside its loop, so coroutines can yield across it.
func PCall(l *Thread, args []value.Value) ([]value.Value, error) {
	if len(args) == 0 {
		return nil, ArgError(1, "value expected")
	}
	l.pcallKind = 1
	return nil, errPCall
}

// XPCall is the base library's xpcall (§6.1).
func XPCall(l *Thread, args []value.Value) ([]value.Value, error) {
	if len(args) < 2 || !args[1].IsFunction() {
		return nil, TypeError(args, 2, "function")
	}
	l.pcallKind = 2
	return nil, errPCall
}

// closeTBC calls the __close metamethods of pending to-be-closed variables
// at stack index level and above, newest first. With isErr, errors in the
// handlers replace the error value, which is returned.
func (l *Thread) closeTBC(level int, errv value.Value, isErr bool) value.Value {
	for len(l.tbc) > 0 {
		idx := l.tbc[len(l.tbc)-1]
		if idx < level {
			break
		}
		l.tbc = l.tbc[:len(l.tbc)-1]
		v := l.stack[idx]
		tm := l.metaOf(v, tmClose)
		if l.top < idx+1 {
			l.top = idx + 1
		}
		if !isErr {
			l.call0(tm, v, value.Nil)
			continue
		}
		saveTop := l.top
		if err := l.protect(func() { l.call0(tm, v, errv) }); err != nil {
			if le, ok := err.(*LuaError); ok {
				errv = le.Value
			} else {
				panic(err)
			}
		}
		l.top = saveTop
	}
	return errv
}

// closePending runs the __close metamethods of the pending to-be-closed
// variables at stack index level and above, newest first, for a normal
// block exit or return (OP_CLOSE, OP_RETURN). A metamethod that is a Lua
// function runs as a frame flagged fFinishMM, so that a coroutine can
// yield inside it; when it returns, finishOpAt makes the loop execute the
// interrupted instruction again, which closes the remaining variables
// (lvm.c's luaV_finishOp does the same). A Go metamethod runs the same
// way when the thread can yield. closePending reports whether it pushed
// such a frame; l.yielded tells whether the metamethod yielded. nret is the number of values OP_RETURN returns; it
// is kept on the stack just below the frame (0 for OP_CLOSE).
func (l *Thread) closePending(level, nret int) bool {
	for len(l.tbc) > 0 {
		idx := l.tbc[len(l.tbc)-1]
		if idx < level {
			break
		}
		l.tbc = l.tbc[:len(l.tbc)-1]
		v := l.stack[idx]
		tm := l.metaOf(v, tmClose)
		cl := AsClosure(tm)
		gf := AsGoFunction(tm)
		if cl == nil && (gf == nil || !l.IsYieldable()) {
			if l.top < idx+1 {
				l.top = idx + 1
			}
			l.call0(tm, v, value.Nil)
			continue
		}
		saveTop := l.top
		fi := l.freeTop() // above every register of the frame
		l.ensure(fi, 4)
		l.stack[fi] = value.Int(int64(nret))
		fi++
		l.stack[fi] = tm
		l.stack[fi+1] = v
		l.stack[fi+2] = value.Nil
		l.top = fi + 3
		l.ccalls++
		if l.ccalls >= maxCCalls {
			l.cstackOverflow()
		}
		if cl != nil {
			l.pushLua(cl, fi, 2, 1)
			l.frames[l.ci].flags |= fFinishMM
			return true
		}
		// A Go function (coroutine.yield itself, say) runs as a frame too,
		// so that it can yield: resuming it finishes the instruction.
		if l.callGo(gf, fi, 2, 1) != callDone {
			l.frames[l.ci].flags |= fFinishMM // yielded, or tail called Lua
			return true
		}
		l.ccalls--
		l.top = saveTop
	}
	return false
}

// newTBC registers stack slot idx as a to-be-closed variable (OP_TBC).
func (l *Thread) newTBC(idx int) {
	v := l.stack[idx]
	if v.IsFalsy() {
		return
	}
	if l.metaOf(v, tmClose).IsNil() {
		f := &l.frames[l.ci]
		name := localName(f.cl.Proto, idx-f.base+1, f.pc-1)
		if name == "" {
			name = "?"
		}
		l.rtError("variable '%s' got a non-closable value", name)
	}
	l.tbc = append(l.tbc, idx)
}

// unwindTo pops frames down to ci after an error escaping a nested call
// whose function sat at stack index level.
func (l *Thread) unwindTo(ci, level int, err error) {
	l.ci = ci
	l.deferMM = false
	l.pend = pendingMM{}
	l.pendAt = 0
	l.closeUpvals(level)
	if skipsClose(err) {
		for len(l.tbc) > 0 && l.tbc[len(l.tbc)-1] >= level {
			l.tbc = l.tbc[:len(l.tbc)-1]
		}
	}
	if len(l.tbc) > 0 && l.tbc[len(l.tbc)-1] >= level {
		ev := value.Nil
		le, _ := err.(*LuaError)
		if le != nil {
			ev = le.Value
		}
		ev = l.closeTBC(level, ev, true)
		if le != nil {
			le.Value = ev
		}
	}
	l.yielded = false
}

// callNoYield calls fn from Go with the given arguments.
func (l *Thread) callNoYield(fn value.Value, args []value.Value, nres int) (rets []value.Value, err error) {
	saveCI, saveNny, saveC, saveTop := l.ci, l.nny, l.ccalls, l.top
	fi := l.freeTop()
	defer func() {
		if r := recover(); r != nil {
			if q := uncatchable(r); q != nil {
				err = q
			} else {
				err = runtimeErrorValue(r)
			}
			err = l.unwindSafe(saveCI, fi, err)
			l.nny, l.ccalls, l.top = saveNny, saveC, saveTop
		}
	}()
	l.ensure(fi, len(args)+1)
	l.stack[fi] = fn
	copy(l.stack[fi+1:], args)
	l.top = fi + 1 + len(args)
	l.nny++
	l.call(fi, len(args), nres)
	l.nny--
	n := l.top - fi
	rets = make([]value.Value, n)
	copy(rets, l.stack[fi:l.top])
	l.top = saveTop
	return rets, nil
}
