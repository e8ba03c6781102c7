package vm

import (
	"unsafe"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// Debug hooks (lua_sethook, ldo.c luaD_hook, ldebug.c luaG_traceexec).
//
// Nothing is checked per instruction while a thread has no hook: a frame
// runs its prototype's own code. At newframe (which every call, return and
// slow path of the dispatch loop goes through) one byte test sees whether
// the thread has hooks; if so the frame runs a "trapped" copy of the code
// in which every opcode is opHook, keeping the operand bits, so reads of a
// following EXTRAARG or jump word stay valid. The opHook case calls
// hookStep, which runs the count and line hooks (traceExec), the return
// hook before a RETURN and the call hook of a vararg function at its
// VARARGPREP; it then puts the original word back in the trapped code for
// one step (it is trapped again at the next hookStep) and the loop
// resumes the frame through newframe, running that instruction. An
// instruction that can jump to itself (an empty loop body) is never put
// back, or it would spin unhooked: hookStep performs it. Call hooks of
// Lua functions run at newframe when a frame starts; Go functions check
// the mask in callGo; pcall markers and coroutine yields check it where
// they return. The trapped copies are cached per State (a Proto is shared
// and immutable).
//
// The dispatch loop (run) must stay under the size past which the Go
// compiler stops inlining small methods into it (5000 nodes, a "big
// function"; past it Value.Type and Value.Object become calls and fib
// runs ~6% more instructions): the hook logic lives in helpers here and
// the loop only has two mask tests and the opHook case, which goes back
// through newframe rather than re-dispatching (a second entry into the
// jump table, a label before the switch, made the unhooked loop run one
// more jump per instruction).

// Hook event masks (LUA_MASKCALL ...).
const (
	MaskCall = 1 << iota
	MaskRet
	MaskLine
	MaskCount
)

// opHook is the opcode of every instruction of trapped code. It lies just
// past the real opcodes (and is private to the vm: the compiler never emits
// it and no Proto holds it).
const opHook = bc.NumOpcodes

// hookState is a thread's hook (lua_State hook, hookmask, basehookcount,
// hookcount, allowhook, oldpc).
type hookState struct {
	mask   uint8
	inHook bool        // running a hook: hooks are off (allowhook == 0)
	fn     value.Value // the Lua hook function, called with (event, line)
	base   int         // count between count events
	count  int         // instructions left before the next count event
	oldpc  int         // pc of the last line event (or call) in the running function
	// transfer information for getinfo "r" while a call/return hook runs
	trCI, trF, trN int
	code           []bc.Instruction // trapped code for the frame at newframe
	stepping       bool             // hookStep resumes the frame: no call hook at newframe
}

// SetHook sets the thread's hook function fn for the events in mask
// (MaskCall|MaskRet|MaskLine) and, with count > 0, every count
// instructions (lua_sethook). A nil fn or an empty mask turns hooks off.
func (l *Thread) SetHook(fn value.Value, mask, count int) {
	if count > 0 {
		mask |= MaskCount
	} else {
		mask &^= MaskCount
	}
	if fn.IsNil() || mask == 0 {
		fn, mask = value.Nil, 0
	}
	l.st.unpatch()
	h := &l.hook
	h.stepping = false
	h.fn = fn
	h.base = count
	h.count = count
	h.mask = uint8(mask)
}

// inheritHook gives a new coroutine the hook mask and count of the thread
// creating it, as lua_newthread does, but no function: the debug library
// keeps hook functions per thread, so none runs until one is set.
func (co *Thread) inheritHook(l *Thread) {
	co.hook.mask = l.hook.mask
	co.hook.base = l.hook.base
	co.hook.count = l.hook.base
}

// Hook returns the thread's hook function, mask and count (lua_gethook,
// lua_gethookmask, lua_gethookcount); mask is 0 when no hook is set, and
// fn may be nil with a mask set (a coroutine inheriting its creator's
// mask).
func (l *Thread) Hook() (fn value.Value, mask, count int) {
	return l.hook.fn, int(l.hook.mask), l.hook.base
}

// trappedCode returns p's code with every opcode replaced by opHook.
func (st *State) trappedCode(p *bc.Proto) []bc.Instruction {
	if c, ok := st.trapped[p]; ok {
		return c
	}
	c := make([]bc.Instruction, len(p.Code))
	for j, i := range p.Code {
		c[j] = i&^(1<<bc.SizeOp-1) | bc.Instruction(opHook)
	}
	if st.trapped == nil {
		st.trapped = make(map[*bc.Proto][]bc.Instruction)
	}
	st.trapped[p] = c
	return c
}

// hookFrame is called by the dispatch loop at newframe when the thread
// has hooks: it runs the call hook of a Lua function that starts (not a
// vararg one: that waits for VARARGPREP; not when hookStep is resuming
// the frame at its first instruction) and leaves in hook.code the trapped
// code the frame must run.
//
//go:noinline
func (l *Thread) hookFrame() {
	if !l.hook.stepping {
		// not resuming for a word hookStep put back: trap it again now, in
		// case this frame (a recursive call, a metamethod) reaches it first
		l.st.unpatch()
	}
	f := &l.frames[l.ci]
	p := f.cl.Proto
	if f.pc == 0 && !p.IsVararg && !l.hook.stepping {
		l.hookCall()
		p = l.frames[l.ci].cl.Proto
	}
	l.hook.stepping = false
	l.hook.code = l.st.trappedCode(p)
}

// hookStep runs the hooks due before the instruction at npc of the current
// Lua frame (frame.pc is npc+1), then arranges for the loop, which goes
// to newframe, to run that instruction once: it puts the original word
// back at npc in the trapped code (and traps it again at the next
// hookStep), or, for an instruction that may jump to itself (which would
// then run again unhooked), performs it here.
//
//go:noinline
func (l *Thread) hookStep(npc int) {
	st := l.st
	st.unpatch()
	f := &l.frames[l.ci]
	p := f.cl.Proto
	i := p.Code[npc]
	switch i.Op() {
	case bc.OpVarargPrep:
		// the adjustment is done (pushLua); hooks start after it
		if l.hook.mask != 0 {
			l.hookVarargPrep()
		}
	case bc.OpReturn, bc.OpReturn0, bc.OpReturn1:
		l.traceExec(npc)
		f = &l.frames[l.ci]
		if i.K() && len(l.tbc) > 0 && l.tbc[len(l.tbc)-1] >= f.base {
			// __close handlers run first; the RETURN runs again after each
			// one, and the return hook comes after the last (luaD_poscall)
			break
		}
		if l.hook.mask != 0 {
			first, n := f.base+i.A(), 0
			switch i.Op() {
			case bc.OpReturn1:
				n = 1
			case bc.OpReturn:
				n = i.B() - 1
				if n < 0 {
					n = l.top - first
				}
			}
			l.retHook(first, n)
		}
	default:
		l.traceExec(npc)
	}
	f = &l.frames[l.ci]
	f.pc = npc
	l.hook.stepping = true
	code := st.trappedCode(p)
	switch i.Op() {
	case bc.OpJmp:
		if i.SJ() == -1 { // an endless loop on itself
			l.budgetTick()
			return
		}
	case bc.OpForLoop, bc.OpTForLoop:
		if i.Bx() == 1 { // an empty loop body: the loop jumps to itself
			l.selfLoop(f, i)
			return
		}
	case bc.OpEq, bc.OpLt, bc.OpLe, bc.OpEqK, bc.OpEqI, bc.OpLtI, bc.OpLeI,
		bc.OpGtI, bc.OpGeI, bc.OpTest, bc.OpTestSet:
		if npc+1 < len(code) && p.Code[npc+1].SJ() == -2 {
			// the conditional jump comes back here: aim it at the trapped
			// JMP word instead, which then jumps here with its hooks
			st.patch(code, npc+1, code[npc+1]&^(bc.MaxsJ<<bc.PossJ)|bc.Instruction(bc.OffsetsJ-1)<<bc.PossJ)
		}
	}
	st.patch(code, npc, i)
}

// patch stores w at code[j] (a trapped copy) until the next unpatch.
func (st *State) patch(code []bc.Instruction, j int, w bc.Instruction) {
	st.patches = append(st.patches, codePatch{code: code, idx: j, old: code[j]})
	code[j] = w
}

// unpatch traps again the words hookStep put back.
func (st *State) unpatch() {
	for n := len(st.patches) - 1; n >= 0; n-- {
		c := st.patches[n]
		c.code[c.idx] = c.old
	}
	st.patches = st.patches[:0]
}

// codePatch is a word of trapped code temporarily replaced (hookStep).
type codePatch struct {
	code []bc.Instruction
	idx  int
	old  bc.Instruction
}

// budgetTick counts a backward jump against the instruction budget, as
// the loop does.
func (l *Thread) budgetTick() {
	if l.st.budget--; l.st.budget < 0 {
		l.outOfBudget()
	}
}

// selfLoop performs a FORLOOP or TFORLOOP whose body is empty (it jumps to
// itself): frame.pc is left at the instruction to loop, or moved past it.
func (l *Thread) selfLoop(f *frame, i bc.Instruction) {
	ra := f.base + i.A()
	s := l.stack
	loop := false
	if i.Op() == bc.OpTForLoop {
		if v := s[ra+4]; !v.IsNil() {
			s[ra+2] = v
			loop = true
		}
	} else if s[ra+2].IsInt() {
		if count := uint64(s[ra+1].AsInt()); count > 0 {
			idx := s[ra].AsInt() + s[ra+2].AsInt()
			s[ra+1] = value.Int(int64(count - 1))
			s[ra] = value.Int(idx)
			s[ra+3] = value.Int(idx)
			loop = true
		}
	} else {
		loop = floatForLoop((*[256]value.Value)(s[f.base:f.base+256]), i.A())
	}
	if !loop {
		f.pc++
		return
	}
	if i.Op() == bc.OpForLoop {
		l.budgetTick()
	}
}

// hookCall runs the call hook for the Lua frame that starts
// (luaD_hookcall).
//
//go:noinline
func (l *Thread) hookCall() {
	l.hook.oldpc = 0
	if l.hook.mask&MaskCall == 0 {
		return
	}
	f := &l.frames[l.ci]
	ev := "call"
	if f.flags&fTail != 0 {
		ev = "tail call"
	}
	ci := l.ci
	f.pc++ // hooks see the first instruction as current
	l.transferHook(ev, 1, f.cl.Proto.NumParams)
	l.frames[ci].pc--
}

// hookVarargPrep runs the call hook of a vararg function once VARARGPREP
// is done (lvm.c OP_VARARGPREP).
//
//go:noinline
func (l *Thread) hookVarargPrep() {
	l.hookCall()
	l.hook.oldpc = 1 // the next instruction is seen as a new line
}

// transferHook runs a call or return hook with transfer information.
func (l *Thread) transferHook(ev string, ftransfer, ntransfer int) {
	h := &l.hook
	if h.inHook {
		return
	}
	if ntransfer != 0 {
		h.trCI, h.trF, h.trN = l.ci, ftransfer, ntransfer
	}
	l.callHook(ev, -1)
	h.trCI = 0
}

// retHook runs the return hook of the current frame, which returns the n
// values at stack[first:], and sets oldpc for the caller (ldo.c rethook).
//
//go:noinline
func (l *Thread) retHook(first, n int) {
	if l.hook.mask&MaskRet != 0 && !l.hook.inHook {
		f := &l.frames[l.ci]
		saveTop := l.top
		if l.top < first+n {
			l.top = first + n
		}
		l.transferHook("return", first-f.base+1, n)
		l.top = saveTop
	}
	if l.ci > 0 {
		if c := &l.frames[l.ci-1]; c.cl != nil {
			l.hook.oldpc = c.pc - 1
		}
	}
}

// traceExec runs the count and line hooks before the instruction at npc of
// the current Lua frame (luaG_traceexec); frame.pc is npc+1.
//
//go:noinline
func (l *Thread) traceExec(npc int) {
	h := &l.hook
	mask := h.mask
	counthook := false
	if mask&MaskCount != 0 {
		h.count--
		if h.count <= 0 {
			counthook = true
			h.count = h.base
		}
	}
	if !counthook && mask&MaskLine == 0 {
		return
	}
	p := l.frames[l.ci].cl.Proto
	if counthook {
		l.callHook("count", -1)
	}
	if mask&MaskLine != 0 {
		oldpc := h.oldpc
		if oldpc < 0 || oldpc >= len(p.Code) {
			oldpc = 0
		}
		if npc <= oldpc || lineAt(p, oldpc) != lineAt(p, npc) {
			l.callHook("line", lineAt(p, npc))
		}
		h.oldpc = npc
	}
}

func lineAt(p *bc.Proto, pc int) int {
	if pc >= 0 && pc < len(p.Lines) {
		return int(p.Lines[pc])
	}
	return -1
}

// callHook calls the hook function with (event, line) on top of the
// current frame, with hooks disabled while it runs (luaD_hook). line < 0
// passes nil. The hooked frame stays at level 2 for the hook function.
func (l *Thread) callHook(ev string, line int) {
	h := &l.hook
	if h.inHook || h.fn.IsNil() {
		return
	}
	ci := l.ci
	f := &l.frames[ci]
	saveTop := l.top
	fi := l.top
	if f.cl != nil && fi < f.top {
		fi = f.top // protect the whole register window
	}
	l.ensure(fi, 3)
	l.stack[fi] = h.fn
	l.stack[fi+1] = value.String(ev)
	if line >= 0 {
		l.stack[fi+2] = value.Int(int64(line))
	} else {
		l.stack[fi+2] = value.Nil
	}
	l.top = fi + 3
	h.inHook = true
	f.flags |= fHooked
	defer func() {
		// also on errors: a pcall outside the hook catching it re-allows hooks
		h.inHook = false
		if ci < len(l.frames) {
			l.frames[ci].flags &^= fHooked
		}
	}()
	l.nny++
	l.call(fi, 2, 0)
	l.nny--
	l.top = saveTop
}

// callGoHooked is callGo's tail when the thread has hooks: the frame for
// gf is pushed; it runs the call hook, the function, the return hook.
func (l *Thread) callGoHooked(gf *GoFunction) int {
	ci := l.ci
	if l.hook.mask&MaskCall != 0 {
		f := &l.frames[ci]
		l.transferHook("call", 1, f.top-f.base)
		l.top = l.frames[ci].top
	}
	f := &l.frames[ci]
	args := l.stack[f.base:f.top:f.top]
	rets, err := gf.Fn(l, args)
	if err != nil {
		return l.goCallError(err)
	}
	return l.goReturnHooked(rets)
}

// goReturnHooked completes the return of the current Go frame with rets
// when the thread has hooks (the return hook may have been set by the
// function itself, as debug.sethook).
//
//go:noinline
func (l *Thread) goReturnHooked(rets []value.Value) int {
	n := len(rets)
	if l.hook.mask&MaskRet != 0 && !l.hook.inHook && n > 0 {
		first := l.stackIndex(rets)
		if first < 0 {
			// the results move to the stack: the hook may reuse the scratch buffer
			f := &l.frames[l.ci]
			first = l.top
			if first < f.top {
				first = f.top
			}
			l.ensure(first, n)
			copy(l.stack[first:first+n], rets)
		}
		if l.top < first+n {
			l.top = first + n
		}
		l.retHook(first, n)
		rets = l.stack[first : first+n]
	} else {
		l.retHook(l.top, 0)
	}
	f := &l.frames[l.ci]
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
		copy(s[dst:dst+want], rets[:want])
	} else {
		copy(s[dst:dst+n], rets)
		for j := dst + n; j < dst+want; j++ {
			s[j] = value.Nil
		}
	}
	l.top = dst + want
	return callDone
}

// stackIndex returns the stack index where vs starts when vs is a window
// on the thread's stack (a Go function returning some of its arguments),
// else -1.
func (l *Thread) stackIndex(vs []value.Value) int {
	if len(vs) == 0 || len(l.stack) == 0 {
		return -1
	}
	p := uintptr(unsafe.Pointer(&vs[0]))
	s := uintptr(unsafe.Pointer(&l.stack[0]))
	size := unsafe.Sizeof(vs[0])
	if p < s || p >= s+uintptr(len(l.stack))*size {
		return -1
	}
	i := int((p - s) / size)
	if i+len(vs) > len(l.stack) {
		return -1
	}
	return i
}

// callFinalizer calls the finalizer tm of v from the current frame, which
// is flagged meanwhile so that debug.getinfo names the finalizer
// "__gc" (CIST_FIN).
func (l *Thread) callFinalizer(tm, v value.Value) error {
	ci := l.ci
	old := l.frames[ci].flags & fFin
	l.frames[ci].flags |= fFin
	_, err := l.callNoYield(tm, []value.Value{v}, 0)
	if ci < len(l.frames) {
		l.frames[ci].flags = l.frames[ci].flags&^fFin | old
	}
	return err
}
