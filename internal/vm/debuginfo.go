package vm

import (
	"fmt"
	"strconv"
	"strings"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// This file recovers names for messages by inspecting bytecode, like
// ldebug.c's getobjname and funcnamefromcode.

// setsA reports whether op writes register A (lopcodes.c testAMode).
func setsA(op bc.Opcode) bool {
	switch op {
	case bc.OpSetUpval, bc.OpSetTabUp, bc.OpSetTable, bc.OpSetI, bc.OpSetField,
		bc.OpMMBin, bc.OpMMBinI, bc.OpMMBinK, bc.OpClose, bc.OpTBC, bc.OpJmp,
		bc.OpEq, bc.OpLt, bc.OpLe, bc.OpEqK, bc.OpEqI, bc.OpLtI, bc.OpLeI, bc.OpGtI, bc.OpGeI,
		bc.OpTest, bc.OpReturn, bc.OpReturn0, bc.OpReturn1, bc.OpTForPrep, bc.OpTForCall,
		bc.OpSetList, bc.OpExtraArg:
		return false
	}
	return true
}

func isMMOp(op bc.Opcode) bool {
	return op == bc.OpMMBin || op == bc.OpMMBinI || op == bc.OpMMBinK
}

// localName returns the name of the n-th (1-based) active local at pc.
func localName(p *bc.Proto, n, pc int) string {
	for _, lv := range p.LocVars {
		if lv.StartPC > pc {
			break
		}
		if pc < lv.EndPC {
			n--
			if n == 0 {
				return lv.Name
			}
		}
	}
	return ""
}

// findSetReg returns the pc of the last instruction before lastpc that
// unconditionally set reg, or -1.
func findSetReg(p *bc.Proto, lastpc, reg int) int {
	setreg, jmptarget := -1, 0
	if lastpc < len(p.Code) && isMMOp(p.Code[lastpc].Op()) {
		lastpc--
	}
	for pc := 0; pc < lastpc && pc < len(p.Code); pc++ {
		i := p.Code[pc]
		op := i.Op()
		a := i.A()
		change := false
		switch op {
		case bc.OpLoadNil:
			change = a <= reg && reg <= a+i.B()
		case bc.OpTForCall:
			change = reg >= a+2
		case bc.OpCall, bc.OpTailCall:
			change = reg >= a
		case bc.OpJmp:
			dest := pc + 1 + i.SJ()
			if dest <= lastpc && dest > jmptarget {
				jmptarget = dest
			}
		default:
			change = setsA(op) && reg == a
		}
		if change {
			if pc < jmptarget {
				setreg = -1
			} else {
				setreg = pc
			}
		}
	}
	return setreg
}

func upvalName(p *bc.Proto, i int) string {
	if i < len(p.Upvalues) && p.Upvalues[i].Name != "" {
		return p.Upvalues[i].Name
	}
	return "?"
}

func kString(p *bc.Proto, i int) (string, bool) {
	if i < len(p.Constants) && p.Constants[i].IsString() {
		return p.Constants[i].AsString(), true
	}
	return "", false
}

// objName describes register reg at pc: kind ("local", "global", "field",
// "upvalue", "constant", "method") and name; kind "" when unknown.
func objName(p *bc.Proto, lastpc, reg int) (kind, name string) {
	if n := localName(p, reg+1, lastpc); n != "" {
		return "local", n
	}
	pc := findSetReg(p, lastpc, reg)
	if pc < 0 {
		return "", ""
	}
	i := p.Code[pc]
	switch i.Op() {
	case bc.OpMove:
		if b := i.B(); b < i.A() {
			return objName(p, pc, b)
		}
	case bc.OpGetTabUp:
		k, _ := kString(p, i.C())
		if upvalName(p, i.B()) == "_ENV" {
			return "global", k
		}
		return "field", k
	case bc.OpGetTable:
		name := "?"
		if kk, n := objName(p, pc, i.C()); kk == "constant" {
			name = n
		}
		return envKind(p, pc, i.B(), false), name
	case bc.OpGetI:
		return "field", "integer index"
	case bc.OpGetField:
		k, _ := kString(p, i.C())
		return envKind(p, pc, i.B(), false), k
	case bc.OpGetUpval:
		return "upvalue", upvalName(p, i.B())
	case bc.OpLoadK, bc.OpLoadKX:
		b := i.Bx()
		if i.Op() == bc.OpLoadKX && pc+1 < len(p.Code) {
			b = p.Code[pc+1].Ax()
		}
		if s, ok := kString(p, b); ok {
			return "constant", s
		}
	case bc.OpSelf:
		name := "?"
		if i.K() {
			if s, ok := kString(p, i.C()); ok {
				name = s
			}
		} else if kk, n := objName(p, pc, i.C()); kk == "constant" {
			name = n
		}
		return "method", name
	}
	return "", ""
}

// envKind returns "global" when the table in register/upvalue t is _ENV.
func envKind(p *bc.Proto, pc, t int, isUp bool) string {
	var name string
	if isUp {
		name = upvalName(p, t)
	} else {
		_, name = objName(p, pc, t)
	}
	if name == "_ENV" {
		return "global"
	}
	return "field"
}

// funcName returns how the function of frame i was called (kind, name),
// like getfuncname; kind "" when unknown.
func (l *Thread) funcName(i int) (string, string) {
	if i <= 1 || i > l.ci {
		return "", ""
	}
	f := &l.frames[i]
	if f.flags&fTail != 0 {
		return "", ""
	}
	c := &l.frames[i-1]
	if c.flags&fHooked != 0 {
		return "hook", "?" // called by a debug hook (funcnamefromcall)
	}
	if c.flags&fFin != 0 {
		return "metamethod", "__gc" // called as a finalizer
	}
	if c.cl == nil {
		return "", ""
	}
	return funcNameFromCode(c.cl.Proto, c.pc-1)
}

func funcNameFromCode(p *bc.Proto, pc int) (string, string) {
	if pc < 0 || pc >= len(p.Code) {
		return "", ""
	}
	i := p.Code[pc]
	var tm int
	switch i.Op() {
	case bc.OpCall, bc.OpTailCall:
		return objName(p, pc, i.A())
	case bc.OpTForCall:
		return "for iterator", "for iterator"
	case bc.OpSelf, bc.OpGetTabUp, bc.OpGetTable, bc.OpGetI, bc.OpGetField:
		tm = bc.TMIndex
	case bc.OpSetTabUp, bc.OpSetTable, bc.OpSetI, bc.OpSetField:
		tm = bc.TMNewIndex
	case bc.OpMMBin, bc.OpMMBinI, bc.OpMMBinK:
		tm = i.C()
	case bc.OpUnm:
		tm = bc.TMUnm
	case bc.OpBNot:
		tm = bc.TMBNot
	case bc.OpLen:
		tm = bc.TMLen
	case bc.OpConcat:
		tm = bc.TMConcat
	case bc.OpEq:
		tm = bc.TMEq
	case bc.OpLt, bc.OpLtI, bc.OpGtI:
		tm = bc.TMLt
	case bc.OpLe, bc.OpLeI, bc.OpGeI:
		tm = bc.TMLe
	case bc.OpClose, bc.OpReturn:
		tm = bc.TMClose
	default:
		return "", ""
	}
	if tm < 0 || tm >= bc.NumTM {
		return "", ""
	}
	return "metamethod", bc.TMNames[tm][2:]
}

// varInfo returns " (kind 'name')" for register reg of the current Lua
// frame, or "" (ldebug.c varinfo).
func (l *Thread) varInfo(reg int) string {
	f := &l.frames[l.ci]
	if f.cl == nil || reg < 0 {
		return ""
	}
	kind, name := objName(f.cl.Proto, f.pc-1, reg)
	if kind == "" {
		return ""
	}
	return " (" + kind + " '" + name + "')"
}

// upvalInfo returns " (upvalue 'name')" for upvalue u of the current frame.
func (l *Thread) upvalInfo(u int) string {
	f := &l.frames[l.ci]
	if f.cl == nil {
		return ""
	}
	return " (upvalue '" + upvalName(f.cl.Proto, u) + "')"
}

// typeError raises "attempt to <op> a <type> value<info>".
func (l *Thread) typeError(v value.Value, op, info string) {
	l.rtError("attempt to %s a %s value%s", op, l.objTypeName(v), info)
}

// objTypeName is the type name used in messages, honouring __name.
func (l *Thread) objTypeName(v value.Value) string {
	if mt := l.Metatable(v); mt != nil {
		if n := mt.GetStr("__name"); n.IsString() {
			return n.AsString()
		}
	}
	return v.TypeName()
}

// globalFuncName looks fn up in the loaded modules (package.loaded, or
// the globals and the library tables in them), as pushglobalfuncname does:
// "print", "string.rep".
func (l *Thread) globalFuncName(fn value.Value) string {
	if !fn.IsFunction() {
		return ""
	}
	loaded := l.st.registry.GetStr("_LOADED").ToTable()
	if loaded == nil {
		if name := searchField(l.st.globals, fn); name != "" {
			return name
		}
		k := value.Nil
		for {
			nk, nv, ok := l.st.globals.Next(k)
			if !ok || nk.IsNil() {
				break
			}
			k = nk
			if t := nv.ToTable(); t != nil && t != l.st.globals && nk.IsString() {
				if name := searchField(t, fn); name != "" {
					return nk.AsString() + "." + name
				}
			}
		}
		return ""
	}
	k := value.Nil
	for {
		nk, nv, ok := loaded.Next(k)
		if !ok || nk.IsNil() {
			break
		}
		k = nk
		if t := nv.ToTable(); t != nil && nk.IsString() {
			if name := searchField(t, fn); name != "" {
				if nk.AsString() == "_G" {
					return name
				}
				return nk.AsString() + "." + name
			}
		}
	}
	return ""
}

func searchField(t *value.Table, fn value.Value) string {
	k := value.Nil
	for {
		nk, nv, ok := t.Next(k)
		if !ok || nk.IsNil() {
			return ""
		}
		k = nk
		if nk.IsString() && value.RawEqual(nv, fn) {
			return nk.AsString()
		}
	}
}

// Traceback returns msg followed by the stack traceback of l starting at
// level (0 = the running function), in the format of luaL_traceback.
func (l *Thread) Traceback(msg string, level int) string {
	return l.traceback(msg, level, false)
}

// errorTraceback is the traceback of an error nothing catches: with the
// active local variables of each Lua frame under Options.TracebackLocals.
func (l *Thread) errorTraceback() string {
	return l.traceback("", 0, l.st.opts.TracebackLocals)
}

// traceback is Traceback, listing the active local variables under each
// Lua frame when locals is set (writeLocals).
func (l *Thread) traceback(msg string, level int, locals bool) string {
	var b strings.Builder
	if msg != "" {
		b.WriteString(msg)
		b.WriteString("\n")
	}
	b.WriteString("stack traceback:")
	// Levels: frame l.ci is level 0, down to frame 1; the main thread adds
	// the host's "[C]: in ?" below.
	last := l.ci - 1 // last level index
	if l.isMain {
		last++
	}
	limit := -1
	if last-level > 21 {
		limit = 10
	}
	for lv := level; lv <= last; lv++ {
		if limit == 0 {
			// as luaL_traceback: the level at hand is skipped too
			n := last - lv - 11
			fmt.Fprintf(&b, "\n\t...\t(skipping %d levels)", n)
			lv += n
			limit--
			continue
		}
		limit--
		i := l.ci - lv
		if i <= 0 {
			b.WriteString("\n\t[C]: in ?")
			continue
		}
		f := &l.frames[i]
		b.WriteString("\n\t")
		if f.cl != nil {
			b.WriteString(chunkID(f.cl.Proto.Source))
			b.WriteString(":")
			if ln := f.line(); ln > 0 {
				b.WriteString(strconv.Itoa(ln))
				b.WriteString(":")
			}
		} else {
			b.WriteString("[C]:")
		}
		b.WriteString(" in ")
		b.WriteString(l.describeFrame(i))
		if locals && f.cl != nil {
			l.writeLocals(&b, i)
		}
		if f.flags&fTail != 0 {
			b.WriteString("\n\t(...tail calls...)")
		}
	}
	return b.String()
}

func (l *Thread) describeFrame(i int) string {
	f := &l.frames[i]
	if g := l.globalFuncName(f.function(l)); g != "" {
		return "function '" + g + "'"
	}
	if kind, name := l.funcName(i); kind != "" {
		return kind + " '" + name + "'"
	}
	if f.cl != nil {
		if f.cl.Proto.LineDefined == 0 {
			return "main chunk"
		}
		return fmt.Sprintf("function <%s:%d>", chunkID(f.cl.Proto.Source), f.cl.Proto.LineDefined)
	}
	return "?"
}

// maxLocalText is the most bytes of a string local writeLocals shows.
const maxLocalText = 60

// writeLocals writes the active local variables of Lua frame i under its
// traceback line, one "name = value" per line; compiler-internal ones
// ("(for state)") are left out. Values are shown briefly, without
// calling metamethods: strings quoted and cut at maxLocalText bytes,
// objects as tostring shows them by default.
func (l *Thread) writeLocals(b *strings.Builder, i int) {
	f := &l.frames[i]
	p := f.cl.Proto
	for n := 1; ; n++ {
		name := localName(p, n, f.pc-1)
		if name == "" {
			return
		}
		idx := f.base + n - 1
		if name[0] == '(' || idx < 0 || idx >= len(l.stack) {
			continue
		}
		b.WriteString("\n\t\t")
		b.WriteString(name)
		b.WriteString(" = ")
		b.WriteString(l.briefValue(l.stack[idx]))
	}
}

// briefValue formats v for writeLocals.
func (l *Thread) briefValue(v value.Value) string {
	switch v.Type() {
	case value.TypeNil:
		return "nil"
	case value.TypeBoolean:
		if v.AsBool() {
			return "true"
		}
		return "false"
	case value.TypeInteger, value.TypeFloat:
		return value.NumberToString(v)
	case value.TypeString:
		s := v.AsString()
		cut := len(s) > maxLocalText
		if cut {
			s = s[:maxLocalText]
		}
		q := strconv.Quote(s)
		if cut {
			q += "..."
		}
		return q
	}
	name := v.TypeName()
	if n := l.MetaField(v, "__name"); n.IsString() {
		name = n.AsString()
	}
	return name + ": " + Address(v)
}
