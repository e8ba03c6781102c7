// Package string is Lua's string library (§6.4): string.len, sub, rep,
// format, find, gsub, ... and the string metatable whose __index makes
// s:method() work. Patterns are matched by internal/pattern.
package string

import (
	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
	"math"
)

// Open registers the string table in st's globals and sets the metatable
// shared by all strings (__index = string, plus the arithmetic
// metamethods that coerce strings to numbers, as lstrlib.c does).
func Open(st *vm.State) {
	t := value.NewTable(0, 24)
	reg := vm.Registrar(t, "string")
	reg("len", strLen)
	reg("sub", strSub)
	reg("upper", strUpper)
	reg("lower", strLower)
	reg("rep", strRep)
	reg("byte", strByte)
	reg("char", strChar)
	reg("reverse", strReverse)
	reg("format", strFormat)
	reg("find", strFind)
	reg("match", strMatch)
	reg("gmatch", strGmatch)
	reg("gsub", strGsub)
	reg("pack", strPack)
	reg("unpack", strUnpack)
	reg("packsize", strPackSize)
	reg("dump", strDump)
	st.Globals().SetStr("string", value.TableValue(t))

	meta := value.NewTable(0, 12)
	meta.SetStr("__index", value.TableValue(t))
	openArith(meta)
	st.SetStringMeta(meta)
}

// posRelat turns a relative initial position into an absolute one
// (posrelatI): negative counts from the end, 0 and too negative become 1.
func posRelat(pos int64, n int) int64 {
	switch {
	case pos > 0:
		return pos
	case pos == 0:
		return 1
	case pos < -int64(n):
		return 1
	}
	return int64(n) + pos + 1
}

// endPos clips an end position to [0, n] (getendpos).
func endPos(pos int64, n int) int64 {
	switch {
	case pos > int64(n):
		return int64(n)
	case pos >= 0:
		return pos
	case pos < -int64(n):
		return 0
	}
	return int64(n) + pos + 1
}

func strLen(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	return l.Ret1(value.Int(int64(len(s)))), nil
}

func strSub(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	i, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	j, err := check.OptInt(args, 3, -1)
	if err != nil {
		return nil, err
	}
	start, end := posRelat(i, len(s)), endPos(j, len(s))
	if start > end {
		return l.Ret1(value.String("")), nil
	}
	return l.Ret1(value.String(s[start-1 : end])), nil
}

func strUpper(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

func strLower(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

func strReverse(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	b := make([]byte, len(s))
	for i := range len(s) {
		b[len(s)-1-i] = s[i]
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

// maxStringSize is lstrlib.c's MAXSIZE (INT_MAX where int is smaller than
// size_t): string.rep results beyond it give "resulting string too large".
const maxStringSize = 1<<31 - 1

// checkAlloc asks the vm whether n more bytes may be allocated ("not enough
// memory" otherwise).
func checkAlloc(l *vm.Thread, n int64) error { return l.State().CheckAlloc(n) }

func strRep(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	n, err := check.Int(args, 2)
	if err != nil {
		return nil, err
	}
	sep, err := check.OptString(args, 3, "")
	if err != nil {
		return nil, err
	}
	if n <= 0 || len(s)+len(sep) == 0 {
		return l.Ret1(value.String("")), nil
	}
	unit := int64(len(s)) + int64(len(sep))
	if unit > maxStringSize/n {
		// Under a memory quota, a result that could never fit in it stops
		// the run like any other allocation over the quota: a sandboxed
		// script must not learn to pcall around it.
		if q := l.State().MemoryQuota(); q > 0 && (unit > q/n || n*unit > q) {
			return nil, checkAlloc(l, math.MaxInt64)
		}
		return nil, errString("resulting string too large")
	}
	total := n*unit - int64(len(sep))
	if err := checkAlloc(l, total); err != nil {
		return nil, err
	}
	// One unit (s and sep), then the filled part copied onto the rest,
	// doubling: O(log n) copies instead of n small writes. The copies go
	// in pieces of repChunk bytes, each billed to the quotas (one unit
	// per 64 bytes), so that a cancelled run stops inside a huge rep.
	b := make([]byte, total)
	filled := copy(b, s)
	filled += copy(b[filled:], sep)
	charging := check.Charging(l)
	step := int64(repChunk) - repChunk%unit // a whole number of units
	for filled < len(b) {
		// filled is a whole number of units: the bytes from 0 repeat there
		m := copy(b[filled:], b[:min(int64(filled), max(step, unit))])
		filled += m
		if charging {
			if err := check.Charge(l, 1+int64(m)/64); err != nil {
				return nil, err
			}
		}
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

// repChunk is the largest piece string.rep copies at once.
const repChunk = 1 << 20

// maxResults bounds how many values string.byte returns at once (the
// reference fails in luaL_checkstack near LUAI_MAXSTACK).
const maxResults = 1000000 - 50

func strByte(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 2, 1)
	if err != nil {
		return nil, err
	}
	j, err := check.OptInt(args, 3, i)
	if err != nil {
		return nil, err
	}
	pi, pe := posRelat(i, len(s)), endPos(j, len(s))
	if pi > pe {
		return nil, nil
	}
	n := pe - pi + 1
	if n >= maxResults {
		return nil, errString("stack overflow (string slice too long)")
	}
	res := l.RetN(int(n))
	for k := range res {
		res[k] = value.Int(int64(s[pi-1+int64(k)]))
	}
	return res, nil
}

func strChar(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	b := make([]byte, len(args))
	for i := range args {
		c, err := check.Int(args, i+1)
		if err != nil {
			return nil, err
		}
		if uint64(c) > 255 {
			return nil, vm.ArgError(i+1, "value out of range")
		}
		b[i] = byte(c)
	}
	return l.Ret1(value.OwnedBytes(b)), nil
}

// errString is a plain error: the vm prefixes it with the caller's
// position, like luaL_error.
type errString string

func (e errString) Error() string { return string(e) }
