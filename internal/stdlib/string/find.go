package string

import (
	"strings"

	"github.com/tidelua/tide/internal/pattern"
	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// string.find, match, gmatch and gsub (lstrlib.c str_find_aux,
// gmatch_aux, str_gsub) over internal/pattern.

// specials are the characters that make a pattern more than plain text.
const specials = "^$*+?.([%-"

// newMatcher returns a matcher for pat against s whose steps are billed
// to the State's instruction quota (check.Charge).
func newMatcher(l *vm.Thread, s, pat string) *pattern.Matcher {
	m := &pattern.Matcher{}
	if check.Charging(l) {
		m.Budget = l
	}
	m.Reset(s, pat)
	return m
}

// matchErr converts a pattern error into a Lua error (luaL_error: position
// prefix); other errors (hook, quota) pass through.
func matchErr(err error) error {
	if pe, ok := err.(*pattern.Error); ok {
		return errString(pe.Msg)
	}
	return err
}

// pushCaptures returns the captures of the match [s, e) as values; whole
// selects the whole match when the pattern has no captures.
func pushCaptures(l *vm.Thread, m *pattern.Matcher, src string, s, e int, whole bool, extra int) ([]value.Value, error) {
	n := m.NumCaptures(whole)
	res := l.RetN(extra + n)
	for i := range n {
		v, err := captureValue(m, src, i, s, e)
		if err != nil {
			return nil, err
		}
		res[extra+i] = v
	}
	return res, nil
}

func captureValue(m *pattern.Matcher, src string, i, s, e int) (value.Value, error) {
	cs, ce, pos, err := m.Capture(i, s, e)
	if err != nil {
		return value.Nil, matchErr(err)
	}
	if pos > 0 {
		return value.Int(int64(pos)), nil
	}
	return value.String(src[cs:ce]), nil
}

func strFind(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return findAux(l, args, true)
}

func strMatch(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	return findAux(l, args, false)
}

func findAux(l *vm.Thread, args []value.Value, find bool) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	pat, err := check.String(args, 2)
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 3, 1)
	if err != nil {
		return nil, err
	}
	init := posRelat(i, len(s)) - 1
	if init > int64(len(s)) {
		return l.Ret1(value.Nil), nil
	}
	if find && (check.Arg(args, 4).Truthy() || !strings.ContainsAny(pat, specials)) {
		if k := strings.Index(s[init:], pat); k >= 0 {
			start := int(init) + k
			return l.Ret(value.Int(int64(start+1)), value.Int(int64(start+len(pat)))), nil
		}
		return l.Ret1(value.Nil), nil
	}
	m := newMatcher(l, s, pat)
	start, end, err := m.Find(int(init))
	if err != nil {
		return nil, matchErr(err)
	}
	if start < 0 {
		return l.Ret1(value.Nil), nil
	}
	if find {
		res, err := pushCaptures(l, m, s, start, end, false, 2)
		if err != nil {
			return nil, err
		}
		res[0] = value.Int(int64(start + 1))
		res[1] = value.Int(int64(end))
		return res, nil
	}
	return pushCaptures(l, m, s, start, end, true, 0)
}

func strGmatch(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	s, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	pat, err := check.String(args, 2)
	if err != nil {
		return nil, err
	}
	i, err := check.OptInt(args, 3, 1)
	if err != nil {
		return nil, err
	}
	init := posRelat(i, len(s)) - 1
	if init > int64(len(s)) {
		init = int64(len(s)) + 1
	}
	m := newMatcher(l, s, pat)
	src, last := int(init), -1
	iter := func(l *vm.Thread, _ []value.Value) ([]value.Value, error) {
		if src > len(s) {
			return nil, nil
		}
		start, e, err := m.FindFrom(src, 0, last, false)
		if err != nil {
			return nil, matchErr(err)
		}
		if start < 0 {
			src = len(s) + 1
			return nil, nil
		}
		src, last = e, e
		return pushCaptures(l, m, s, start, e, true, 0)
	}
	return l.Ret1(vm.NewGoClosure("?", iter, value.String(s), value.String(pat))), nil
}

func strGsub(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	src, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	pat, err := check.String(args, 2)
	if err != nil {
		return nil, err
	}
	repl := check.Arg(args, 3)
	maxN, err := check.OptInt(args, 4, int64(len(src))+1)
	if err != nil {
		return nil, err
	}
	switch repl.Type() {
	case value.TypeInteger, value.TypeFloat, value.TypeString, value.TypeTable,
		value.TypeFunction, value.TypeGoFunction:
	default:
		return nil, vm.TypeError(args, 3, "string/function/table")
	}
	orig := check.Arg(args, 1)
	var replStr string
	if s, ok := value.ToStringCoerce(repl); ok {
		replStr = s
	}
	p := 0
	anchor := len(pat) > 0 && pat[0] == '^'
	if anchor {
		p = 1
	}
	m := newMatcher(l, src, pat)
	var b []byte
	changed := false
	n := int64(0)
	s, last := 0, -1
	for n < maxN {
		start, e, err := m.FindFrom(s, p, last, anchor)
		if err != nil {
			return nil, matchErr(err)
		}
		if start < 0 {
			break
		}
		n++
		if b, err = appendChecked(l, b, src[s:start]); err != nil {
			return nil, err
		}
		var ch bool
		b, ch, err = addValue(l, m, b, src, start, e, repl, replStr)
		if err != nil {
			return nil, err
		}
		changed = changed || ch
		s, last = e, e
		if anchor {
			break
		}
	}
	if !changed {
		if !orig.IsString() {
			orig = value.String(src)
		}
		return l.Ret(orig, value.Int(n)), nil
	}
	b = append(b, src[s:]...)
	return l.Ret(value.OwnedBytes(b), value.Int(n)), nil
}

// addValue appends the replacement for the match [s, e) (add_value); it
// reports whether the text changed.
func addValue(l *vm.Thread, m *pattern.Matcher, b []byte, src string, s, e int, repl value.Value, replStr string) ([]byte, bool, error) {
	var r value.Value
	switch {
	case repl.IsTable():
		k, err := captureValue(m, src, 0, s, e)
		if err != nil {
			return b, false, err
		}
		t := repl.AsTable()
		if t.Meta == nil {
			r = t.Get(k)
		} else if r, err = l.Index(repl, k); err != nil {
			return b, false, err
		}
	case repl.IsFunction():
		caps, err := pushCaptures(l, m, src, s, e, true, 0)
		if err != nil {
			return b, false, err
		}
		caps = append([]value.Value(nil), caps...)
		if r, err = l.Call1(repl, caps...); err != nil {
			return b, false, err
		}
	default:
		b, err := addString(l, m, b, src, s, e, replStr)
		return b, true, err
	}
	if r.IsFalsy() {
		b, err := appendChecked(l, b, src[s:e])
		return b, false, err
	}
	str, ok := value.ToStringCoerce(r)
	if !ok {
		return b, false, errString("invalid replacement value (a " + r.TypeName() + ")")
	}
	b, err := appendChecked(l, b, str)
	return b, true, err
}

// appendChecked appends s to b, growing b only with the vm's permission
// ("not enough memory" otherwise).
func appendChecked(l *vm.Thread, b []byte, s string) ([]byte, error) {
	b, err := l.State().Grow(b, len(s))
	if err != nil {
		return b, err
	}
	return append(b, s...), nil
}

// addString appends a replacement string with its %0-%9 and %% escapes
// (add_s).
func addString(l *vm.Thread, m *pattern.Matcher, b []byte, src string, s, e int, news string) ([]byte, error) {
	for {
		k := strings.IndexByte(news, '%')
		if k < 0 {
			break
		}
		var err error
		if b, err = appendChecked(l, b, news[:k]); err != nil {
			return b, err
		}
		var c byte
		if k+1 < len(news) {
			c = news[k+1]
		}
		switch {
		case c == '%':
			b = append(b, '%')
		case c == '0':
			var err error
			if b, err = appendChecked(l, b, src[s:e]); err != nil {
				return b, err
			}
		case isDigit(c):
			v, err := captureValue(m, src, int(c-'1'), s, e)
			if err != nil {
				return b, err
			}
			str, _ := value.ToStringCoerce(v)
			if b, err = appendChecked(l, b, str); err != nil {
				return b, err
			}
		default:
			return b, errString("invalid use of '%' in replacement string")
		}
		news = news[min(k+2, len(news)):]
	}
	return appendChecked(l, b, news)
}
