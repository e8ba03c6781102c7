package serve

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/tidelua/tide"
)

// ngx.re on Go's regexp package (RE2 syntax, linear time). Options:
// "i" (caseless), "m" (multi-line), "s" (dot matches newline), "x"
// (extended: whitespace and # comments outside classes ignored), "u"
// and "U" (UTF-8; matching is always UTF-8 here), "a" (anchored at the
// start position), "j", "o", "d", "D", "J" (accepted, no effect).
// Differences from PCRE: backreferences (\1, \k<name>), lookahead and
// lookbehind ((?=, (?!, (?<=, (?<!), atomic groups ((?>) and possessive
// quantifiers are not supported: the functions return nil and an error
// naming the construct. "." and classes match UTF-8 characters, not
// bytes, even without "u". With ctx.pos, matching starts on the rest of
// the subject, where ^ and \b see a start.

// reCache holds compiled regexes by options and pattern, shared by all
// States (a regexp.Regexp is safe for concurrent use).
type reCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

const maxCachedRegexes = 4096

func (c *reCache) get(pattern, flags string) (*regexp.Regexp, error) {
	key := flags + "\x00" + pattern
	c.mu.Lock()
	re, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return re, nil
	}
	src, err := translateRegex(pattern, flags)
	if err != nil {
		return nil, err
	}
	re, err = regexp.Compile(src)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "error parsing regexp") {
			msg = msg[i+2:]
		}
		return nil, fmt.Errorf("failed to compile regex \"%s\": %s", pattern, msg)
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*regexp.Regexp{}
	}
	if len(c.m) < maxCachedRegexes {
		c.m[key] = re
	}
	c.mu.Unlock()
	return re, nil
}

// translateRegex turns a PCRE pattern and ngx.re options into RE2
// syntax, or reports what RE2 cannot do.
func translateRegex(pattern, flags string) (string, error) {
	var prefix string
	anchored, extended := false, false
	for _, f := range flags {
		switch f {
		case 'i', 'm', 's':
			if !strings.ContainsRune(prefix, f) {
				prefix += string(f)
			}
		case 'x':
			extended = true
		case 'a':
			anchored = true
		case 'u', 'U', 'j', 'o', 'd', 'D', 'J':
		default:
			return "", fmt.Errorf("unknown flag \"%c\" (flags \"%s\")", f, flags)
		}
	}
	if extended {
		pattern = stripExtended(pattern)
	}
	if err := checkRegex(pattern); err != nil {
		return "", err
	}
	src := pattern
	if anchored {
		src = `\A(?:` + src + `)`
	}
	if prefix != "" {
		src = "(?" + prefix + ")" + src
	}
	return src, nil
}

// stripExtended drops the whitespace and # comments of an "x" pattern
// outside character classes and escapes.
func stripExtended(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
			b.WriteByte(c)
		case c == '[':
			inClass = true
			b.WriteByte(c)
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		case c == '#':
			for i < len(p) && p[i] != '\n' {
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// checkRegex finds the PCRE constructs RE2 lacks.
func checkRegex(p string) error {
	unsupported := func(what string) error {
		return fmt.Errorf("failed to compile regex \"%s\": %s not supported (tide's ngx.re is RE2: no backreferences or lookaround)", p, what)
	}
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\\' && i+1 < len(p) {
			n := p[i+1]
			if !inClass && (n >= '1' && n <= '9' || n == 'k' || n == 'g') {
				return unsupported("backreference \\" + string(n))
			}
			i++
			continue
		}
		if inClass {
			if c == ']' {
				inClass = false
			}
			continue
		}
		switch c {
		case '[':
			inClass = true
			if i+1 < len(p) && p[i+1] == '^' {
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				i++
			}
		case '(':
			rest := p[i+1:]
			switch {
			case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"):
				return unsupported("lookahead (" + rest[:2])
			case strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
				return unsupported("lookbehind (" + rest[:3])
			case strings.HasPrefix(rest, "?>"):
				return unsupported("atomic group (?>")
			}
		case '*', '+', '?', '}':
			if i+1 < len(p) && p[i+1] == '+' {
				return unsupported("possessive quantifier " + p[i:i+2])
			}
		}
	}
	return nil
}

// ngxRe are the functions of ngx.re.
func (w *worker) ngxRe() map[string]tide.Function {
	return map[string]tide.Function{
		"match":  w.luaReMatch,
		"find":   w.luaReFind,
		"gmatch": w.luaReGmatch,
		"sub":    func(s *tide.State, a []tide.Value) ([]tide.Value, error) { return w.luaReSub(s, a, "sub", false) },
		"gsub":   func(s *tide.State, a []tide.Value) ([]tide.Value, error) { return w.luaReSub(s, a, "gsub", true) },
		"split":  w.luaReSplit,
	}
}

// luaReSplit is lua-resty-core's ngx.re.split(subject, regex, options,
// ctx, max, res) (require "ngx.re"): the pieces between the matches,
// with the captured groups of each match between them; at most max
// pieces when max > 0. ctx is ignored.
func (w *worker) luaReSplit(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	subject, re, err, cerr := w.reArgs(s, args, "split", 3)
	if err != nil {
		return nil, err
	}
	if cerr != "" {
		return retErr(cerr)
	}
	max, err := optInt(args, 5, "split", 0)
	if err != nil {
		return nil, err
	}
	res := arg(args, 6)
	if res.Type() != "table" {
		res = s.NewTable()
	}
	n := int64(0)
	add := func(v string) {
		n++
		s.Set(res, tide.Int(n), tide.String(v))
	}
	last := 0
	for _, loc := range re.FindAllStringSubmatchIndex(subject, -1) {
		if max > 0 && n+1 >= max {
			break
		}
		if loc[1] == 0 || loc[0] == len(subject) && loc[0] == loc[1] {
			continue // an empty match at either end splits nothing
		}
		add(subject[last:loc[0]])
		for g := 1; 2*g < len(loc); g++ {
			if loc[2*g] >= 0 {
				add(subject[loc[2*g]:loc[2*g+1]])
			}
		}
		last = loc[1]
	}
	add(subject[last:])
	for i := n + 1; !s.Get(res, tide.Int(i)).IsNil(); i++ {
		s.Set(res, tide.Int(i), luaNil) // a reused res keeps no stale entries
	}
	return ret(res)
}

// reArgs reads subject, regex and options.
func (w *worker) reArgs(s *tide.State, args []tide.Value, fname string, optArg int) (subject string, re *regexp.Regexp, err error, compileErr string) {
	if subject, err = argString(s, args, 1, fname); err != nil {
		return
	}
	pattern, err := argString(s, args, 2, fname)
	if err != nil {
		return
	}
	flags, err := optString(s, args, optArg, fname, "")
	if err != nil {
		return
	}
	re, cerr := w.srv.regexes.get(pattern, flags)
	if cerr != nil {
		return subject, nil, nil, cerr.Error()
	}
	return subject, re, nil, ""
}

// startPos reads ctx.pos (1-based) into a byte offset.
func startPos(s *tide.State, ctx tide.Value, n int) int {
	if ctx.Type() != "table" {
		return 0
	}
	p, ok := s.GetField(ctx, "pos").ToInt()
	if !ok || p < 1 {
		return 0
	}
	if p-1 > int64(n) {
		return n + 1
	}
	return int(p - 1)
}

// captures makes the table of a match: [0] the whole match, [n] the
// groups (false when a group did not take part), and the named groups.
func captures(s *tide.State, t tide.Value, re *regexp.Regexp, subject string, loc []int) tide.Value {
	if t.Type() != "table" {
		t = s.NewTable()
	}
	names := re.SubexpNames()
	for g := 0; g*2 < len(loc); g++ {
		v := luaFalse
		if loc[2*g] >= 0 {
			v = tide.String(subject[loc[2*g]:loc[2*g+1]])
		}
		s.Set(t, tide.Int(int64(g)), v)
		if g > 0 && names[g] != "" {
			s.SetField(t, names[g], v)
		}
	}
	return t
}

// luaReMatch is ngx.re.match(subject, regex, options, ctx, res).
func (w *worker) luaReMatch(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	subject, re, err, cerr := w.reArgs(s, args, "match", 3)
	if err != nil {
		return nil, err
	}
	if cerr != "" {
		return retErr(cerr)
	}
	ctx := arg(args, 4)
	pos := startPos(s, ctx, len(subject))
	if pos > len(subject) {
		return ret(luaNil)
	}
	loc := re.FindStringSubmatchIndex(subject[pos:])
	if loc == nil {
		return ret(luaNil)
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += pos
		}
	}
	if ctx.Type() == "table" {
		s.SetField(ctx, "pos", tide.Int(int64(loc[1]+1)))
	}
	return ret(captures(s, arg(args, 5), re, subject, loc))
}

// luaReFind is ngx.re.find(subject, regex, options, ctx, nth): from, to.
func (w *worker) luaReFind(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	subject, re, err, cerr := w.reArgs(s, args, "find", 3)
	if err != nil {
		return nil, err
	}
	if cerr != "" {
		return []tide.Value{{}, {}, tide.String(cerr)}, nil
	}
	ctx := arg(args, 4)
	nth, err := optInt(args, 5, "find", 0)
	if err != nil {
		return nil, err
	}
	pos := startPos(s, ctx, len(subject))
	if pos > len(subject) {
		return ret(luaNil)
	}
	loc := re.FindStringSubmatchIndex(subject[pos:])
	if loc == nil {
		return ret(luaNil)
	}
	if ctx.Type() == "table" {
		s.SetField(ctx, "pos", tide.Int(int64(pos+loc[1]+1)))
	}
	if nth < 0 || int(nth)*2 >= len(loc) {
		return ret(luaNil)
	}
	from, to := loc[2*nth], loc[2*nth+1]
	if from < 0 {
		return ret(luaNil)
	}
	return ret(tide.Int(int64(pos+from+1)), tide.Int(int64(pos+to)))
}

// luaReGmatch is ngx.re.gmatch(subject, regex, options): an iterator of
// captures tables.
func (w *worker) luaReGmatch(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	subject, re, err, cerr := w.reArgs(s, args, "gmatch", 3)
	if err != nil {
		return nil, err
	}
	if cerr != "" {
		return retErr(cerr)
	}
	var all [][]int
	started := false
	next := 0
	it := s.NewFunction("gmatch_iterator", func(s *tide.State, _ []tide.Value) ([]tide.Value, error) {
		if !started {
			all = re.FindAllStringSubmatchIndex(subject, -1)
			started = true
		}
		if next >= len(all) {
			return ret(luaNil)
		}
		loc := all[next]
		next++
		return ret(captures(s, tide.Value{}, re, subject, loc))
	})
	return ret(it)
}

// luaReSub is ngx.re.sub and ngx.re.gsub(subject, regex, replace,
// options): the new string and the number of substitutions.
func (w *worker) luaReSub(s *tide.State, args []tide.Value, fname string, global bool) ([]tide.Value, error) {
	subject, re, err, cerr := w.reArgs(s, args, fname, 4)
	if err != nil {
		return nil, err
	}
	if cerr != "" {
		return []tide.Value{{}, {}, tide.String(cerr)}, nil
	}
	repl := arg(args, 3)
	var tmpl string
	switch repl.Type() {
	case "string", "number":
		tmpl, _ = s.ToString(repl)
	case "function":
	default:
		return nil, argError(3, fname, "string or function expected, got "+typeName(args, 3))
	}
	n := 1
	if global {
		n = -1
	}
	locs := re.FindAllStringSubmatchIndex(subject, n)
	if len(locs) == 0 {
		return ret(tide.String(subject), tide.Int(0))
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		b.WriteString(subject[last:loc[0]])
		if repl.Type() == "function" {
			rs, err := s.Call(w.ctxOrBackground(), repl, captures(s, tide.Value{}, re, subject, loc))
			if err != nil {
				return nil, err
			}
			if len(rs) > 0 {
				switch rs[0].Type() {
				case "string", "number":
					str, _ := s.ToString(rs[0])
					b.WriteString(str)
				case "nil":
				default:
					return nil, fmt.Errorf("%s: the replace function returned a %s (string expected)", fname, rs[0].Type())
				}
			}
		} else if err := expandTemplate(&b, tmpl, re, subject, loc); err != nil {
			return []tide.Value{{}, {}, tide.String(err.Error())}, nil
		}
		last = loc[1]
	}
	b.WriteString(subject[last:])
	return ret(tide.String(b.String()), tide.Int(int64(len(locs))))
}

// expandTemplate writes a replacement template: $0..$9, ${n}, ${name},
// and $$ for a dollar.
func expandTemplate(b *strings.Builder, tmpl string, re *regexp.Regexp, subject string, loc []int) error {
	group := func(g int) {
		if 2*g+1 < len(loc) && loc[2*g] >= 0 {
			b.WriteString(subject[loc[2*g]:loc[2*g+1]])
		}
	}
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c != '$' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(tmpl) {
			return fmt.Errorf("failed to compile the replacement template: lone $ at the end")
		}
		n := tmpl[i+1]
		switch {
		case n == '$':
			b.WriteByte('$')
			i++
		case n >= '0' && n <= '9':
			j := i + 1
			for j < len(tmpl) && tmpl[j] >= '0' && tmpl[j] <= '9' {
				j++
			}
			g, _ := strconv.Atoi(tmpl[i+1 : j])
			group(g)
			i = j - 1
		case n == '{':
			end := strings.IndexByte(tmpl[i:], '}')
			if end < 0 {
				return fmt.Errorf("failed to compile the replacement template: unclosed ${")
			}
			name := tmpl[i+2 : i+end]
			if g, err := strconv.Atoi(name); err == nil {
				group(g)
			} else if g := re.SubexpIndex(name); g >= 0 {
				group(g)
			} else {
				return fmt.Errorf("failed to compile the replacement template: unknown group %q", name)
			}
			i += end
		default:
			return fmt.Errorf("failed to compile the replacement template: invalid capturing variable name at $%c", n)
		}
	}
	return nil
}
