package vm

import (
	"math"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// run is the dispatch loop. It executes Lua frames until the frame at index
// entry returns (or the coroutine yields). Only the instruction, code, pc
// and register window are loop-carried in the hot paths; everything slow
// lives in helpers (see VM-NOTES.md).
func (l *Thread) run(entry int) {
	var (
		ci   *frame
		cl   *Closure
		code []bc.Instruction
		k    []value.Value
		regs *[256]value.Value
		base int
		pc   int
	)
newframe:
	if l.hook.mask != 0 {
		l.hookFrame() // call hook; trapped code in l.hook.code (hook.go)
	}
	ci = &l.frames[l.ci]
	cl = ci.cl
	code = cl.Proto.Code
	if l.hook.mask != 0 {
		code = l.hook.code
	}
	k = cl.Proto.Constants
	base = ci.base
	regs = (*[256]value.Value)(l.stack[base : base+256])
	pc = ci.pc
	for {
		i := code[pc]
		pc++
		switch i.Op() {
		case bc.OpMove:
			regs[i.A()] = regs[i.B()]
		case bc.OpLoadI:
			regs[i.A()] = value.Int(int64(i.SBx()))
		case bc.OpLoadF:
			regs[i.A()] = value.Float(float64(i.SBx()))
		case bc.OpLoadK:
			regs[i.A()] = k[i.Bx()]
		case bc.OpLoadKX:
			regs[i.A()] = k[code[pc].Ax()]
			pc++
		case bc.OpLoadFalse:
			regs[i.A()] = value.False
		case bc.OpLFalseSkip:
			regs[i.A()] = value.False
			pc++
		case bc.OpLoadTrue:
			regs[i.A()] = value.True
		case bc.OpLoadNil:
			a := i.A()
			for j := a; j <= a+i.B(); j++ {
				regs[j] = value.Nil
			}
		case bc.OpGetUpval:
			regs[i.A()] = *cl.Upvals[i.B()].v
		case bc.OpSetUpval:
			*cl.Upvals[i.B()].v = regs[i.A()]
		case bc.OpGetTabUp:
			t := *cl.Upvals[i.B()].v
			key := k[i.C()]
			if tt := t.ToTable(); tt != nil {
				v := tt.GetStrH(key.AsString(), cl.Proto.KeyHashes[i.C()])
				if !v.IsNil() || tt.Meta == nil {
					regs[i.A()] = v
					continue
				}
			}
			ci.pc = pc
			l.slowGet(t, key, -1, i.B())
			goto newframe
		case bc.OpGetTable:
			t := regs[i.B()]
			key := regs[i.C()]
			if tt := t.ToTable(); tt != nil {
				var v value.Value
				if key.IsInt() {
					v = tt.GetInt(key.AsInt())
				} else {
					v = tt.Get(key)
				}
				if !v.IsNil() || tt.Meta == nil {
					regs[i.A()] = v
					continue
				}
			}
			ci.pc = pc
			l.slowGet(t, key, i.B(), -1)
			goto newframe
		case bc.OpGetI:
			t := regs[i.B()]
			if tt := t.ToTable(); tt != nil {
				v := tt.GetInt(int64(i.C()))
				if !v.IsNil() || tt.Meta == nil {
					regs[i.A()] = v
					continue
				}
			}
			ci.pc = pc
			l.slowGet(t, value.Int(int64(i.C())), i.B(), -1)
			goto newframe
		case bc.OpGetField:
			t := regs[i.B()]
			key := k[i.C()]
			if tt := t.ToTable(); tt != nil {
				h := cl.Proto.KeyHashes[i.C()]
				v := tt.GetStrH(key.AsString(), h)
				if !v.IsNil() || tt.Meta == nil {
					regs[i.A()] = v
					continue
				}
				if v, ok := indexStrViaMetaTable(tt, key.AsString(), h); ok {
					regs[i.A()] = v
					continue
				}
			}
			ci.pc = pc
			l.slowGet(t, key, i.B(), -1)
			goto newframe
		case bc.OpSetTabUp:
			t := *cl.Upvals[i.A()].v
			key := k[i.B()]
			var v value.Value
			if i.K() {
				v = k[i.C()]
			} else {
				v = regs[i.C()]
			}
			if tt := t.ToTable(); tt != nil && tt.Meta == nil {
				tt.SetStr(key.AsString(), v)
				continue
			}
			ci.pc = pc
			l.slowSet(t, key, v, -1, i.A())
			goto newframe
		case bc.OpSetTable:
			t := regs[i.A()]
			key := regs[i.B()]
			var v value.Value
			if i.K() {
				v = k[i.C()]
			} else {
				v = regs[i.C()]
			}
			if tt := t.ToTable(); tt != nil && tt.Meta == nil && key.IsInt() {
				tt.SetInt(key.AsInt(), v)
				continue
			}
			ci.pc = pc
			l.slowSet(t, key, v, i.A(), -1)
			goto newframe
		case bc.OpSetI:
			t := regs[i.A()]
			var v value.Value
			if i.K() {
				v = k[i.C()]
			} else {
				v = regs[i.C()]
			}
			if tt := t.ToTable(); tt != nil && tt.Meta == nil {
				tt.SetInt(int64(i.B()), v)
				continue
			}
			ci.pc = pc
			l.slowSet(t, value.Int(int64(i.B())), v, i.A(), -1)
			goto newframe
		case bc.OpSetField:
			t := regs[i.A()]
			key := k[i.B()]
			var v value.Value
			if i.K() {
				v = k[i.C()]
			} else {
				v = regs[i.C()]
			}
			if tt := t.ToTable(); tt != nil {
				h := cl.Proto.KeyHashes[i.B()]
				if tt.Meta == nil || !tt.GetStrH(key.AsString(), h).IsNil() {
					tt.SetStrH(key.AsString(), h, v)
					continue
				}
			}
			ci.pc = pc
			l.slowSet(t, key, v, i.A(), -1)
			goto newframe
		case bc.OpNewTable:
			pc++
			ci.pc = pc
			regs[i.A()] = l.newTable(i, code[pc-1])
		case bc.OpSelf:
			a := i.A()
			t := regs[i.B()]
			var key value.Value
			if i.K() {
				key = k[i.C()]
			} else {
				key = regs[i.C()]
			}
			regs[a+1] = t
			if tt := t.ToTable(); tt != nil {
				if i.K() { // a constant method name, with its hash at hand
					h := cl.Proto.KeyHashes[i.C()]
					v := tt.GetStrH(key.AsString(), h)
					if !v.IsNil() || tt.Meta == nil {
						regs[a] = v
						continue
					}
					// common OOP case: __index is a plain table holding the method
					if v, ok := indexStrViaMetaTable(tt, key.AsString(), h); ok {
						regs[a] = v
						continue
					}
				} else {
					v := tt.Get(key)
					if !v.IsNil() || tt.Meta == nil {
						regs[a] = v
						continue
					}
					if v, ok := indexViaMetaTable(tt, key); ok {
						regs[a] = v
						continue
					}
				}
			}
			ci.pc = pc
			l.slowGet(t, key, i.B(), -1)
			goto newframe

		// Arithmetic: on success skip the following MMBIN* instruction.
		case bc.OpAddI:
			v := regs[i.B()]
			if v.IsInt() {
				regs[i.A()] = value.Int(v.AsInt() + int64(i.SC()))
				pc++
			} else if v.IsFloat() {
				regs[i.A()] = value.Float(v.AsFloat() + float64(i.SC()))
				pc++
			}
		case bc.OpAddK:
			b, c := regs[i.B()], k[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() + c.AsInt())
				pc++
			} else if b.IsFloat() && c.IsFloat() {
				regs[i.A()] = value.Float(b.AsFloat() + c.AsFloat())
				pc++
			} else if r, ok := arithFast(bc.OpAdd, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpSubK:
			b, c := regs[i.B()], k[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() - c.AsInt())
				pc++
			} else if b.IsFloat() && c.IsFloat() {
				regs[i.A()] = value.Float(b.AsFloat() - c.AsFloat())
				pc++
			} else if r, ok := arithFast(bc.OpSub, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpMulK:
			b, c := regs[i.B()], k[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() * c.AsInt())
				pc++
			} else if b.IsFloat() && c.IsFloat() {
				regs[i.A()] = value.Float(b.AsFloat() * c.AsFloat())
				pc++
			} else if r, ok := arithFast(bc.OpMul, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpModK:
			b, c := regs[i.B()], k[i.C()]
			if b.IsInt() && c.IsInt() && c.AsInt() != 0 {
				regs[i.A()] = value.Int(value.IntMod(b.AsInt(), c.AsInt()))
				pc++
			} else if r, ok := arithFast(bc.OpMod, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpPowK, bc.OpDivK, bc.OpIDivK:
			if r, ok := arithFast(i.Op()-bc.OpAddK+bc.OpAdd, regs[i.B()], k[i.C()]); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpBAndK:
			b, c := regs[i.B()], k[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() & c.AsInt())
				pc++
			} else if r, ok := bitFast(bc.OpBAnd, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpBOrK, bc.OpBXorK:
			if r, ok := bitFast(i.Op()-bc.OpBAndK+bc.OpBAnd, regs[i.B()], k[i.C()]); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpShrI:
			if x, ok := toIntFast(regs[i.B()]); ok {
				regs[i.A()] = value.Int(value.ShiftRight(x, int64(i.SC())))
				pc++
			}
		case bc.OpShlI:
			if x, ok := toIntFast(regs[i.B()]); ok {
				regs[i.A()] = value.Int(value.ShiftLeft(int64(i.SC()), x))
				pc++
			}
		case bc.OpAdd:
			b, c := regs[i.B()], regs[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() + c.AsInt())
				pc++
			} else if b.IsFloat() && c.IsFloat() {
				regs[i.A()] = value.Float(b.AsFloat() + c.AsFloat())
				pc++
			} else if r, ok := arithFast(bc.OpAdd, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpSub:
			b, c := regs[i.B()], regs[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() - c.AsInt())
				pc++
			} else if b.IsFloat() && c.IsFloat() {
				regs[i.A()] = value.Float(b.AsFloat() - c.AsFloat())
				pc++
			} else if r, ok := arithFast(bc.OpSub, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpMul:
			b, c := regs[i.B()], regs[i.C()]
			if b.IsInt() && c.IsInt() {
				regs[i.A()] = value.Int(b.AsInt() * c.AsInt())
				pc++
			} else if b.IsFloat() && c.IsFloat() {
				regs[i.A()] = value.Float(b.AsFloat() * c.AsFloat())
				pc++
			} else if r, ok := arithFast(bc.OpMul, b, c); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpMod, bc.OpPow, bc.OpDiv, bc.OpIDiv:
			if r, ok := arithFast(i.Op(), regs[i.B()], regs[i.C()]); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpBAnd, bc.OpBOr, bc.OpBXor, bc.OpShl, bc.OpShr:
			if r, ok := bitFast(i.Op(), regs[i.B()], regs[i.C()]); ok {
				regs[i.A()] = r
				pc++
			}
		case bc.OpMMBin:
			ci.pc = pc
			l.slowArith(i.C(), regs[i.A()], regs[i.B()], i.A(), i.B())
			goto newframe
		case bc.OpMMBinI:
			ci.pc = pc
			imm := value.Int(int64(i.SB()))
			if i.K() {
				l.slowArith(i.C(), imm, regs[i.A()], -1, i.A())
			} else {
				l.slowArith(i.C(), regs[i.A()], imm, i.A(), -1)
			}
			goto newframe
		case bc.OpMMBinK:
			ci.pc = pc
			kv := k[i.B()]
			if i.K() {
				l.slowArith(i.C(), kv, regs[i.A()], -1, i.A())
			} else {
				l.slowArith(i.C(), regs[i.A()], kv, i.A(), -1)
			}
			goto newframe
		case bc.OpUnm:
			v := regs[i.B()]
			if v.IsInt() {
				regs[i.A()] = value.Int(-v.AsInt())
				continue
			} else if v.IsFloat() {
				regs[i.A()] = value.Float(-v.AsFloat())
				continue
			}
			ci.pc = pc
			l.slowArith(bc.TMUnm, v, v, i.B(), i.B())
			goto newframe
		case bc.OpBNot:
			v := regs[i.B()]
			if x, ok := toIntFast(v); ok {
				regs[i.A()] = value.Int(^x)
				continue
			}
			ci.pc = pc
			l.slowArith(bc.TMBNot, v, v, i.B(), i.B())
			goto newframe
		case bc.OpNot:
			regs[i.A()] = value.Bool(regs[i.B()].IsFalsy())
		case bc.OpLen:
			v := regs[i.B()]
			if v.IsString() {
				regs[i.A()] = value.Int(int64(v.StrLen()))
				continue
			}
			ci.pc = pc
			l.slowLen(v, i.B())
			goto newframe
		case bc.OpConcat:
			ci.pc = pc
			l.slowConcat(base+i.A(), i.B())
			goto newframe
		case bc.OpClose:
			ci.pc = pc
			l.closeUpvals(base + i.A())
			if len(l.tbc) > 0 && l.tbc[len(l.tbc)-1] >= base+i.A() {
				if l.closePending(base+i.A(), 0) && l.yielded {
					return
				}
				goto newframe // a __close frame, or handlers may have moved the stacks
			}
		case bc.OpTBC:
			ci.pc = pc
			l.newTBC(base + i.A())
		case bc.OpJmp:
			sj := i.SJ()
			pc += sj
			if sj < 0 {
				if l.st.budget--; l.st.budget < 0 {
					ci.pc = pc
					l.outOfBudget()
					goto newframe // finalizers may have moved the stacks
				}
			}
		case bc.OpEq:
			b, c := regs[i.A()], regs[i.B()]
			var cond bool
			if value.RawEqual(b, c) {
				cond = true
			} else if t := b.Type(); (t == value.TypeTable || t == value.TypeUserdata) && c.Type() == t {
				ci.pc = pc
				l.slowEq(b, c)
				goto newframe
			}
			if cond != i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpLt:
			b, c := regs[i.A()], regs[i.B()]
			var cond bool
			if b.IsInt() && c.IsInt() {
				cond = b.AsInt() < c.AsInt()
			} else if b.IsNumber() && c.IsNumber() {
				cond = numLess(b, c)
			} else {
				ci.pc = pc
				l.slowLess(b, c, false)
				goto newframe
			}
			if cond != i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpLe:
			b, c := regs[i.A()], regs[i.B()]
			var cond bool
			if b.IsInt() && c.IsInt() {
				cond = b.AsInt() <= c.AsInt()
			} else if b.IsNumber() && c.IsNumber() {
				cond = numLessEq(b, c)
			} else {
				ci.pc = pc
				l.slowLess(b, c, true)
				goto newframe
			}
			if cond != i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpEqK:
			cond := value.RawEqual(regs[i.A()], k[i.B()])
			if cond != i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpEqI:
			v := regs[i.A()]
			var cond bool
			if v.IsInt() {
				cond = v.AsInt() == int64(i.SB())
			} else if v.IsFloat() {
				cond = v.AsFloat() == float64(i.SB())
			}
			if cond != i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpLtI, bc.OpLeI, bc.OpGtI, bc.OpGeI:
			v := regs[i.A()]
			var cond bool
			if v.IsInt() {
				x, y := v.AsInt(), int64(i.SB())
				switch i.Op() {
				case bc.OpLtI:
					cond = x < y
				case bc.OpLeI:
					cond = x <= y
				case bc.OpGtI:
					cond = x > y
				default:
					cond = x >= y
				}
			} else {
				ci.pc = pc
				l.compareImm(i, v)
				goto newframe
			}
			if cond != i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpTest:
			if regs[i.A()].IsFalsy() == i.K() {
				pc++
			} else {
				goto condJump
			}
		case bc.OpTestSet:
			v := regs[i.B()]
			if v.IsFalsy() == i.K() {
				pc++
			} else {
				regs[i.A()] = v
				goto condJump
			}
		case bc.OpCall:
			a := i.A()
			fi := base + a
			nargs := i.B() - 1
			if nargs < 0 {
				nargs = l.top - fi - 1
			}
			ci.pc = pc
			if l.st.budget--; l.st.budget < 0 {
				l.outOfBudgetRetry()
				ci.pc = pc - 1 // run the call again: finalizers may have moved the stacks
				goto newframe
			}
			fv := regs[a]
			if fv.Type() == value.TypeFunction {
				ncl := (*Closure)(fv.Object())
				p := ncl.Proto
				if !p.IsVararg && fi+1+p.MaxStackSize+stackHeadroom <= len(l.stack) &&
					fi+1+p.MaxStackSize <= maxStack && l.ci+1 < len(l.frames) && l.ci < l.st.maxDepth {
					// inline fast path: fixed-parameter Lua function, room available
					l.ci++
					nf := &l.frames[l.ci]
					nf.cl = ncl
					nf.gofn = nil
					nf.fn = fi
					nf.base = fi + 1
					nf.top = fi + 1 + p.MaxStackSize
					nf.pc = 0
					nf.nres = i.C() - 1
					nf.nextra = 0
					nf.flags = 0
					for j := nargs; j < p.NumParams; j++ {
						l.stack[fi+1+j] = value.Nil
					}
					goto newframe
				}
			}
			switch l.precall(fi, nargs, i.C()-1) {
			case callLua:
				goto newframe
			case callYielded:
				return
			}
			if l.hook.mask != 0 {
				goto newframe // the function may have set hooks (debug.sethook)
			}
			ci = &l.frames[l.ci]
			regs = l.regsAt(base)
		case bc.OpTailCall:
			ci.pc = pc
			if !l.tailCall(i, base, entry) {
				return
			}
			goto newframe
		case bc.OpReturn:
			a := i.A()
			n := i.B() - 1
			if n < 0 {
				n = l.top - base - a
			}
			if i.K() {
				ci.pc = pc
				if base+a+n > ci.top {
					ci.top = base + a + n
				}
				l.top = ci.top
				l.closeUpvals(base)
				if len(l.tbc) > 0 && l.closePending(base, n) {
					if l.yielded {
						return
					}
					goto newframe // the return runs again when the __close frame returns
				}
				ci = &l.frames[l.ci]
			}
			mm := ci.flags
			fn := ci.fn
			l.retFrom(base+a, n)
			if mm&fFinishMM != 0 {
				l.finishMM(fn, mm)
				if !l.finishMarkers(entry) {
					return // a recovery ended the pcall (closeErrorFrame)
				}
				goto newframe
			}
			if !l.finishMarkers(entry) {
				return
			}
			goto newframe
		case bc.OpReturn0:
			want := ci.nres
			fn := ci.fn
			l.ci--
			if want > 0 {
				s := l.stack[fn : fn+want]
				for j := range s {
					s[j] = value.Nil
				}
			} else if want < 0 {
				want = 0
			}
			l.top = fn + want
			if ci.flags&fFinishMM != 0 {
				l.finishMM(fn, ci.flags)
				if !l.finishMarkers(entry) {
					return // a recovery ended the pcall (closeErrorFrame)
				}
				goto newframe
			}
			if l.ci < entry || l.frames[l.ci].cl == nil {
				if !l.finishMarkers(entry) {
					return
				}
			}
			goto newframe
		case bc.OpReturn1:
			want := ci.nres
			fn := ci.fn
			l.stack[fn] = regs[i.A()]
			l.ci--
			if want < 0 {
				want = 1
			} else if want > 1 {
				s := l.stack[fn+1 : fn+want]
				for j := range s {
					s[j] = value.Nil
				}
			}
			l.top = fn + want
			if ci.flags&fFinishMM != 0 {
				l.finishMM(fn, ci.flags)
				if !l.finishMarkers(entry) {
					return // a recovery ended the pcall (closeErrorFrame)
				}
				goto newframe
			}
			if l.ci < entry || l.frames[l.ci].cl == nil {
				if !l.finishMarkers(entry) {
					return
				}
			}
			goto newframe
		case bc.OpForLoop:
			a := i.A()
			if regs[a+2].IsInt() {
				count := uint64(regs[a+1].AsInt())
				if count > 0 {
					step := regs[a+2].AsInt()
					idx := regs[a].AsInt() + step
					regs[a+1] = value.Int(int64(count - 1))
					regs[a] = value.Int(idx)
					regs[a+3] = value.Int(idx)
					pc -= i.Bx()
					if l.st.budget--; l.st.budget < 0 {
						ci.pc = pc
						l.outOfBudget()
						goto newframe
					}
				}
			} else if floatForLoop(regs, a) {
				pc -= i.Bx()
				if l.st.budget--; l.st.budget < 0 {
					ci.pc = pc
					l.outOfBudget()
					goto newframe
				}
			}
		case bc.OpForPrep:
			ci.pc = pc
			if l.forPrep(base + i.A()) {
				pc += i.Bx() + 1
			}
		case bc.OpTForPrep:
			ci.pc = pc
			l.newTBC(base + i.A() + 3)
			pc += i.Bx()
		case bc.OpTForCall:
			a := i.A()
			regs[a+4] = regs[a]
			regs[a+5] = regs[a+1]
			regs[a+6] = regs[a+2]
			fi := base + a + 4
			l.top = fi + 3
			ci.pc = pc
			switch l.precall(fi, 2, i.C()) {
			case callLua:
				goto newframe
			case callYielded:
				return
			}
			ci = &l.frames[l.ci]
			regs = l.regsAt(base)
		case bc.OpTForLoop:
			a := i.A()
			if v := regs[a+4]; !v.IsNil() {
				regs[a+2] = v
				pc -= i.Bx()
				if l.st.budget--; l.st.budget < 0 {
					ci.pc = pc
					l.outOfBudget()
					goto newframe
				}
			}
		case bc.OpSetList:
			if i.K() {
				l.setList(base, i, code[pc].Ax())
				pc++
			} else {
				l.setList(base, i, 0)
			}
		case bc.OpClosure:
			regs[i.A()] = l.newClosure(cl, base, i.Bx())
		case bc.OpVararg:
			ci.pc = pc
			l.vararg(ci, base+i.A(), i.C()-1)
			regs = l.regsAt(base)
		case bc.OpVarargPrep:
			// done by pushLua
		case opHook:
			// trapped code (hook.go): run the hooks, then the instruction
			ci.pc = pc
			l.hookStep(pc - 1)
			goto newframe
		case bc.OpExtraArg:
			ci.pc = pc
			l.rtError("invalid instruction EXTRAARG")
		default:
			ci.pc = pc
			l.rtError("invalid opcode %d", int(i.Op()))
		}
		continue
	condJump:
		// A test or comparison whose condition holds takes the jump that
		// follows it; a backward one is a loop and counts against the
		// budget, as OpJmp does.
		sj := code[pc].SJ()
		pc += sj + 1
		if sj < 0 {
			if l.st.budget--; l.st.budget < 0 {
				ci.pc = pc
				l.outOfBudget()
				goto newframe
			}
		}
	}
}

// tailCall performs OP_TAILCALL i of the current frame (whose registers
// start at base): a Lua callee reuses the frame; a Go one is called and
// its results are returned. It reports whether the loop goes on (at
// newframe) rather than returning (a yield, or the frame at entry done).
func (l *Thread) tailCall(i bc.Instruction, base, entry int) bool {
	fi := base + i.A()
	nargs := i.B() - 1
	if nargs < 0 {
		nargs = l.top - fi - 1
	}
	if l.st.budget--; l.st.budget < 0 {
		l.outOfBudgetRetry()
		l.frames[l.ci].pc-- // run the call again: finalizers may have moved the stacks
		return true
	}
	for !l.stack[fi].IsFunction() {
		fi, nargs = l.tryCallMeta(fi, nargs)
	}
	if i.K() {
		l.closeUpvals(base)
	}
	if ncl := AsClosure(l.stack[fi]); ncl != nil {
		// reuse this frame: move function and arguments down
		ci := &l.frames[l.ci]
		dst := ci.fn
		copy(l.stack[dst:dst+nargs+1], l.stack[fi:fi+nargs+1])
		nres := ci.nres
		keep := ci.flags & (fFinishMM | fNegate)
		l.ci--
		l.pushLua(ncl, dst, nargs, nres)
		l.frames[l.ci].flags |= fTail | keep
		return true
	}
	// a Go function: call it; the RETURN that follows returns its results
	switch l.precall(fi, nargs, -1) {
	case callLua:
		return true
	case callYielded:
		return false
	}
	return l.finishMarkers(entry)
}

// newTable creates the table of OP_NEWTABLE i, whose EXTRAARG word is
// extra.
func (l *Thread) newTable(i, extra bc.Instruction) value.Value {
	b := i.B()
	c := i.C()
	if b > 0 {
		b = 1 << (b - 1)
	}
	if i.K() {
		c += extra.Ax() * (bc.MaxC + 1)
	}
	if c > 1<<16 || b > 1<<16 {
		l.checkTableSize(c, b)
	}
	t := value.NewTable(c, b)
	if l.st.opts.TrackSites {
		l.recordTableSite(t) // sites.go
	}
	return value.TableValue(t)
}

// newClosure creates a closure of prototype n of cl's, capturing upvalues
// of the frame at base (OP_CLOSURE).
func (l *Thread) newClosure(cl *Closure, base, n int) value.Value {
	p := cl.Proto.Protos[n]
	ncl := &Closure{Proto: p, Upvals: make([]*Upvalue, len(p.Upvalues))}
	for j, d := range p.Upvalues {
		if d.InStack {
			ncl.Upvals[j] = l.findUpval(base + d.Index)
		} else {
			ncl.Upvals[j] = cl.Upvals[d.Index]
		}
	}
	return ClosureValue(ncl)
}

// setList stores a table constructor's list items (OP_SETLIST); extra is
// the EXTRAARG operand when k is set.
func (l *Thread) setList(base int, i bc.Instruction, extra int) {
	a := i.A()
	n := i.B()
	last := i.C() + extra*(bc.MaxC+1)
	if n == 0 {
		n = l.top - base - a - 1
	}
	t := l.stack[base+a].AsTable()
	src := l.stack[base+a+1 : base+a+1+n]
	for j, v := range src {
		t.SetInt(int64(last+j+1), v)
	}
}

// regsAt returns the register window at base (after the stack may have moved).
func (l *Thread) regsAt(base int) *[256]value.Value {
	return (*[256]value.Value)(l.stack[base : base+256])
}

// vararg copies the frame's extra arguments to stack[ra:] (OP_VARARG);
// wanted < 0 copies all and sets top.
func (l *Thread) vararg(ci *frame, ra, wanted int) {
	n := ci.nextra
	src := ci.base - n
	if wanted < 0 {
		wanted = n
		l.ensure(ra, n)
		l.top = ra + n
	}
	s := l.stack
	for j := 0; j < wanted; j++ {
		if j < n {
			s[ra+j] = s[src+j]
		} else {
			s[ra+j] = value.Nil
		}
	}
}

// compareImm handles LTI/LEI/GTI/GEI when R[A] is not an integer.
func (l *Thread) compareImm(i bc.Instruction, v value.Value) {
	var imm value.Value
	if i.C() != 0 {
		imm = value.Float(float64(i.SB()))
	} else {
		imm = value.Int(int64(i.SB()))
	}
	switch i.Op() {
	case bc.OpLtI:
		l.slowLess(v, imm, false)
	case bc.OpLeI:
		l.slowLess(v, imm, true)
	case bc.OpGtI:
		l.slowLess(imm, v, false)
	default:
		l.slowLess(imm, v, true)
	}
}

func toIntFast(v value.Value) (int64, bool) {
	if v.IsInt() {
		return v.AsInt(), true
	}
	if v.IsFloat() {
		return value.FloatToInt(v.AsFloat())
	}
	return 0, false
}

// arithFast computes a register arithmetic op (OpAdd..OpIDiv numbering)
// on two numbers; ok is false when the MMBIN fallback must run (including
// integer division by zero, which it reports).
func arithFast(op bc.Opcode, a, b value.Value) (value.Value, bool) {
	if a.IsInt() && b.IsInt() {
		x, y := a.AsInt(), b.AsInt()
		switch op {
		case bc.OpAdd:
			return value.Int(x + y), true
		case bc.OpSub:
			return value.Int(x - y), true
		case bc.OpMul:
			return value.Int(x * y), true
		case bc.OpMod:
			if y == 0 {
				return value.Nil, false
			}
			return value.Int(value.IntMod(x, y)), true
		case bc.OpIDiv:
			if y == 0 {
				return value.Nil, false
			}
			return value.Int(value.IntFloorDiv(x, y)), true
		case bc.OpDiv:
			return value.Float(float64(x) / float64(y)), true
		case bc.OpPow:
			return value.Float(value.Pow(float64(x), float64(y))), true
		}
		return value.Nil, false
	}
	var f, g float64
	if a.IsFloat() {
		f = a.AsFloat()
	} else if a.IsInt() {
		f = float64(a.AsInt())
	} else {
		return value.Nil, false
	}
	if b.IsFloat() {
		g = b.AsFloat()
	} else if b.IsInt() {
		g = float64(b.AsInt())
	} else {
		return value.Nil, false
	}
	switch op {
	case bc.OpAdd:
		return value.Float(f + g), true
	case bc.OpSub:
		return value.Float(f - g), true
	case bc.OpMul:
		return value.Float(f * g), true
	case bc.OpDiv:
		return value.Float(f / g), true
	case bc.OpMod:
		return value.Float(value.FloatMod(f, g)), true
	case bc.OpIDiv:
		return value.Float(value.FloatFloorDiv(f, g)), true
	case bc.OpPow:
		return value.Float(value.Pow(f, g)), true
	}
	return value.Nil, false
}

// bitFast computes a bitwise op (OpBAnd..OpShr numbering) on numbers with
// exact integer values.
func bitFast(op bc.Opcode, a, b value.Value) (value.Value, bool) {
	x, ok1 := toIntFast(a)
	y, ok2 := toIntFast(b)
	if !ok1 || !ok2 {
		return value.Nil, false
	}
	switch op {
	case bc.OpBAnd:
		return value.Int(x & y), true
	case bc.OpBOr:
		return value.Int(x | y), true
	case bc.OpBXor:
		return value.Int(x ^ y), true
	case bc.OpShl:
		return value.Int(value.ShiftLeft(x, y)), true
	case bc.OpShr:
		return value.Int(value.ShiftRight(x, y)), true
	}
	return value.Nil, false
}

// floatForLoop advances a float for loop; it reports whether to loop again.
func floatForLoop(regs *[256]value.Value, a int) bool {
	step := regs[a+2].AsFloat()
	limit := regs[a+1].AsFloat()
	idx := regs[a].AsFloat() + step
	if step > 0 && idx <= limit || step <= 0 && limit <= idx {
		regs[a] = value.Float(idx)
		regs[a+3] = value.Float(idx)
		return true
	}
	return false
}

// forPrep prepares a numeric for loop at stack index ra; it reports
// whether the loop must be skipped (lvm.c forprep).
func (l *Thread) forPrep(ra int) bool {
	s := l.stack
	init, plimit, pstep := s[ra], s[ra+1], s[ra+2]
	if init.IsInt() && pstep.IsInt() {
		i0 := init.AsInt()
		step := pstep.AsInt()
		if step == 0 {
			l.rtError("'for' step is zero")
		}
		s[ra+3] = value.Int(i0)
		limit, skip := l.forLimit(i0, plimit, step)
		if skip {
			return true
		}
		var count uint64
		if step > 0 {
			count = uint64(limit) - uint64(i0)
			if step != 1 {
				count /= uint64(step)
			}
		} else {
			count = uint64(i0) - uint64(limit)
			count /= uint64(-(step + 1)) + 1
		}
		s[ra+1] = value.Int(int64(count))
		return false
	}
	flimit, ok := value.ToFloat(plimit)
	if !ok {
		l.forError(plimit, "limit")
	}
	step, ok := value.ToFloat(pstep)
	if !ok {
		l.forError(pstep, "step")
	}
	f0, ok := value.ToFloat(init)
	if !ok {
		l.forError(init, "initial value")
	}
	if step == 0 {
		l.rtError("'for' step is zero")
	}
	if (0 < step && flimit < f0) || (step <= 0 && f0 < flimit) {
		return true
	}
	s[ra] = value.Float(f0)
	s[ra+1] = value.Float(flimit)
	s[ra+2] = value.Float(step)
	s[ra+3] = value.Float(f0)
	return false
}

func (l *Thread) forError(v value.Value, what string) {
	l.rtError("bad 'for' %s (number expected, got %s)", what, l.objTypeName(v))
}

// forLimit converts the limit of an integer loop (lvm.c forlimit).
func (l *Thread) forLimit(init int64, lim value.Value, step int64) (int64, bool) {
	var p int64
	if lim.IsInt() {
		p = lim.AsInt()
	} else {
		f, ok := value.ToFloat(lim)
		if !ok {
			l.forError(lim, "limit")
		}
		var fl float64
		if step < 0 {
			fl = math.Ceil(f)
		} else {
			fl = math.Floor(f)
		}
		if i, ok := value.FloatToInt(fl); ok {
			p = i
		} else if f > 0 {
			if step < 0 {
				return 0, true
			}
			p = math.MaxInt64
		} else {
			if step > 0 {
				return 0, true
			}
			p = math.MinInt64
		}
	}
	if step > 0 {
		return p, init > p
	}
	return p, init < p
}

// indexViaMetaTable looks key up in tt's __index when that is a table
// without a metatable of its own (one level of class-style inheritance);
// ok is false when the general path is needed.
// indexHash is the hash of "__index", computed once.
var indexHash = value.StringHash("__index")

// indexStrViaMetaTable is indexViaMetaTable for a string key with a known
// hash.
func indexStrViaMetaTable(tt *value.Table, key string, h uint64) (value.Value, bool) {
	idx := tt.Meta.GetStrH("__index", indexHash)
	if it := idx.ToTable(); it != nil {
		v := it.GetStrH(key, h)
		if !v.IsNil() || it.Meta == nil {
			return v, true
		}
	}
	return value.Nil, false
}

func indexViaMetaTable(tt *value.Table, key value.Value) (value.Value, bool) {
	idx := tt.Meta.GetStrH("__index", indexHash)
	if it := idx.ToTable(); it != nil {
		v := it.Get(key)
		if !v.IsNil() || it.Meta == nil {
			return v, true
		}
	}
	return value.Nil, false
}

// checkTableSize raises "not enough memory" for a table constructor whose
// size hints exceed the memory limit.
//
//go:noinline
func (l *Thread) checkTableSize(narr, nhash int) {
	if err := l.st.CheckAlloc(int64(narr)*16 + int64(nhash)*40); err != nil {
		l.goError(err)
	}
}
