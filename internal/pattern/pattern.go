// Package pattern implements Lua 5.4 patterns (§6.4.1): the matcher behind
// string.find, string.match, string.gmatch and string.gsub.
//
// It works on byte offsets into a subject string and knows nothing of Lua
// values or of the vm: the string library turns the captures into values.
// The matcher mirrors the reference's lstrlib.c backtracking algorithm so
// that results, including the "pattern too complex" limit, agree with
// lua5.4. Errors carry the reference's messages; a Hook lets a caller
// interrupt a long (catastrophically backtracking) match.
//
// This package imports only the standard library.
package pattern

import "strconv"

// MaxCaptures is the maximum number of captures in a pattern
// (LUA_MAXCAPTURES).
const MaxCaptures = 32

// maxMatchDepth bounds the matcher's non-tail recursion, like the
// reference's MAXCCALLS; deeper patterns fail with "pattern too complex".
const maxMatchDepth = 200

// HookInterval is the number of matching steps between two calls of
// Matcher.Hook.
const HookInterval = 4096

const (
	capUnfinished = -1
	capPosition   = -2
)

// Error is a malformed-pattern or matcher error; its text is the
// reference's message (e.g. "malformed pattern (missing ']')").
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// ErrTooComplex is returned when the matcher nests deeper than the
// reference allows.
var ErrTooComplex = &Error{Msg: "pattern too complex"}

type capture struct {
	init int // offset in the subject
	len  int // length, capUnfinished or capPosition
}

// abort carries an error out of the recursive matcher; it is recovered in
// the exported methods.
type abort struct{ err error }

// Matcher matches one pattern against one subject. The zero value is not
// usable: call Reset first. A Matcher is not safe for concurrent use; it
// can be reused for several matches (Reset is cheap and does not allocate).
type Matcher struct {
	src   string
	pat   string
	level int
	depth int
	caps  [MaxCaptures]capture
	steps int64

	// Hook, when non-nil, is called every HookInterval matching steps with
	// the total number of steps taken since Reset. A non-nil error aborts
	// the match and is returned unchanged by the method that was running
	// (quota and cancellation errors pass through).
	Hook func(steps int64) error

	// Budget, when non-nil, is billed every HookInterval steps for the
	// steps taken since its last bill (an instruction quota: *vm.Thread
	// is one). An error aborts the match like Hook's. Unlike a Hook
	// closure, setting it allocates nothing.
	Budget interface{ Charge(units int64) error }
	billed int64
}

// Reset prepares m to match pat against src.
func (m *Matcher) Reset(src, pat string) {
	m.src, m.pat = src, pat
	m.level = 0
	m.depth = maxMatchDepth
	m.steps = 0
	m.billed = 0
}

// Steps returns the number of matching steps taken since Reset.
func (m *Matcher) Steps() int64 { return m.steps }

func (m *Matcher) fail(msg string) { panic(abort{&Error{Msg: msg}}) }

func (m *Matcher) recoverErr(err *error) {
	if r := recover(); r != nil {
		a, ok := r.(abort)
		if !ok {
			panic(r)
		}
		*err = a.err
	}
}

// Match tries to match the pattern, starting at pattern offset p (1 to skip
// a leading '^' anchor, else 0), at subject offset s. It returns the end
// offset of the match, or -1 when the pattern does not match there. The
// captures are then available through Capture.
func (m *Matcher) Match(s, p int) (end int, err error) {
	defer m.recoverErr(&err)
	m.level = 0
	m.depth = maxMatchDepth
	return m.match(s, p), nil
}

// Find looks for the first match at or after subject offset init, honouring
// a leading '^' anchor. It returns the match's bounds, or start = -1.
func (m *Matcher) Find(init int) (start, end int, err error) {
	p := 0
	anchor := len(m.pat) > 0 && m.pat[0] == '^'
	if anchor {
		p = 1
	}
	return m.FindFrom(init, p, -1, anchor)
}

// FindFrom tries the pattern, from pattern offset p, at subject offsets s,
// s+1, ... (only s when anchored) and returns the first match whose end is
// not last (gmatch and gsub pass the end of their previous match so that
// an empty match there is skipped; -1 accepts any). start is -1 when there
// is no such match.
func (m *Matcher) FindFrom(s, p, last int, anchored bool) (start, end int, err error) {
	defer m.recoverErr(&err)
	for ; s <= len(m.src); s++ {
		m.level = 0
		m.depth = maxMatchDepth
		if e := m.match(s, p); e >= 0 && e != last {
			return s, e, nil
		}
		if anchored {
			break
		}
	}
	return -1, -1, nil
}

// NumCaptures returns how many values a successful match produces: the
// number of captures, or 1 (the whole match) when the pattern has none and
// whole is true (find reports none, match/gmatch report the whole match).
func (m *Matcher) NumCaptures(whole bool) int {
	if m.level == 0 && whole {
		return 1
	}
	return m.level
}

// Capture returns capture i (0-based) of the last successful match of
// [s, e): its bounds, or, for a position capture "()", pos >= 1 holding the
// 1-based position. With no captures in the pattern, capture 0 is the whole
// match.
func (m *Matcher) Capture(i, s, e int) (start, end, pos int, err error) {
	if i >= m.level {
		if i != 0 {
			return 0, 0, 0, &Error{Msg: "invalid capture index %" + strconv.Itoa(i+1)}
		}
		return s, e, 0, nil
	}
	c := m.caps[i]
	switch c.len {
	case capUnfinished:
		return 0, 0, 0, &Error{Msg: "unfinished capture"}
	case capPosition:
		return c.init, c.init, c.init + 1, nil
	}
	return c.init, c.init + c.len, 0, nil
}

// at returns the pattern byte at i, or 0 past the end (the C code reads
// the terminating NUL there).
func (m *Matcher) at(i int) byte {
	if i < len(m.pat) {
		return m.pat[i]
	}
	return 0
}

// srcAt returns the subject byte at i, or 0 past the end.
func (m *Matcher) srcAt(i int) byte {
	if i < len(m.src) {
		return m.src[i]
	}
	return 0
}

func (m *Matcher) step() {
	m.steps++
	if m.steps%HookInterval == 0 && (m.Hook != nil || m.Budget != nil) {
		m.checkpoint()
	}
}

// checkpoint calls the Hook and bills the Budget.
//
//go:noinline
func (m *Matcher) checkpoint() {
	if m.Hook != nil {
		if err := m.Hook(m.steps); err != nil {
			panic(abort{err})
		}
	}
	if m.Budget != nil {
		n := m.steps - m.billed
		m.billed = m.steps
		if err := m.Budget.Charge(n); err != nil {
			panic(abort{err})
		}
	}
}

// match is the reference's do_match: it returns the end of the match of
// pattern[p:] at src[s:], or -1. Tail calls are loops so that only real
// backtracking points count against the depth limit.
func (m *Matcher) match(s, p int) (r int) {
	if m.depth == 0 {
		panic(abort{ErrTooComplex})
	}
	m.depth--
	for {
		m.step()
		if p >= len(m.pat) {
			r = s
			goto done
		}
		switch m.pat[p] {
		case '(':
			if m.at(p+1) == ')' {
				r = m.startCapture(s, p+2, capPosition)
				goto done
			}
			r = m.startCapture(s, p+1, capUnfinished)
			goto done
		case ')':
			r = m.endCapture(s, p+1)
			goto done
		case '$':
			if p+1 == len(m.pat) {
				if s == len(m.src) {
					r = s
					goto done
				}
				r = -1
				goto done
			}
		case '%':
			switch c := m.at(p + 1); {
			case c == 'b':
				s = m.matchBalance(s, p+2)
				if s < 0 {
					r = -1
					goto done
				}
				p += 4
				continue
			case c == 'f':
				p += 2
				if m.at(p) != '[' {
					m.fail("missing '[' after '%f' in pattern")
				}
				ep := m.classEnd(p)
				var prev byte
				if s > 0 {
					prev = m.src[s-1]
				}
				if !m.matchBracketClass(prev, p, ep-1) && m.matchBracketClass(m.srcAt(s), p, ep-1) {
					p = ep
					continue
				}
				r = -1
				goto done
			case c >= '0' && c <= '9':
				s = m.matchCapture(s, c)
				if s < 0 {
					r = -1
					goto done
				}
				p += 2
				continue
			}
		}
		// A single-character class with an optional suffix.
		ep := m.classEnd(p)
		suffix := m.at(ep)
		if !m.singleMatch(s, p, ep) {
			if suffix == '*' || suffix == '?' || suffix == '-' {
				p = ep + 1
				continue
			}
			r = -1
			goto done
		}
		switch suffix {
		case '?':
			if r = m.match(s+1, ep+1); r >= 0 {
				goto done
			}
			p = ep + 1
			continue
		case '+':
			r = m.maxExpand(s+1, p, ep)
			goto done
		case '*':
			r = m.maxExpand(s, p, ep)
			goto done
		case '-':
			r = m.minExpand(s, p, ep)
			goto done
		}
		s++
		p = ep
	}
done:
	m.depth++
	return r
}

// classEnd returns the offset just past the single-character class that
// starts at p.
func (m *Matcher) classEnd(p int) int {
	c := m.pat[p]
	p++
	switch c {
	case '%':
		if p >= len(m.pat) {
			m.fail("malformed pattern (ends with '%')")
		}
		return p + 1
	case '[':
		if m.at(p) == '^' {
			p++
		}
		for {
			if p >= len(m.pat) {
				m.fail("malformed pattern (missing ']')")
			}
			c := m.pat[p]
			p++
			if c == '%' && p < len(m.pat) {
				p++
			}
			if m.at(p) == ']' {
				return p + 1
			}
		}
	}
	return p
}

// singleMatch reports whether the class at pattern[p:ep] matches src[s].
func (m *Matcher) singleMatch(s, p, ep int) bool {
	m.step()
	if s >= len(m.src) {
		return false
	}
	c := m.src[s]
	switch m.pat[p] {
	case '.':
		return true
	case '%':
		return matchClass(c, m.pat[p+1])
	case '[':
		return m.matchBracketClass(c, p, ep-1)
	}
	return m.pat[p] == c
}

// matchBracketClass matches c against the set pattern[p:ec+1], where p is
// the '[' and ec the closing ']'.
func (m *Matcher) matchBracketClass(c byte, p, ec int) bool {
	sig := true
	if m.at(p+1) == '^' {
		sig = false
		p++
	}
	for p++; p < ec; p++ {
		switch {
		case m.pat[p] == '%':
			p++
			if matchClass(c, m.at(p)) {
				return sig
			}
		case m.at(p+1) == '-' && p+2 < ec:
			p += 2
			if m.pat[p-2] <= c && c <= m.pat[p] {
				return sig
			}
		case m.pat[p] == c:
			return sig
		}
	}
	return !sig
}

func (m *Matcher) maxExpand(s, p, ep int) int {
	i := 0
	for m.singleMatch(s+i, p, ep) {
		i++
	}
	for ; i >= 0; i-- {
		if r := m.match(s+i, ep+1); r >= 0 {
			return r
		}
	}
	return -1
}

func (m *Matcher) minExpand(s, p, ep int) int {
	for {
		if r := m.match(s, ep+1); r >= 0 {
			return r
		}
		if !m.singleMatch(s, p, ep) {
			return -1
		}
		s++
	}
}

func (m *Matcher) startCapture(s, p, what int) int {
	if m.level >= MaxCaptures {
		m.fail("too many captures")
	}
	m.caps[m.level] = capture{init: s, len: what}
	m.level++
	r := m.match(s, p)
	if r < 0 {
		m.level--
	}
	return r
}

func (m *Matcher) endCapture(s, p int) int {
	l := m.captureToClose()
	m.caps[l].len = s - m.caps[l].init
	r := m.match(s, p)
	if r < 0 {
		m.caps[l].len = capUnfinished
	}
	return r
}

func (m *Matcher) captureToClose() int {
	for l := m.level - 1; l >= 0; l-- {
		if m.caps[l].len == capUnfinished {
			return l
		}
	}
	m.fail("invalid pattern capture")
	return 0
}

func (m *Matcher) matchBalance(s, p int) int {
	if p+1 >= len(m.pat) {
		m.fail("malformed pattern (missing arguments to '%b')")
	}
	if s >= len(m.src) || m.src[s] != m.pat[p] {
		return -1
	}
	b, e := m.pat[p], m.pat[p+1]
	cont := 1
	for s++; s < len(m.src); s++ {
		m.step()
		switch m.src[s] {
		case e:
			cont--
			if cont == 0 {
				return s + 1
			}
		case b:
			cont++
		}
	}
	return -1
}

func (m *Matcher) matchCapture(s int, c byte) int {
	l := int(c) - '1'
	if l < 0 || l >= m.level || m.caps[l].len == capUnfinished {
		m.fail("invalid capture index %" + strconv.Itoa(l+1))
	}
	n := m.caps[l].len
	if n < 0 || len(m.src)-s < n {
		return -1
	}
	init := m.caps[l].init
	if m.src[s:s+n] == m.src[init:init+n] {
		return s + n
	}
	return -1
}
