package serve

import (
	"cmp"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tidelua/tide"
)

// The ngx functions that need no request: clock, encodings, digests.
// ngx.now and ngx.time read the clock at each call (OpenResty caches it
// per event loop turn; ngx.update_time is therefore a no-op).

func luaNow(*tide.State, []tide.Value) ([]tide.Value, error) {
	return ret(tide.Float(float64(time.Now().UnixMilli()) / 1000))
}

func luaTime(*tide.State, []tide.Value) ([]tide.Value, error) {
	return ret(tide.Int(time.Now().Unix()))
}

func luaToday(*tide.State, []tide.Value) ([]tide.Value, error) {
	return ret(tide.String(time.Now().Format("2006-01-02")))
}

func luaLocaltime(*tide.State, []tide.Value) ([]tide.Value, error) {
	return ret(tide.String(time.Now().Format(time.DateTime)))
}

func luaUTCtime(*tide.State, []tide.Value) ([]tide.Value, error) {
	return ret(tide.String(time.Now().UTC().Format(time.DateTime)))
}

func luaHTTPTime(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	sec, err := argNumber(args, 1, "http_time")
	if err != nil {
		return nil, err
	}
	return ret(tide.String(time.Unix(int64(sec), 0).UTC().Format(http.TimeFormat)))
}

func luaCookieTime(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	sec, err := argNumber(args, 1, "cookie_time")
	if err != nil {
		return nil, err
	}
	t := time.Unix(int64(sec), 0).UTC()
	layout := "Mon, 02-Jan-06 15:04:05 GMT"
	if t.Year() >= 2070 || t.Year() < 1970 {
		layout = "Mon, 02-Jan-2006 15:04:05 GMT"
	}
	return ret(tide.String(t.Format(layout)))
}

func luaParseHTTPTime(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := argString(s, args, 1, "parse_http_time")
	if err != nil {
		return nil, err
	}
	t, err := http.ParseTime(str)
	if err != nil {
		return ret(luaNil)
	}
	return ret(tide.Int(t.Unix()))
}

func luaEncodeBase64(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := argString(s, args, 1, "encode_base64")
	if err != nil {
		if arg(args, 1).IsNil() {
			str = ""
		} else {
			return nil, err
		}
	}
	enc := base64.StdEncoding
	if arg(args, 2).Truthy() {
		enc = base64.RawStdEncoding
	}
	return ret(tide.String(enc.EncodeToString([]byte(str))))
}

func luaDecodeBase64(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := argString(s, args, 1, "decode_base64")
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(str)
	if err != nil && !strings.Contains(str, "=") {
		b, err = base64.RawStdEncoding.DecodeString(str)
	}
	if err != nil {
		return ret(luaNil)
	}
	return ret(tide.String(string(b)))
}

// stringArg1 reads the only argument of a digest; nil counts as "", as
// in OpenResty.
func stringArg1(s *tide.State, args []tide.Value, fname string) (string, error) {
	if arg(args, 1).IsNil() {
		return "", nil
	}
	return argString(s, args, 1, fname)
}

func luaMD5(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := stringArg1(s, args, "md5")
	if err != nil {
		return nil, err
	}
	sum := md5.Sum([]byte(str))
	return ret(tide.String(hex.EncodeToString(sum[:])))
}

func luaMD5Bin(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := stringArg1(s, args, "md5_bin")
	if err != nil {
		return nil, err
	}
	sum := md5.Sum([]byte(str))
	return ret(tide.String(string(sum[:])))
}

func luaSHA1Bin(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := stringArg1(s, args, "sha1_bin")
	if err != nil {
		return nil, err
	}
	sum := sha1.Sum([]byte(str))
	return ret(tide.String(string(sum[:])))
}

func luaCRC32(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := stringArg1(s, args, "crc32")
	if err != nil {
		return nil, err
	}
	return ret(tide.Int(int64(crc32.ChecksumIEEE([]byte(str)))))
}

func luaHMACSHA1(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	key, err := argString(s, args, 1, "hmac_sha1")
	if err != nil {
		return nil, err
	}
	msg, err := argString(s, args, 2, "hmac_sha1")
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha1.New, []byte(key))
	m.Write([]byte(msg))
	return ret(tide.String(string(m.Sum(nil))))
}

// escapeURI escapes everything but RFC 3986's unreserved characters,
// with upper-case hex (nginx's NGX_ESCAPE_URI_COMPONENT).
func escapeURI(s string) string {
	const hexDigits = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return string(b)
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// unescapeURI decodes %XX escapes and '+' (as a space); malformed
// escapes are kept as they are.
func unescapeURI(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

func luaEscapeURI(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := stringArg1(s, args, "escape_uri")
	if err != nil {
		return nil, err
	}
	return ret(tide.String(escapeURI(str)))
}

func luaUnescapeURI(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := stringArg1(s, args, "unescape_uri")
	if err != nil {
		return nil, err
	}
	return ret(tide.String(unescapeURI(str)))
}

// encodeArgs is ngx.encode_args: the keys in sorted order (OpenResty
// follows the table's traversal order, which Lua leaves unspecified).
func encodeArgs(s *tide.State, t tide.Value) (string, error) {
	type kv struct{ k, v tide.Value }
	var entries []kv
	for k, v := range s.All(t) {
		entries = append(entries, kv{k, v})
	}
	keyOf := func(k tide.Value) (string, error) {
		switch k.Type() {
		case "string", "number":
			return s.ToString(k)
		}
		return "", fmt.Errorf("attempt to use a %s as query arg key", k.Type())
	}
	keys := make([]string, len(entries))
	for i, e := range entries {
		k, err := keyOf(e.k)
		if err != nil {
			return "", err
		}
		keys[i] = k
	}
	idx := make([]int, len(entries))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	var b strings.Builder
	add := func(k string, v tide.Value) error {
		switch v.Type() {
		case "boolean":
			if !v.Truthy() {
				return nil
			}
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(escapeURI(k))
			return nil
		case "string", "number":
			str, err := s.ToString(v)
			if err != nil {
				return err
			}
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(escapeURI(k))
			b.WriteByte('=')
			b.WriteString(escapeURI(str))
			return nil
		}
		return fmt.Errorf("attempt to use %s as query arg value", v.Type())
	}
	for _, i := range idx {
		e := entries[i]
		if e.v.Type() == "table" {
			n := s.Len(e.v)
			for j := int64(1); j <= n; j++ {
				if err := add(keys[i], s.Get(e.v, tide.Int(j))); err != nil {
					return "", err
				}
			}
			continue
		}
		if err := add(keys[i], e.v); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

func luaEncodeArgs(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	t, err := argTable(args, 1, "encode_args")
	if err != nil {
		return nil, err
	}
	str, err := encodeArgs(s, t)
	if err != nil {
		return nil, err
	}
	return ret(tide.String(str))
}

// decodeArgs parses a query string into a Lua table as OpenResty does:
// values unescaped, a key without '=' is true, a repeated key gives a
// sequence of its values. At most max keys are read (0: all); truncated
// reports more were there.
func decodeArgs(s *tide.State, str string, max int64) (tide.Value, bool) {
	t := s.NewTable()
	n := int64(0)
	for part := range strings.SplitSeq(str, "&") {
		if part == "" {
			continue
		}
		if max > 0 && n >= max {
			return t, true
		}
		n++
		k, v, hasEq := strings.Cut(part, "=")
		k = unescapeURI(k)
		if k == "" {
			continue
		}
		val := luaTrue
		if hasEq {
			val = tide.String(unescapeURI(v))
		}
		key := tide.String(k)
		old := s.Get(t, key)
		switch old.Type() {
		case "nil":
			s.Set(t, key, val)
		case "table":
			s.Set(old, tide.Int(s.Len(old)+1), val)
		default:
			list := s.NewTable()
			s.Set(list, tide.Int(1), old)
			s.Set(list, tide.Int(2), val)
			s.Set(t, key, list)
		}
	}
	return t, false
}

func luaDecodeArgs(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := argString(s, args, 1, "decode_args")
	if err != nil {
		return nil, err
	}
	max, err := optInt(args, 2, "decode_args", 100)
	if err != nil {
		return nil, err
	}
	t, _ := decodeArgs(s, str, max)
	return ret(t)
}

// luaQuoteSQL is ngx.quote_sql_str: a MySQL string literal.
func luaQuoteSQL(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	str, err := argString(s, args, 1, "quote_sql_str")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(str); i++ {
		switch c := str[i]; c {
		case 0:
			b.WriteString(`\0`)
		case '\b':
			b.WriteString(`\b`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0x1a:
			b.WriteString(`\Z`)
		case '\\', '\'', '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return ret(tide.String(b.String()))
}
