package vm

import (
	"strings"
	"unsafe"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// This file is the vm side of the debug library (ldebug.c lua_getstack,
// lua_getinfo, lua_getlocal, lua_setlocal, lua_getupvalue, ...).
//
// Levels count from the running function: level 0 is the Go function
// asking (debug.getinfo itself) when the thread is the running one, or the
// function where a suspended coroutine stopped. The main thread has one
// more level below its first Lua function: the host, a Go function with no
// value ("[C]: in ?" in tracebacks).

// DebugInfo describes a function or an active frame (lua_Debug).
type DebugInfo struct {
	Source          string // 'S': the chunk name ("@file.lua", "=[C]")
	ShortSrc        string // 'S': printable chunk name
	What            string // 'S': "Lua", "C" or "main"
	LineDefined     int    // 'S': -1 for Go functions
	LastLineDefined int    // 'S'
	CurrentLine     int    // 'l': -1 when not known
	Name            string // 'n': empty when not known
	NameWhat        string // 'n': "global", "local", "method", "field", "upvalue", "metamethod", "hook", ""
	NUps            int    // 'u'
	NParams         int    // 'u'
	IsVararg        bool   // 'u'
	IsTailCall      bool   // 't'
	FTransfer       int    // 'r': index of the first transferred value (call/return hooks)
	NTransfer       int    // 'r': number of transferred values
	Func            value.Value
	ActiveLines     *value.Table // 'L': lines with code (nil for Go functions)
}

// Level returns the frame of stack level level of l, or ok false when the
// level is out of range (lua_getstack).
func (l *Thread) Level(level int) (fr int, ok bool) {
	if level < 0 {
		return 0, false
	}
	fr = l.ci - level
	if fr >= 1 || (fr == 0 && l.isMain) {
		return fr, true
	}
	return 0, false
}

// validInfo reports whether what holds only getinfo options.
func validInfo(what string) bool {
	for j := 0; j < len(what); j++ {
		if !strings.ContainsRune("SlnrutfL", rune(what[j])) {
			return false
		}
	}
	return true
}

// FrameInfo returns the information what asks for about frame fr (from
// Level); ok is false when what holds an invalid option.
func (l *Thread) FrameInfo(fr int, what string) (DebugInfo, bool) {
	if !validInfo(what) {
		return DebugInfo{}, false
	}
	if fr < 0 || fr > l.ci {
		return DebugInfo{}, true // not a frame from Level
	}
	f := &l.frames[fr]
	fn := value.Nil
	if fr > 0 {
		fn = f.function(l)
	}
	var d DebugInfo
	funcInfo(&d, fn, what)
	for j := 0; j < len(what); j++ {
		switch what[j] {
		case 'l':
			d.CurrentLine = -1
			if f.cl != nil {
				d.CurrentLine = f.line()
			}
		case 'n':
			d.NameWhat, d.Name = l.funcName(fr)
		case 't':
			d.IsTailCall = f.flags&fTail != 0
		case 'r':
			if l.hook.trCI == fr && fr > 0 && l.hook.trN != 0 {
				d.FTransfer, d.NTransfer = l.hook.trF, l.hook.trN
			}
		}
	}
	return d, true
}

// FuncInfo returns the information what asks for about function fn
// (lua_getinfo with '>'); ok is false when what holds an invalid option.
func FuncInfo(fn value.Value, what string) (DebugInfo, bool) {
	if !validInfo(what) {
		return DebugInfo{}, false
	}
	var d DebugInfo
	funcInfo(&d, fn, what)
	d.CurrentLine = -1
	return d, true
}

func funcInfo(d *DebugInfo, fn value.Value, what string) {
	cl := AsClosure(fn)
	for j := 0; j < len(what); j++ {
		switch what[j] {
		case 'S':
			if cl == nil {
				d.Source, d.ShortSrc, d.What = "=[C]", "[C]", "C"
				d.LineDefined, d.LastLineDefined = -1, -1
				break
			}
			p := cl.Proto
			d.Source = p.Source
			d.ShortSrc = chunkID(p.Source)
			d.LineDefined, d.LastLineDefined = p.LineDefined, p.LastLineDefined
			d.What = "Lua"
			if p.LineDefined == 0 {
				d.What = "main"
			}
		case 'u':
			if cl == nil {
				d.IsVararg = true
				if gf := AsGoFunction(fn); gf != nil {
					d.NUps = len(gf.Refs)
				}
				break
			}
			d.NUps = len(cl.Upvals)
			d.NParams = cl.Proto.NumParams
			d.IsVararg = cl.Proto.IsVararg
		case 'f':
			d.Func = fn
		case 'L':
			if cl != nil {
				d.ActiveLines = activeLines(cl.Proto)
			}
		}
	}
}

// activeLines returns the set of lines holding code (collectvalidlines).
func activeLines(p *bc.Proto) *value.Table {
	t := value.NewTable(0, len(p.Lines)/2)
	lines := p.Lines
	if p.IsVararg && len(lines) > 0 {
		lines = lines[1:] // skip VARARGPREP (5.4.4 collectvalidlines)
	}
	for _, ln := range lines {
		if ln >= 0 { // stripped code has no lines
			t.SetInt(int64(ln), value.True)
		}
	}
	return t
}

// localSlot finds local n of frame fr (luaG_findlocal): its name and stack
// index, or "" when there is none.
func (l *Thread) localSlot(fr, n int) (string, int) {
	if fr <= 0 || fr > l.ci {
		return "", 0
	}
	f := &l.frames[fr]
	name := ""
	if f.cl != nil {
		if n < 0 {
			if !f.cl.Proto.IsVararg || n < -f.nextra {
				return "", 0
			}
			return "(vararg)", f.base - f.nextra + (-n - 1)
		}
		name = localName(f.cl.Proto, n, f.pc-1)
	}
	if name == "" {
		limit := l.top
		if fr < l.ci {
			limit = l.frames[fr+1].fn
		}
		if n <= 0 || limit-f.base < n {
			return "", 0
		}
		if f.cl != nil {
			name = "(temporary)"
		} else {
			name = "(C temporary)"
		}
	}
	return name, f.base + n - 1
}

// GetLocal returns the name and value of local n of frame fr
// (lua_getlocal); name is "" when there is no such local. Negative n
// reaches the extra arguments of a vararg function.
func (l *Thread) GetLocal(fr, n int) (string, value.Value) {
	name, idx := l.localSlot(fr, n)
	if name == "" {
		return "", value.Nil
	}
	return name, l.stack[idx]
}

// SetLocal assigns local n of frame fr and returns its name, or "" when
// there is no such local (lua_setlocal).
func (l *Thread) SetLocal(fr, n int, v value.Value) string {
	name, idx := l.localSlot(fr, n)
	if name != "" {
		l.stack[idx] = v
	}
	return name
}

// ParamName returns the name of parameter n of Lua function fn, or ""
// (lua_getlocal with a function).
func ParamName(fn value.Value, n int) string {
	cl := AsClosure(fn)
	if cl == nil {
		return ""
	}
	return localName(cl.Proto, n, 0)
}

// upvalue returns upvalue n (1-based) of fn and its name.
func upvalue(fn value.Value, n int) (*Upvalue, string) {
	cl := AsClosure(fn)
	if cl == nil || n < 1 || n > len(cl.Upvals) {
		return nil, ""
	}
	name := ""
	if n-1 < len(cl.Proto.Upvalues) {
		name = cl.Proto.Upvalues[n-1].Name
	}
	if name == "" {
		name = "(no name)"
	}
	return cl.Upvals[n-1], name
}

// GetUpvalue returns the name and value of upvalue n of function fn;
// ok is false when there is no such upvalue (lua_getupvalue). Go
// functions have none.
func GetUpvalue(fn value.Value, n int) (name string, v value.Value, ok bool) {
	if gf := AsGoFunction(fn); gf != nil {
		if n < 1 || n > len(gf.Refs) {
			return "", value.Nil, false
		}
		return "", gf.Refs[n-1], true // as C functions: upvalues named ""
	}
	u, name := upvalue(fn, n)
	if u == nil {
		return "", value.Nil, false
	}
	return name, u.Get(), true
}

// SetUpvalue assigns upvalue n of fn and returns its name; ok is false
// when there is no such upvalue (lua_setupvalue).
func SetUpvalue(fn value.Value, n int, v value.Value) (string, bool) {
	if gf := AsGoFunction(fn); gf != nil {
		if n < 1 || n > len(gf.Refs) {
			return "", false
		}
		gf.Refs[n-1] = v // only what the collector sees: the Go closure keeps its own
		return "", true
	}
	u, name := upvalue(fn, n)
	if u == nil {
		return "", false
	}
	u.Set(v)
	return name, true
}

// UpvalueID returns a light userdata identifying upvalue n of fn (shared
// upvalues have equal ids); ok is false when there is no such upvalue.
func UpvalueID(fn value.Value, n int) (value.Value, bool) {
	if gf := AsGoFunction(fn); gf != nil {
		if n < 1 || n > len(gf.Refs) {
			return value.Nil, false
		}
		return value.FromObject(value.TypeLightUserdata, unsafe.Pointer(&gf.Refs[n-1])), true
	}
	u, _ := upvalue(fn, n)
	if u == nil {
		return value.Nil, false
	}
	return value.FromObject(value.TypeLightUserdata, unsafe.Pointer(u)), true
}

// UpvalueJoin makes upvalue n1 of Lua function f1 refer to upvalue n2 of
// f2 (lua_upvaluejoin). Both must exist.
func UpvalueJoin(f1 value.Value, n1 int, f2 value.Value, n2 int) {
	c1, c2 := AsClosure(f1), AsClosure(f2)
	if c1 == nil || c2 == nil || n1 < 1 || n1 > len(c1.Upvals) || n2 < 1 || n2 > len(c2.Upvals) {
		return
	}
	c1.Upvals[n1-1] = c2.Upvals[n2-1]
}

// SetTypeMetatable sets the metatable of all values of v's type, for the
// types without individual metatables (lua_setmetatable on a non-table,
// non-userdata value: debug.setmetatable). Strings use StringMeta.
func (st *State) SetTypeMetatable(v value.Value, mt *value.Table) {
	switch v.Type() {
	case value.TypeString:
		st.stringMeta = mt
	case value.TypeInteger, value.TypeFloat:
		st.typeMeta[value.TypeInteger] = mt
		st.typeMeta[value.TypeFloat] = mt
	case value.TypeFunction, value.TypeGoFunction:
		st.typeMeta[value.TypeFunction] = mt
		st.typeMeta[value.TypeGoFunction] = mt
	case value.TypeTable, value.TypeUserdata:
	default:
		st.typeMeta[v.Type()] = mt
	}
}
