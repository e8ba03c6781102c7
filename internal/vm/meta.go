package vm

import (
	"fmt"
	"math"
	"unsafe"

	bc "github.com/tidelua/tide/internal/bytecode"
	"github.com/tidelua/tide/internal/value"
)

// Metatable returns v's metatable (nil if none): tables and userdata own
// theirs, strings share State.StringMeta.
func (l *Thread) Metatable(v value.Value) *value.Table {
	switch v.Type() {
	case value.TypeTable:
		return v.AsTable().Meta
	case value.TypeString:
		return l.st.stringMeta
	case value.TypeUserdata:
		return AsUserdata(v).Meta
	}
	return l.st.typeMeta[v.Type()] // set only by debug.setmetatable (debugapi.go)
}

// SetMetatable sets the metatable of a table or userdata (raw: no
// __metatable check, that is setmetatable's job). A metatable with a __gc
// field marks the object for finalization (see gc.go).
func (l *Thread) SetMetatable(v value.Value, mt *value.Table) {
	switch v.Type() {
	case value.TypeTable:
		v.AsTable().Meta = mt
	case value.TypeUserdata:
		AsUserdata(v).Meta = mt
	default:
		return
	}
	if mt != nil {
		if !mt.GetStr("__gc").IsNil() {
			l.st.markForGC(v)
		} else if !l.st.gc.armed && !mt.GetStr("__mode").IsNil() {
			l.st.armGC() // a weak table: collect automatically from now on
		}
	}
}

// metaOf returns the metamethod event of v, or nil.
func (l *Thread) metaOf(v value.Value, event int) value.Value {
	mt := l.Metatable(v)
	if mt == nil {
		return value.Nil
	}
	return mt.GetStr(bc.TMNames[event])
}

// MetaField returns field name of v's metatable (luaL_getmetafield), nil if none.
func (l *Thread) MetaField(v value.Value, name string) value.Value {
	mt := l.Metatable(v)
	if mt == nil {
		return value.Nil
	}
	return mt.GetStr(name)
}

// call1 calls fn(args...) from inside the VM and returns its first result.
func (l *Thread) call1(fn value.Value, a, b value.Value) value.Value {
	fi := l.freeTop()
	l.ensure(fi, 3)
	l.stack[fi] = fn
	l.stack[fi+1] = a
	l.stack[fi+2] = b
	l.top = fi + 3
	l.nny++
	l.call(fi, 2, 1)
	l.nny--
	r := l.stack[fi]
	l.top = fi
	return r
}

// pendingMM is a metamethod call the dispatch loop runs as a Lua frame.
type pendingMM struct {
	tm, a, b, c value.Value
	nargs       int
	ok          bool
	neg         bool // negate the result (__le emulated with __lt)
}

// mm1 calls metamethod tm(a, b) for one result, or, when the loop asked
// for it (deferMM), records the call for the loop to run as a frame.
func (l *Thread) mm1(tm, a, b value.Value) value.Value {
	if l.deferMM {
		l.pend = pendingMM{tm: tm, a: a, b: b, nargs: 2, ok: true}
		return value.Nil
	}
	return l.call1(tm, a, b)
}

// call0 calls fn(a, b) discarding results.
func (l *Thread) call0(fn value.Value, a, b value.Value) {
	fi := l.freeTop()
	l.ensure(fi, 3)
	l.stack[fi] = fn
	l.stack[fi+1] = a
	l.stack[fi+2] = b
	l.top = fi + 3
	l.nny++
	l.call(fi, 2, 0)
	l.nny--
	l.top = fi
}

// freeTop returns the first stack slot a nested call may use.
func (l *Thread) freeTop() int {
	f := &l.frames[l.ci]
	if f.cl != nil {
		if l.top > f.top && l.top < f.top+stackHeadroom {
			return l.top
		}
		return f.top
	}
	if l.top < f.top {
		return f.top
	}
	return l.top
}

// index returns t[k] with __index; info names t for errors (reg >= 0: a
// register of the current frame; up >= 0: an upvalue).
func (l *Thread) index(t, k value.Value, reg, up int) value.Value {
	for loop := 0; loop < maxMetaChain; loop++ {
		var tm value.Value
		if tt := t.ToTable(); tt != nil {
			v := tt.Get(k)
			if !v.IsNil() {
				return v
			}
			if tt.Meta == nil {
				return value.Nil
			}
			tm = tt.Meta.GetStr("__index")
			if tm.IsNil() {
				return value.Nil
			}
		} else {
			tm = l.metaOf(t, bc.TMIndex)
			if tm.IsNil() {
				info := ""
				if loop == 0 {
					info = l.infoFor(reg, up, k)
				}
				l.typeError(t, "index", info)
			}
		}
		if tm.IsFunction() {
			return l.mm1(tm, t, k)
		}
		t = tm
		reg, up = -1, -1
	}
	l.rtError("'__index' chain too long; possible loop")
	return value.Nil
}

// infoFor describes the indexed object for "attempt to index" errors.
func (l *Thread) infoFor(reg, up int, k value.Value) string {
	if up >= 0 {
		return l.upvalInfo(up)
	}
	if reg >= 0 {
		return l.varInfo(reg)
	}
	return ""
}

// setIndex performs t[k] = v with __newindex.
func (l *Thread) setIndex(t, k, v value.Value, reg, up int) {
	for loop := 0; loop < maxMetaChain; loop++ {
		var tm value.Value
		if tt := t.ToTable(); tt != nil {
			if tt.Meta == nil {
				l.rawSet(tt, k, v)
				return
			}
			old := tt.Get(k)
			if !old.IsNil() {
				l.rawSet(tt, k, v)
				return
			}
			tm = tt.Meta.GetStr("__newindex")
			if tm.IsNil() {
				l.rawSet(tt, k, v)
				return
			}
		} else {
			tm = l.metaOf(t, bc.TMNewIndex)
			if tm.IsNil() {
				info := ""
				if loop == 0 {
					info = l.infoFor(reg, up, k)
				}
				l.typeError(t, "index", info)
			}
		}
		if tm.IsFunction() {
			if l.deferMM {
				l.pend = pendingMM{tm: tm, a: t, b: k, c: v, nargs: 3, ok: true}
				return
			}
			fi := l.freeTop()
			l.ensure(fi, 4)
			l.stack[fi] = tm
			l.stack[fi+1] = t
			l.stack[fi+2] = k
			l.stack[fi+3] = v
			l.top = fi + 4
			l.nny++
			l.call(fi, 3, 0)
			l.nny--
			l.top = fi
			return
		}
		t = tm
		reg, up = -1, -1
	}
	l.rtError("'__newindex' chain too long; possible loop")
}

// rawSet assigns with the key checks of the reference.
func (l *Thread) rawSet(t *value.Table, k, v value.Value) {
	if k.IsNil() {
		l.rtError("table index is nil")
	}
	if k.IsFloat() && math.IsNaN(k.AsFloat()) {
		l.rtError("table index is NaN")
	}
	t.Set(k, v)
}

// arithRaw computes a op b for numbers (with string coercion); ok false
// when an operand is not convertible.
func (l *Thread) arithRaw(op int, a, b value.Value) (value.Value, bool) {
	switch op {
	case bc.TMBAnd, bc.TMBOr, bc.TMBXor, bc.TMShl, bc.TMShr, bc.TMBNot:
		if !a.IsNumber() || !b.IsNumber() {
			return value.Nil, false
		}
		x, ok1 := value.ToInteger(a)
		y, ok2 := value.ToInteger(b)
		if !ok1 || !ok2 {
			return value.Nil, false
		}
		switch op {
		case bc.TMBAnd:
			return value.Int(x & y), true
		case bc.TMBOr:
			return value.Int(x | y), true
		case bc.TMBXor:
			return value.Int(x ^ y), true
		case bc.TMShl:
			return value.Int(value.ShiftLeft(x, y)), true
		case bc.TMShr:
			return value.Int(value.ShiftRight(x, y)), true
		case bc.TMBNot:
			return value.Int(^x), true
		}
	}
	x, ok1 := value.ToNumber(a)
	y, ok2 := value.ToNumber(b)
	if !ok1 || !ok2 {
		return value.Nil, false
	}
	if x.IsInt() && y.IsInt() {
		i, j := x.AsInt(), y.AsInt()
		switch op {
		case bc.TMAdd:
			return value.Int(i + j), true
		case bc.TMSub:
			return value.Int(i - j), true
		case bc.TMMul:
			return value.Int(i * j), true
		case bc.TMMod:
			if j == 0 {
				l.arithError(a, b, "attempt to perform 'n%0'")
			}
			return value.Int(value.IntMod(i, j)), true
		case bc.TMIDiv:
			if j == 0 {
				l.arithError(a, b, "attempt to divide by zero")
			}
			return value.Int(value.IntFloorDiv(i, j)), true
		case bc.TMUnm:
			return value.Int(-i), true
		}
	}
	f, _ := value.ToFloat(x)
	g, _ := value.ToFloat(y)
	switch op {
	case bc.TMAdd:
		return value.Float(f + g), true
	case bc.TMSub:
		return value.Float(f - g), true
	case bc.TMMul:
		return value.Float(f * g), true
	case bc.TMDiv:
		return value.Float(f / g), true
	case bc.TMMod:
		return value.Float(value.FloatMod(f, g)), true
	case bc.TMIDiv:
		return value.Float(value.FloatFloorDiv(f, g)), true
	case bc.TMPow:
		return value.Float(value.Pow(f, g)), true
	case bc.TMUnm:
		return value.Float(-f), true
	}
	return value.Nil, false
}

// arith computes a op b with coercions and metamethods; ra/rb are the
// registers holding a and b (-1 when not registers) for error messages.
func (l *Thread) arith(op int, a, b value.Value, ra, rb int) value.Value {
	if r, ok := l.arithRaw(op, a, b); ok {
		return r
	}
	tm := l.metaOf(a, op)
	if tm.IsNil() {
		tm = l.metaOf(b, op)
	}
	if !tm.IsNil() {
		return l.mm1(tm, a, b)
	}
	switch op {
	case bc.TMBAnd, bc.TMBOr, bc.TMBXor, bc.TMShl, bc.TMShr, bc.TMBNot:
		if a.IsNumber() && b.IsNumber() {
			if _, ok := value.ToInteger(a); !ok {
				l.rtError("number%s has no integer representation", l.varInfo(ra))
			}
			l.rtError("number%s has no integer representation", l.varInfo(rb))
		}
		if !a.IsNumber() {
			l.typeError(a, "perform bitwise operation on", l.varInfo(ra))
		}
		l.typeError(b, "perform bitwise operation on", l.varInfo(rb))
	}
	if (a.IsString() || b.IsString()) && l.st.stringMeta != nil {
		// the string library's arithmetic metamethods (lstrlib.c trymt)
		if !(a.IsString() && b.IsString()) && !a.IsString() {
			// number op string: blame the string side like trymt
		}
		l.rtError("attempt to %s a '%s' with a '%s'", bc.TMNames[op][2:], a.TypeName(), b.TypeName())
	}
	if _, ok := value.ToNumber(a); !ok {
		l.typeError(a, "perform arithmetic on", l.varInfo(ra))
	}
	l.typeError(b, "perform arithmetic on", l.varInfo(rb))
	return value.Nil
}

// Arith computes a op b (op is a bytecode.TM* event: TMAdd ... TMBNot)
// with coercions and metamethods, for the standard library.
func (l *Thread) Arith(op int, a, b value.Value) (r value.Value, err error) {
	err = l.protect(func() { r = l.arith(op, a, b, -1, -1) })
	return
}

// protect runs fn, converting a raised Lua error into a returned error.
func (l *Thread) protect(fn func()) (err error) {
	saveCI, saveTop, saveNny, saveC := l.ci, l.top, l.nny, l.ccalls
	defer func() {
		if r := recover(); r != nil {
			if q := uncatchable(r); q != nil {
				err = q
			} else {
				err = runtimeErrorValue(r)
			}
			err = l.unwindSafe(saveCI, saveTop, err)
			l.nny, l.ccalls = saveNny, saveC
		}
	}()
	fn()
	return nil
}

// lessThan implements a < b.
func (l *Thread) lessThan(a, b value.Value) bool {
	if a.IsNumber() && b.IsNumber() {
		return numLess(a, b)
	}
	if a.IsString() && b.IsString() {
		return a.AsString() < b.AsString()
	}
	tm := l.metaOf(a, bc.TMLt)
	if tm.IsNil() {
		tm = l.metaOf(b, bc.TMLt)
	}
	if tm.IsNil() {
		l.orderError(a, b)
	}
	return l.mm1(tm, a, b).Truthy()
}

// lessEqual implements a <= b (no __lt emulation, as 5.4).
func (l *Thread) lessEqual(a, b value.Value) bool {
	if a.IsNumber() && b.IsNumber() {
		return numLessEq(a, b)
	}
	if a.IsString() && b.IsString() {
		return a.AsString() <= b.AsString()
	}
	tm := l.metaOf(a, bc.TMLe)
	if tm.IsNil() {
		tm = l.metaOf(b, bc.TMLe)
	}
	if tm.IsNil() {
		// LUA_COMPAT_LT_LE (on in the reference build): a <= b as not (b < a)
		tm = l.metaOf(b, bc.TMLt)
		if tm.IsNil() {
			tm = l.metaOf(a, bc.TMLt)
		}
		if tm.IsNil() {
			l.orderError(a, b)
		}
		if l.deferMM {
			l.pend = pendingMM{tm: tm, a: b, b: a, nargs: 2, ok: true, neg: true}
			return false
		}
		return !l.call1(tm, b, a).Truthy()
	}
	return l.mm1(tm, a, b).Truthy()
}

func (l *Thread) orderError(a, b value.Value) {
	t1, t2 := l.objTypeName(a), l.objTypeName(b)
	if t1 == t2 {
		l.rtError("attempt to compare two %s values", t1)
	}
	l.rtError("attempt to compare %s with %s", t1, t2)
}

func numLess(a, b value.Value) bool {
	if a.IsInt() {
		if b.IsInt() {
			return a.AsInt() < b.AsInt()
		}
		return intLessFloat(a.AsInt(), b.AsFloat())
	}
	if b.IsFloat() {
		return a.AsFloat() < b.AsFloat()
	}
	return floatLessInt(a.AsFloat(), b.AsInt())
}

func numLessEq(a, b value.Value) bool {
	if a.IsInt() {
		if b.IsInt() {
			return a.AsInt() <= b.AsInt()
		}
		return intLessEqFloat(a.AsInt(), b.AsFloat())
	}
	if b.IsFloat() {
		return a.AsFloat() <= b.AsFloat()
	}
	return floatLessEqInt(a.AsFloat(), b.AsInt())
}

// Exact integer/float comparisons (lvm.c LTintfloat and friends).
func intLessFloat(i int64, f float64) bool {
	if math.IsNaN(f) {
		return false
	}
	if f >= 9223372036854775808.0 {
		return true
	}
	if f > -9223372036854775808.0 {
		c := math.Ceil(f) // i < f <=> i < ceil(f)
		return i < int64(c)
	}
	return false
}

func intLessEqFloat(i int64, f float64) bool {
	if math.IsNaN(f) {
		return false
	}
	if f >= 9223372036854775808.0 {
		return true
	}
	if f >= -9223372036854775808.0 {
		return i <= int64(math.Floor(f))
	}
	return false
}

func floatLessInt(f float64, i int64) bool {
	if math.IsNaN(f) {
		return false
	}
	if f >= 9223372036854775808.0 {
		return false
	}
	if f >= -9223372036854775808.0 {
		return int64(math.Floor(f)) < i
	}
	return true
}

func floatLessEqInt(f float64, i int64) bool {
	if math.IsNaN(f) {
		return false
	}
	if f >= 9223372036854775808.0 {
		return false
	}
	if f > -9223372036854775808.0 {
		return int64(math.Ceil(f)) <= i
	}
	return true
}

// equal implements a == b with __eq.
func (l *Thread) equal(a, b value.Value) bool {
	if value.RawEqual(a, b) {
		return true
	}
	ta, tb := a.Type(), b.Type()
	if ta != tb || (ta != value.TypeTable && ta != value.TypeUserdata) {
		return false
	}
	tm := l.metaOf(a, bc.TMEq)
	if tm.IsNil() {
		tm = l.metaOf(b, bc.TMEq)
	}
	if tm.IsNil() {
		return false
	}
	return l.mm1(tm, a, b).Truthy()
}

// length implements #v.
func (l *Thread) length(v value.Value, reg int) value.Value {
	if t := v.ToTable(); t != nil {
		if t.Meta != nil {
			if tm := t.Meta.GetStr("__len"); !tm.IsNil() {
				return l.mm1(tm, v, v)
			}
		}
		return value.Int(t.Len())
	}
	if v.IsString() {
		return value.Int(int64(v.StrLen()))
	}
	tm := l.metaOf(v, bc.TMLen)
	if tm.IsNil() {
		l.typeError(v, "get length of", l.varInfo(reg))
	}
	return l.mm1(tm, v, v)
}

// concat concatenates registers first..first+n-1 of the current frame into
// stack[first] (OP_CONCAT), right to left like luaV_concat.
func (l *Thread) concat(first, n int) {
	s := l.stack
	for n > 1 {
		top := first + n // one past the last
		a, b := s[top-2], s[top-1]
		sa, oka := l.toStringConcat(a)
		sb, okb := l.toStringConcat(b)
		if !oka || !okb {
			tm := l.metaOf(a, bc.TMConcat)
			if tm.IsNil() {
				tm = l.metaOf(b, bc.TMConcat)
			}
			if tm.IsNil() {
				base := l.frames[l.ci].base
				if oka {
					l.typeError(b, "concatenate", l.varInfo(top-1-base))
				}
				l.typeError(a, "concatenate", l.varInfo(top-2-base))
			}
			if l.deferMM {
				l.pend = pendingMM{tm: tm, a: a, b: b, nargs: 2, ok: true}
				l.pendAt = top
				return
			}
			r := l.call1(tm, a, b)
			s = l.stack
			s[top-2] = r
			n--
			continue
		}
		// collect as many string-convertible values as possible
		total := len(sa) + len(sb)
		k := 2
		for k < n {
			if x, ok := l.toStringConcat(s[top-k-1]); ok {
				total += len(x)
				k++
			} else {
				break
			}
		}
		if err := l.st.CheckAlloc(int64(total)); err != nil {
			l.goError(err)
		}
		buf := make([]byte, 0, total)
		for j := top - k; j < top; j++ {
			x, _ := l.toStringConcat(s[j])
			buf = append(buf, x...)
		}
		s[top-k] = value.OwnedBytes(buf)
		n -= k - 1
	}
}

func (l *Thread) toStringConcat(v value.Value) (string, bool) {
	if v.IsString() {
		return v.AsString(), true
	}
	if v.IsNumber() {
		return l.st.NumberToString(v), true
	}
	return "", false
}

// NumberToString formats the number v as tostring does in the State's
// language mode: like lua5.4 ("5.0" for 10/2), or like LuaJIT ("5") under
// Options.LuaJIT.
func (st *State) NumberToString(v value.Value) string {
	if st.opts.LuaJIT {
		return value.NumberToStringLuaJIT(v)
	}
	return value.NumberToString(v)
}

// tostring implements luaL_tolstring.
func (l *Thread) tostring(v value.Value) value.Value {
	if tm := l.MetaField(v, "__tostring"); !tm.IsNil() {
		r := l.call1(tm, v, value.Nil)
		if !r.IsString() && !r.IsNumber() {
			l.throw(value.String(l.goWhere() + "'__tostring' must return a string"))
		}
		if r.IsNumber() {
			return value.String(l.st.NumberToString(r))
		}
		return r
	}
	switch v.Type() {
	case value.TypeNil:
		return value.String("nil")
	case value.TypeBoolean:
		if v.AsBool() {
			return value.String("true")
		}
		return value.String("false")
	case value.TypeInteger, value.TypeFloat:
		return value.String(l.st.NumberToString(v))
	case value.TypeString:
		return v
	}
	name := v.TypeName()
	if n := l.MetaField(v, "__name"); n.IsString() {
		name = n.AsString()
	}
	return value.String(name + ": " + Address(v))
}

// maxShortLen is the reference's LUAI_MAXSHORTLEN: strings up to this
// length are interned there.
const maxShortLen = 40

// Address returns the address Lua shows for v ("0x..."), as tostring and
// string.format's %p print it: that of the object for tables, functions,
// coroutines and userdata, that of the bytes for strings, and "(null)"
// for values that are not objects (nil, booleans, numbers).
func Address(v value.Value) string {
	if p := v.Object(); p != nil {
		if v.IsString() {
			s := v.AsString()
			if len(s) == 0 {
				return fmt.Sprintf("%p", p) // the empty string's sentinel
			}
			if len(s) <= maxShortLen {
				// The reference interns short strings, so equal short
				// strings show one address; tide does not intern, and
				// shows an address derived from the contents instead.
				return fmt.Sprintf("0x%x", 0x7e0000000000|value.StringHash(s)&0xfffffffff0)
			}
			return fmt.Sprintf("%p", unsafe.StringData(s))
		}
		return fmt.Sprintf("%p", p)
	}
	return "(null)"
}

// goWhere is luaL_where(L, 1) for an error raised on behalf of the running
// Go function: the position of its Lua caller.
func (l *Thread) goWhere() string {
	if l.frames[l.ci].cl == nil {
		return l.where(l.ci - 1)
	}
	return l.where(l.ci)
}

// arithError raises an integer division error. With string operands the
// reference computes in the string library's metamethods (C functions), so
// the message has no position.
func (l *Thread) arithError(a, b value.Value, msg string) {
	if a.IsString() || b.IsString() {
		l.throw(value.String(msg))
	}
	l.rtError("%s", msg)
}
