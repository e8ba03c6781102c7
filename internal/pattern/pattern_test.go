package pattern

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// find renders the result of string.find(src, pat) as "start|end|caps..."
// with 1-based positions, or "nil", or the error message.
func find(src, pat string) string {
	var m Matcher
	m.Reset(src, pat)
	s, e, err := m.Find(0)
	if err != nil {
		return err.Error()
	}
	if s < 0 {
		return "nil"
	}
	out := []string{strconv.Itoa(s + 1), strconv.Itoa(e)}
	for i := 0; i < m.NumCaptures(false); i++ {
		cs, ce, pos, err := m.Capture(i, s, e)
		if err != nil {
			return err.Error()
		}
		if pos > 0 {
			out = append(out, strconv.Itoa(pos))
		} else {
			out = append(out, src[cs:ce])
		}
	}
	return strings.Join(out, "|")
}

// Expectations from lua5.4: string.find(src, pat) with results joined by "|".
var findTests = []struct{ src, pat, want string }{
	{"hello world", "o w", "5|7"},
	{"hello", "^h", "1|1"},
	{"hello", "^e", "nil"},
	{"hello", "o$", "5|5"},
	{"hello", "l$", "nil"},
	{"hello", "l+", "3|4"},
	{"hello", "l*", "1|0"},
	{"hello", "xl*", "nil"},
	{"hello", "h.-l", "1|3"},
	{"hello", "h.*l", "1|4"},
	{"hello", "h?e", "1|2"},
	{"ello", "h?e", "1|1"},
	{"  key = value ", "(%w+)%s*=%s*(%w+)", "3|13|key|value"},
	{"abc", "()b()", "2|2|2|3"},
	{"abc", "(a)(b)(c)", "1|3|a|b|c"},
	{"THE (quick) fox", "%((%a+)%)", "5|11|quick"},
	{"f(a(b)c)d", "%b()", "2|8"},
	{"x = [[a]]", "%[(=*)%[(.-)%]%1%]", "5|9||a"},
	{"THE (quick) fox", "%f[%a]%a+", "1|3"},
	{"hello", "%f[%l]", "1|0"},
	{"aXb", "%u", "2|2"},
	{"a1b2", "%d+", "2|2"},
	{"a,b;c", "%p", "2|2"},
	{"a\x09b", "%s", "2|2"},
	{"a\x00b", "%z", "2|2"},
	{"a\x00b", "%c", "2|2"},
	{"abc", "[b-c]+", "2|3"},
	{"abc", "[^a]+", "2|3"},
	{"a-b", "[a%-]+", "1|2"},
	{"a]b", "[]]", "2|2"},
	{"a]b", "[%]]", "2|2"},
	{"a^b", "[%^]", "2|2"},
	{"a^b", "[b^]+", "2|3"},
	{"0x1F", "%x+", "1|1"},
	{"hello", ".-$", "1|5"},
	{"hello", "(h)(e)(l)(l)(o)", "1|5|h|e|l|l|o"},
	{"hello", "((h)(e))", "1|2|he|h|e"},
	{"abab", "(ab)%1", "1|4|ab"},
	{"aaa", "a-b", "nil"},
	{"aaab", "a-b", "1|4"},
	{"", "", "1|0"},
	{"", "a*", "1|0"},
	{"abc", "", "1|0"},
	{"abc", "$", "4|3"},
	{"a$c", "$c", "2|3"},
	{"a.b", "%.", "2|2"},
	{"a+b", "a+b", "nil"},
	{"[x]", "%[x%]", "1|3"},
	{"THE", "%U", "nil"},
	{"the", "%L+", "nil"},
	{"a b", "%S+", "1|1"},
	{"a_b", "%W", "2|2"},
	{"abc", "%A", "nil"},
	{"abc", "[%a_][%w_]*", "1|3"},
	{"a.b", "[.]", "2|2"},
	{"hello", "[^%s]+", "1|5"},
	{"12ab", "%D+", "3|4"},
	{"a12", "%X", "nil"},
	{"%", "%%", "1|1"},
	{"a-b", "a%-b", "1|3"},
	{"ab", "a?b?c?", "1|2"},
	{"x", "(x?)", "1|1|x"},
	{"abc", "a(.)c", "1|3|b"},
	{"\xff\x01", "[\x01-\xff]+", "1|2"},
	{"()", "%(%)", "1|2"},
	{"aaa", "^(a-)a$", "1|3|aa"},
	{"foo.bar.baz", "^(.-)%.(.*)$", "1|11|foo|bar.baz"},
	{"x", "()", "1|0|1"},
	{"abc", "%f[%z]", "4|3"},
	{"abc", "%f[^%z]", "1|0"},
	{"hello world from lua", "(%w+) (%w+)", "1|11|hello|world"},
	{"alo", "%f[%S].-%f[%s].-%f[%S]", "nil"},
	{"[[]]", "%[(=*)%[", "1|2|"},
	{"aAbB", "%l%u", "1|2"},
	{"ab", "[a-]+", "1|1"},
	{"-a", "[-a]+", "1|2"},
	{"a", "[a-a]", "1|1"},
	{"b", "[a-]", "nil"},
}

func TestFind(t *testing.T) {
	for _, tc := range findTests {
		t.Run(tc.src+"~"+tc.pat, func(t *testing.T) {
			if got := find(tc.src, tc.pat); got != tc.want {
				t.Errorf("find(%q, %q) = %q, want %q", tc.src, tc.pat, got, tc.want)
			}
		})
	}
}

// Error messages from lua5.4 (string.find("abc", pat)).
func TestErrors(t *testing.T) {
	tests := []struct{ src, pat, want string }{
		{"abc", "%", "malformed pattern (ends with '%')"},
		{"abc", "[a", "malformed pattern (missing ']')"},
		{"abc", "[]", "malformed pattern (missing ']')"},
		{"abc", "[^]", "malformed pattern (missing ']')"},
		{"abc", "[%", "malformed pattern (missing ']')"},
		{"abc", "[a-%", "malformed pattern (missing ']')"},
		{"abc", "%f", "missing '[' after '%f' in pattern"},
		{"abc", "%fa", "missing '[' after '%f' in pattern"},
		{"abc", "(%1)", "invalid capture index %1"},
		{"abc", "%1", "invalid capture index %1"},
		{"abc", "%0", "invalid capture index %0"},
		{"abc", "(()", "unfinished capture"},
		{"abc", "(", "unfinished capture"},
		{"abc", "a)", "invalid pattern capture"},
		{"abc", "%b", "malformed pattern (missing arguments to '%b')"},
		{"abc", "%ba", "malformed pattern (missing arguments to '%b')"},
		{"abc", strings.Repeat("(", 33) + "a" + strings.Repeat(")", 33), "too many captures"},
		{strings.Repeat("a", 300), strings.Repeat("a?", 300) + strings.Repeat("a", 300), "pattern too complex"},
		{strings.Repeat("a", 1000), strings.Repeat("a?", 200), "pattern too complex"},
		{strings.Repeat("a", 1000), strings.Repeat("a?", 199), "1|199"},
		{strings.Repeat("a", 1000), strings.Repeat("a", 300), "1|300"},
	}
	for _, tc := range tests {
		name := tc.pat
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(name, func(t *testing.T) {
			if got := find(tc.src, tc.pat); got != tc.want {
				t.Errorf("find(%q, %q) = %q, want %q", tc.src, tc.pat, got, tc.want)
			}
		})
	}
}

func TestMatchAtOffsets(t *testing.T) {
	var m Matcher
	m.Reset("hello world", "^(%w+)")
	if s, e, err := m.Find(6); err != nil || s != 6 || e != 11 {
		t.Fatalf("Find(6) = %d, %d, %v", s, e, err)
	}
	if s, _, _ := m.Find(5); s != -1 {
		t.Fatalf("anchored Find(5) = %d, want -1", s)
	}
	m.Reset("abc", "")
	if s, e, _ := m.Find(3); s != 3 || e != 3 {
		t.Fatalf("empty pattern at end: %d %d", s, e)
	}
}

func TestHookInterrupts(t *testing.T) {
	stop := errors.New("stop")
	var m Matcher
	calls := 0
	m.Hook = func(steps int64) error {
		calls++
		if steps > 100000 {
			return stop
		}
		return nil
	}
	// Catastrophic backtracking: polynomial of high degree.
	m.Reset(strings.Repeat("a", 5000), strings.Repeat("a*", 30)+"b")
	_, _, err := m.Find(0)
	if err != stop {
		t.Fatalf("err = %v, want the hook's error", err)
	}
	if calls == 0 || m.Steps() <= 100000 {
		t.Fatalf("hook calls %d, steps %d", calls, m.Steps())
	}
}

func FuzzPattern(f *testing.F) {
	for _, tc := range findTests {
		f.Add(tc.src, tc.pat)
	}
	f.Add("((a))", "%b()%f[%w]%1")
	f.Fuzz(func(t *testing.T, src, pat string) {
		var m Matcher
		m.Hook = func(steps int64) error {
			if steps > 1<<17 {
				return errors.New("budget")
			}
			return nil
		}
		m.Reset(src, pat)
		s, e, err := m.Find(0)
		if err != nil {
			return
		}
		if s < 0 {
			return
		}
		if s > e || e > len(src) {
			t.Fatalf("bad bounds %d %d", s, e)
		}
		for i := 0; i < m.NumCaptures(true); i++ {
			cs, ce, pos, err := m.Capture(i, s, e)
			if err != nil {
				continue
			}
			if pos == 0 && (cs < 0 || ce < cs || ce > len(src)) {
				t.Fatalf("bad capture %d: %d %d", i, cs, ce)
			}
		}
	})
}
