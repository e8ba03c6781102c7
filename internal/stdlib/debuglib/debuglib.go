// Package debuglib is Lua's debug library (§6.10): traceback, getinfo,
// getlocal, getupvalue, sethook and the rest, following ldblib.c. The
// stack inspection and the hooks themselves live in the vm (debugapi.go,
// hook.go).
package debuglib

import (
	"io"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// hookKey is the registry field holding the table of hook functions, keyed
// by thread (weak keys), as ldblib.c's HOOKKEY; it keeps them alive.
const hookKey = "_HOOKKEY"

// typeMetaKey is the registry field holding the metatables set for whole
// types (numbers, nil, booleans, functions, threads, light userdata) by
// name, so that the collector, which marks the registry, sees them.
const typeMetaKey = "_TYPEMETA"

// Open registers the debug table in st's globals.
func Open(st *vm.State) {
	t := value.NewTable(0, 20)
	reg := vm.Registrar(t, "debug")
	reg("debug", dbDebug)
	reg("getuservalue", dbGetUserValue)
	reg("gethook", dbGetHook)
	reg("getinfo", dbGetInfo)
	reg("getlocal", dbGetLocal)
	reg("getregistry", dbGetRegistry)
	reg("getmetatable", dbGetMetatable)
	reg("getupvalue", dbGetUpvalue)
	reg("upvaluejoin", dbUpvalueJoin)
	reg("upvalueid", dbUpvalueID)
	reg("setuservalue", dbSetUserValue)
	reg("sethook", dbSetHook)
	reg("setlocal", dbSetLocal)
	reg("setmetatable", dbSetMetatable)
	reg("setupvalue", dbSetUpvalue)
	reg("traceback", dbTraceback)
	reg("setcstacklimit", dbSetCStackLimit)
	st.Globals().SetStr("debug", value.TableValue(t))
}

// thread returns the thread the function works on and the offset of the
// remaining arguments: an optional first argument that is a thread
// (ldblib.c getthread).
func thread(l *vm.Thread, args []value.Value) (*vm.Thread, int) {
	if len(args) > 0 {
		if co := vm.AsThread(args[0]); co != nil {
			return co, 1
		}
	}
	return l, 0
}

func dbGetRegistry(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return l.Ret1(value.TableValue(l.State().Registry())), nil
}

func dbGetMetatable(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 1); err != nil {
		return nil, err
	}
	if mt := l.Metatable(args[0]); mt != nil {
		return l.Ret1(value.TableValue(mt)), nil
	}
	return l.Ret1(value.Nil), nil
}

func dbSetMetatable(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	mv := check.Arg(args, 2)
	if !mv.IsNil() && !mv.IsTable() {
		return nil, vm.TypeError(args, 2, "nil or table")
	}
	v := check.Arg(args, 1)
	mt := mv.ToTable()
	switch v.Type() {
	case value.TypeTable, value.TypeUserdata:
		l.SetMetatable(v, mt)
	default:
		l.State().SetTypeMetatable(v, mt)
		// the collector marks the registry: keep the metatable reachable
		reg := l.State().Registry()
		keep := reg.GetStr(typeMetaKey).ToTable()
		if keep == nil {
			keep = value.NewTable(0, 4)
			reg.SetStr(typeMetaKey, value.TableValue(keep))
		}
		name := v.TypeName()
		if v.Type() == value.TypeLightUserdata {
			name = "lightuserdata"
		}
		keep.SetStr(name, mv)
	}
	return l.Ret1(v), nil
}

// Userdata in tide carry no user values (lua_newuserdatauv with 0): every
// index is out of range.
func dbGetUserValue(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if _, err := check.OptInt(args, 2, 1); err != nil {
		return nil, err
	}
	return l.Ret1(value.Nil), nil
}

func dbSetUserValue(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if _, err := check.OptInt(args, 3, 1); err != nil {
		return nil, err
	}
	if check.Arg(args, 1).Type() != value.TypeUserdata {
		return nil, vm.TypeError(args, 1, "userdata")
	}
	if err := check.Any(args, 2); err != nil {
		return nil, err
	}
	return l.Ret1(value.Nil), nil
}

func dbGetInfo(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	l1, arg := thread(l, args)
	what, err := check.OptString(args, arg+2, "flnSrtu")
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(what, ">") {
		return nil, vm.ArgError(arg+2, "invalid option '>'")
	}
	var d vm.DebugInfo
	var ok bool
	if fn := check.Arg(args, arg+1); fn.IsFunction() {
		d, ok = vm.FuncInfo(fn, what)
	} else {
		level, err := check.Int(args, arg+1)
		if err != nil {
			return nil, err
		}
		fr, in := l1.Level(int(level))
		if !in {
			return l.Ret1(value.Nil), nil
		}
		d, ok = l1.FrameInfo(fr, what)
	}
	if !ok {
		return nil, vm.ArgError(arg+2, "invalid option")
	}
	t := value.NewTable(0, 16)
	has := func(c byte) bool { return strings.IndexByte(what, c) >= 0 }
	if has('S') {
		t.SetStr("source", value.String(d.Source))
		t.SetStr("short_src", value.String(d.ShortSrc))
		t.SetStr("linedefined", value.Int(int64(d.LineDefined)))
		t.SetStr("lastlinedefined", value.Int(int64(d.LastLineDefined)))
		t.SetStr("what", value.String(d.What))
	}
	if has('l') {
		t.SetStr("currentline", value.Int(int64(d.CurrentLine)))
	}
	if has('u') {
		t.SetStr("nups", value.Int(int64(d.NUps)))
		t.SetStr("nparams", value.Int(int64(d.NParams)))
		t.SetStr("isvararg", value.Bool(d.IsVararg))
	}
	if has('n') {
		if d.NameWhat != "" {
			t.SetStr("name", value.String(d.Name))
		}
		t.SetStr("namewhat", value.String(d.NameWhat))
	}
	if has('r') {
		t.SetStr("ftransfer", value.Int(int64(d.FTransfer)))
		t.SetStr("ntransfer", value.Int(int64(d.NTransfer)))
	}
	if has('t') {
		t.SetStr("istailcall", value.Bool(d.IsTailCall))
	}
	if has('L') && d.ActiveLines != nil {
		t.SetStr("activelines", value.TableValue(d.ActiveLines))
	}
	if has('f') {
		t.SetStr("func", d.Func)
	}
	return l.Ret1(value.TableValue(t)), nil
}

func dbGetLocal(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	l1, arg := thread(l, args)
	n, err := check.Int(args, arg+2)
	if err != nil {
		return nil, err
	}
	if fn := check.Arg(args, arg+1); fn.IsFunction() {
		name := vm.ParamName(fn, int(n))
		if name == "" {
			return l.Ret1(value.Nil), nil
		}
		return l.Ret1(value.String(name)), nil
	}
	level, err := check.Int(args, arg+1)
	if err != nil {
		return nil, err
	}
	fr, ok := l1.Level(int(level))
	if !ok {
		return nil, vm.ArgError(arg+1, "level out of range")
	}
	name, v := l1.GetLocal(fr, int(n))
	if name == "" {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret(value.String(name), v), nil
}

func dbSetLocal(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	l1, arg := thread(l, args)
	level, err := check.Int(args, arg+1)
	if err != nil {
		return nil, err
	}
	n, err := check.Int(args, arg+2)
	if err != nil {
		return nil, err
	}
	fr, ok := l1.Level(int(level))
	if !ok {
		return nil, vm.ArgError(arg+1, "level out of range")
	}
	if err := check.Any(args, arg+3); err != nil {
		return nil, err
	}
	name := l1.SetLocal(fr, int(n), args[arg+2])
	if name == "" {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret1(value.String(name)), nil
}

// upvalueArgs checks (function, index) at argument positions f and n.
func upvalueArgs(args []value.Value, f, n int) (value.Value, int, error) {
	idx, err := check.Int(args, n)
	if err != nil {
		return value.Nil, 0, err
	}
	fn := check.Arg(args, f)
	if !fn.IsFunction() {
		return value.Nil, 0, vm.TypeError(args, f, "function")
	}
	return fn, int(idx), nil
}

func dbGetUpvalue(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	fn, n, err := upvalueArgs(args, 1, 2)
	if err != nil {
		return nil, err
	}
	name, v, ok := vm.GetUpvalue(fn, n)
	if !ok {
		return nil, nil
	}
	return l.Ret(value.String(name), v), nil
}

func dbSetUpvalue(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if err := check.Any(args, 3); err != nil {
		return nil, err
	}
	fn, n, err := upvalueArgs(args, 1, 2)
	if err != nil {
		return nil, err
	}
	name, ok := vm.SetUpvalue(fn, n, args[2])
	if !ok {
		return nil, nil
	}
	return l.Ret1(value.String(name)), nil
}

func dbUpvalueID(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	fn, n, err := upvalueArgs(args, 1, 2)
	if err != nil {
		return nil, err
	}
	id, ok := vm.UpvalueID(fn, n)
	if !ok {
		return l.Ret1(value.Nil), nil
	}
	return l.Ret1(id), nil
}

func dbUpvalueJoin(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	f1, n1, err := upvalueArgs(args, 1, 2)
	if err != nil {
		return nil, err
	}
	if _, ok := vm.UpvalueID(f1, n1); !ok {
		return nil, vm.ArgError(2, "invalid upvalue index")
	}
	f2, n2, err := upvalueArgs(args, 3, 4)
	if err != nil {
		return nil, err
	}
	if _, ok := vm.UpvalueID(f2, n2); !ok {
		return nil, vm.ArgError(4, "invalid upvalue index")
	}
	if vm.AsClosure(f1) == nil {
		return nil, vm.ArgError(1, "Lua function expected")
	}
	if vm.AsClosure(f2) == nil {
		return nil, vm.ArgError(3, "Lua function expected")
	}
	vm.UpvalueJoin(f1, n1, f2, n2)
	return nil, nil
}

// hookTable returns the registry's table of hook functions, creating it.
func hookTable(l *vm.Thread) *value.Table {
	reg := l.State().Registry()
	if t := reg.GetStr(hookKey).ToTable(); t != nil {
		return t
	}
	t := value.NewTable(0, 1)
	mt := value.NewTable(0, 1)
	mt.SetStr("__mode", value.String("k"))
	l.SetMetatable(value.TableValue(t), mt)
	reg.SetStr(hookKey, value.TableValue(t))
	return t
}

func dbSetHook(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	l1, arg := thread(l, args)
	var fn value.Value
	mask, count := 0, int64(0)
	if !check.IsNoneOrNil(args, arg+1) {
		smask, err := check.String(args, arg+2)
		if err != nil {
			return nil, err
		}
		fn = args[arg]
		if !fn.IsFunction() {
			return nil, vm.TypeError(args, arg+1, "function")
		}
		count, err = check.OptInt(args, arg+3, 0)
		if err != nil {
			return nil, err
		}
		if strings.IndexByte(smask, 'c') >= 0 {
			mask |= vm.MaskCall
		}
		if strings.IndexByte(smask, 'r') >= 0 {
			mask |= vm.MaskRet
		}
		if strings.IndexByte(smask, 'l') >= 0 {
			mask |= vm.MaskLine
		}
	}
	if count > 1<<31-1 || count < -1<<31 {
		count = int64(int32(count)) // (int) cast of luaL_optinteger
	}
	if err := l.RawSet(hookTable(l), vm.ThreadValue(l1), fn); err != nil {
		return nil, err
	}
	l1.SetHook(fn, mask, int(count))
	return nil, nil
}

func dbGetHook(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	l1, _ := thread(l, args)
	_, mask, count := l1.Hook()
	if mask == 0 {
		return l.Ret1(value.Nil), nil
	}
	var b []byte
	if mask&vm.MaskCall != 0 {
		b = append(b, 'c')
	}
	if mask&vm.MaskRet != 0 {
		b = append(b, 'r')
	}
	if mask&vm.MaskLine != 0 {
		b = append(b, 'l')
	}
	fn := hookTable(l).Get(vm.ThreadValue(l1))
	return l.Ret(fn, value.String(string(b)), value.Int(int64(count))), nil
}

func dbTraceback(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	l1, arg := thread(l, args)
	mv := check.Arg(args, arg+1)
	msg, isStr := value.ToStringCoerce(mv)
	if !isStr && !mv.IsNil() {
		return l.Ret1(mv), nil
	}
	def := int64(0)
	if l1 == l {
		def = 1
	}
	level, err := check.OptInt(args, arg+2, def)
	if err != nil {
		return nil, err
	}
	var tb string
	if level < 0 || level > 1<<30 {
		tb = "stack traceback:" // no such level: lua_getstack fails at once
	} else {
		tb = l1.Traceback("", int(level))
	}
	if isStr {
		tb = msg + "\n" + tb
	}
	return l.Ret1(value.String(tb)), nil
}

// dbDebug reads lines from standard input and runs each one, until a line
// "cont" or the end of input (ldblib.c db_debug).
func dbDebug(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	st := l.State()
	opts := st.Options()
	in, errw := opts.Stdin, st.Stderr()
	for {
		io.WriteString(errw, "lua_debug> ")
		line, ok := readLine(in)
		if !ok || line == "cont\n" {
			return nil, nil
		}
		fn, err := st.Load([]byte(line), "=(debug command)", "bt", value.Nil)
		if err == nil {
			_, err = l.Call(fn)
		}
		if err != nil {
			msg := err.Error()
			if le, ok := err.(*vm.LuaError); ok {
				if s, e := l.ToString(le.Value); e == nil {
					msg = s
				}
			}
			io.WriteString(errw, msg+"\n")
		}
	}
}

// readLine reads one line (with its newline) a byte at a time, so that no
// input past it is consumed; ok is false at the end of input with nothing
// read.
func readLine(r io.Reader) (string, bool) {
	var b []byte
	var c [1]byte
	for len(b) < 250 {
		n, err := r.Read(c[:])
		if n == 1 {
			b = append(b, c[0])
			if c[0] == '\n' {
				break
			}
			continue
		}
		if err != nil {
			break
		}
	}
	return string(b), len(b) > 0
}

// dbSetCStackLimit is debug.setcstacklimit, deprecated in 5.4: it checks
// its argument and returns LUAI_MAXCCALLS (200), as 5.4.4 does.
func dbSetCStackLimit(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if _, err := check.Int(args, 1); err != nil {
		return nil, err
	}
	return l.Ret1(value.Int(200)), nil
}
