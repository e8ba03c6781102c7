package vm

import (
	"os"
	"path/filepath"
)

// ReadFile reads a file through Options.ReadFile (os.ReadFile by default).
func (st *State) ReadFile(name string) ([]byte, error) {
	if st.opts.ReadFile != nil {
		return st.opts.ReadFile(name)
	}
	return os.ReadFile(name)
}

// Getenv reads an environment variable through Options.Getenv (os.Getenv
// by default).
func (st *State) Getenv(key string) string {
	if st.opts.Getenv != nil {
		return st.opts.Getenv(key)
	}
	return os.Getenv(key)
}

// FileText prepares the contents of a Lua source file for loading, as
// luaL_loadfilex does: it drops a UTF-8 byte order mark and a first line
// starting with '#' (keeping its newline, so line numbers stay right,
// unless a binary chunk follows).
func FileText(src []byte) []byte {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		src = src[3:]
	}
	if len(src) > 0 && src[0] == '#' {
		i := 0
		for i < len(src) && src[i] != '\n' {
			i++
		}
		src = src[i:]
		if len(src) > 1 && src[1] == 0x1b {
			src = src[1:] // a binary chunk after the comment: no newline
		}
	}
	return src
}

// Path resolves a file name given by Lua code against Options.Dir: an
// absolute name, or any name when Dir is empty, is returned unchanged.
func (st *State) Path(name string) string {
	if st.opts.Dir == "" || name == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(st.opts.Dir, name)
}
