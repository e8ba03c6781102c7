package lexer

import "strings"

// idSize is LUA_IDSIZE: the size of the reference's buffer for a chunk id,
// terminating NUL included.
const idSize = 60

// ChunkID returns the display form of a chunk name, as the reference's
// luaO_chunkid builds it for messages:
//
//   - "=name" gives "name" (at most 59 bytes);
//   - "@file" gives "file", or "..." and the last 56 bytes when longer than 59;
//   - anything else is source text and gives [string "first line..."],
//     keeping at most 45 bytes of the first line and adding "..." when the
//     text was cut or spans several lines.
//
// The reference receives chunk names as C strings, so name is cut at its
// first NUL byte before anything else.
func ChunkID(name string) string {
	src := cstring(name)
	// srclen counts the bytes of src; the reference compares it with the
	// buffer size including the terminating NUL.
	srclen := len(src)
	switch {
	case strings.HasPrefix(src, "="):
		if srclen <= idSize {
			return src[1:]
		}
		return src[1:idSize]
	case strings.HasPrefix(src, "@"):
		if srclen <= idSize {
			return src[1:]
		}
		const keep = idSize - len("...") - 1
		return "..." + src[srclen-keep:]
	default:
		const pre, rets, pos = `[string "`, "...", `"]`
		const avail = idSize - len(pre) - len(rets) - len(pos) - 1
		nl := strings.IndexByte(src, '\n')
		if srclen < avail && nl < 0 {
			return pre + src + pos
		}
		n := srclen
		if nl >= 0 {
			n = nl
		}
		if n > avail {
			n = avail
		}
		return pre + src[:n] + rets + pos
	}
}

// cstring truncates s at its first NUL byte, as a C string would end.
func cstring(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}
