// Package loadlib is Lua's package library (§6.3): require, package.path,
// package.cpath, package.loaded, package.preload, package.searchers and
// package.searchpath, after the reference's loadlib.c.
//
// tide is pure Go and cannot load C modules: the C searchers still look
// along package.cpath so that "module not found" messages list every path
// tried, but a C library that is found fails with a message saying that
// tide cannot load it. Go code offers modules through package.preload.
//
// Files are read through the State's ReadFile hook and environment
// variables through its Getenv hook, so a host can confine both.
package loadlib

import (
	"fmt"
	"strings"

	"github.com/tidelua/tide/internal/stdlib/check"
	"github.com/tidelua/tide/internal/value"
	"github.com/tidelua/tide/internal/vm"
)

// Default search paths: the reference's LUA_PATH_DEFAULT and
// LUA_CPATH_DEFAULT for POSIX systems.
const (
	defaultPath = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;" +
		"/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua"
	defaultCPath = "/usr/local/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so"
)

// config is package.config: directory separator, path separator, the
// template mark, the executable-directory mark and the ignore mark.
const config = "/\n;\n?\n!\n-\n"

// noCModules is the message for a C library found on package.cpath.
const noCModules = "C modules cannot be loaded: tide is pure Go (offer Go modules through package.preload)"

// Loaded returns the table of loaded modules (the registry's _LOADED,
// which package.loaded also is), creating it when absent.
func Loaded(st *vm.State) *value.Table {
	reg := st.Registry()
	if t := reg.GetStr("_LOADED").ToTable(); t != nil {
		return t
	}
	t := value.NewTable(0, 16)
	reg.SetStr("_LOADED", value.TableValue(t))
	return t
}

func preloadTable(st *vm.State) *value.Table {
	reg := st.Registry()
	if t := reg.GetStr("_PRELOAD").ToTable(); t != nil {
		return t
	}
	t := value.NewTable(0, 4)
	reg.SetStr("_PRELOAD", value.TableValue(t))
	return t
}

// Preload offers a module written in Go to require: package.preload[name]
// becomes a loader calling open, whose result require stores in
// package.loaded[name]. This is how Go-registered modules reach Lua code
// (the reference's luaL_requiref pattern, without loading it eagerly).
func Preload(st *vm.State, name string, open vm.Fn) {
	preloadTable(st).SetStr(name, vm.NewGoFunction(name, open))
}

// Open registers the package table and require in st's globals.
func Open(st *vm.State) {
	pkg := value.NewTable(0, 8)
	pkgv := value.TableValue(pkg)
	pkg.SetStr("config", value.String(config))
	pkg.SetStr("path", value.String(envPath(st, "LUA_PATH", defaultPath)))
	pkg.SetStr("cpath", value.String(envPath(st, "LUA_CPATH", defaultCPath)))
	pkg.SetStr("loaded", value.TableValue(Loaded(st)))
	pkg.SetStr("preload", value.TableValue(preloadTable(st)))
	pkg.SetStr("searchpath", vm.NewGoFunction("package.searchpath", searchpath))
	pkg.SetStr("loadlib", vm.NewGoFunction("package.loadlib", loadlib))

	searchers := value.NewTable(4, 0)
	for _, s := range []struct {
		name string
		fn   func(*vm.Thread, *value.Table, []value.Value) ([]value.Value, error)
	}{
		{"searcher_preload", searchPreload},
		{"searcher_Lua", searchLua},
		{"searcher_C", searchC},
		{"searcher_Croot", searchCroot},
	} {
		fn := s.fn
		searchers.Append(vm.NewGoClosure(s.name, func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
			return fn(l, pkg, args)
		}, pkgv))
	}
	pkg.SetStr("searchers", value.TableValue(searchers))

	st.SetGlobal("package", pkgv)
	st.SetGlobal("require", vm.NewGoClosure("require", func(l *vm.Thread, args []value.Value) ([]value.Value, error) {
		return require(l, pkg, args)
	}, pkgv))
	Loaded(st).SetStr("package", pkgv)
}

// envPath computes a path from LUA_XXX_5_4 or LUA_XXX, replacing ";;" by
// ";default;" as the reference's setpath does.
func envPath(st *vm.State, name, def string) string {
	if st.Options().NoEnv {
		return def
	}
	p := st.Getenv(name + "_5_4")
	if p == "" {
		p = st.Getenv(name)
	}
	if p == "" {
		return def
	}
	i := strings.Index(p, ";;")
	if i < 0 {
		return p
	}
	pre, post := p[:i], p[i+2:]
	var b strings.Builder
	b.WriteString(pre)
	if pre != "" {
		b.WriteByte(';')
	}
	b.WriteString(def)
	if post != "" {
		b.WriteByte(';')
	}
	b.WriteString(post)
	return b.String()
}

// require(name) loads a module once and caches it in package.loaded.
func require(l *vm.Thread, pkg *value.Table, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	loaded := Loaded(l.State())
	if v := loaded.GetStr(name); v.Truthy() {
		return l.Ret1(v), nil
	}
	loader, data, err := findLoader(l, pkg, name)
	if err != nil {
		return nil, err
	}
	res, err := l.Call(loader, value.String(name), data)
	if err != nil {
		return nil, err
	}
	if len(res) > 0 && !res[0].IsNil() {
		loaded.SetStr(name, res[0])
	}
	v := loaded.GetStr(name)
	if v.IsNil() {
		v = value.True
		loaded.SetStr(name, v)
	}
	return l.Ret(v, data), nil
}

// findLoader asks each searcher in turn for a loader of name; it returns
// the loader and its extra value, or the "module not found" error listing
// what every searcher tried.
func findLoader(l *vm.Thread, pkg *value.Table, name string) (loader, data value.Value, err error) {
	searchers := pkg.GetStr("searchers").ToTable()
	if searchers == nil {
		return value.Nil, value.Nil, fmt.Errorf("'package.searchers' must be a table")
	}
	var msg strings.Builder
	for i := int64(1); ; i++ {
		s := searchers.GetInt(i)
		if s.IsNil() {
			return value.Nil, value.Nil, fmt.Errorf("module '%s' not found:%s", name, msg.String())
		}
		res, err := l.Call(s, value.String(name))
		if err != nil {
			return value.Nil, value.Nil, err
		}
		var first, second value.Value
		if len(res) > 0 {
			first = res[0]
		}
		if len(res) > 1 {
			second = res[1]
		}
		if first.IsFunction() {
			return first, second, nil
		}
		if first.IsString() {
			msg.WriteString("\n\t")
			msg.WriteString(first.AsString())
		}
	}
}

func searchPreload(l *vm.Thread, _ *value.Table, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	if v := preloadTable(l.State()).GetStr(name); !v.IsNil() {
		return l.Ret(v, value.String(":preload:")), nil
	}
	return l.Ret1(value.String("no field package.preload['" + name + "']")), nil
}

// pathField returns package[field] as a string or the reference's error.
func pathField(pkg *value.Table, field string) (string, error) {
	v := pkg.GetStr(field)
	if !v.IsString() {
		return "", fmt.Errorf("'package.%s' must be a string", field)
	}
	return v.AsString(), nil
}

func searchLua(l *vm.Thread, pkg *value.Table, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	path, err := pathField(pkg, "path")
	if err != nil {
		return nil, err
	}
	file, src, tried := searchPath(l.State(), name, path, ".", "/")
	if file == "" {
		return l.Ret1(value.String(tried)), nil
	}
	fn, err := l.State().Load(vm.FileText(src), "@"+file, "bt", value.Nil)
	if err != nil {
		msg := err.Error()
		if le, ok := err.(*vm.LuaError); ok {
			if s, ok := value.ToStringCoerce(le.Value); ok {
				msg = s
			}
		}
		return nil, fmt.Errorf("error loading module '%s' from file '%s':\n\t%s", name, file, msg)
	}
	return l.Ret(fn, value.String(file)), nil
}

func searchC(l *vm.Thread, pkg *value.Table, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	return searchCLib(l, pkg, name, name)
}

// searchCroot looks for the root of a dotted name ("a" for "a.b.c") on
// package.cpath, as the reference's all-in-one loader does.
func searchCroot(l *vm.Thread, pkg *value.Table, args []value.Value) ([]value.Value, error) {
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	dot := strings.IndexByte(name, '.')
	if dot < 0 {
		return nil, nil
	}
	return searchCLib(l, pkg, name, name[:dot])
}

func searchCLib(l *vm.Thread, pkg *value.Table, name, file string) ([]value.Value, error) {
	cpath, err := pathField(pkg, "cpath")
	if err != nil {
		return nil, err
	}
	found, _, tried := searchPath(l.State(), file, cpath, ".", "/")
	if found == "" {
		return l.Ret1(value.String(tried)), nil
	}
	return nil, fmt.Errorf("error loading module '%s' from file '%s':\n\t%s", name, found, noCModules)
}

// searchpath(name, path [, sep [, rep]]) returns the first readable file
// of path for name, or nil and the list of files tried.
func searchpath(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	// The reference checks the arguments last to first (the order in
	// which its C compiler evaluates them), which shows in the messages.
	rep, err := check.OptString(args, 4, "/")
	if err != nil {
		return nil, err
	}
	sep, err := check.OptString(args, 3, ".")
	if err != nil {
		return nil, err
	}
	path, err := check.String(args, 2)
	if err != nil {
		return nil, err
	}
	name, err := check.String(args, 1)
	if err != nil {
		return nil, err
	}
	file, _, tried := searchPath(l.State(), name, path, sep, rep)
	if file == "" {
		return l.Ret(value.Nil, value.String(tried)), nil
	}
	return l.Ret1(value.String(file)), nil
}

// searchPath tries each template of path with name substituted for '?'
// (after replacing sep by rep in name). It returns the first readable
// file with its contents, or "" and the "no file '...'" lines.
func searchPath(st *vm.State, name, path, sep, rep string) (file string, src []byte, tried string) {
	if sep != "" {
		name = strings.ReplaceAll(name, sep, rep)
	}
	var msg strings.Builder
	// Empty templates count, as in the reference: "a;;" tries "a", "" and
	// "", and an empty path is one empty template.
	for _, tmpl := range strings.Split(path, ";") {
		f := strings.ReplaceAll(tmpl, "?", name)
		if data, err := st.ReadFile(f); err == nil {
			return f, data, ""
		}
		if msg.Len() > 0 {
			msg.WriteString("\n\t")
		}
		msg.WriteString("no file '" + f + "'")
	}
	return "", nil, msg.String()
}

// loadlib(path, funcname) cannot load C libraries: it returns fail, a
// message and "absent", as the reference does when built without dynamic
// library support.
func loadlib(l *vm.Thread, args []value.Value) ([]value.Value, error) {
	if _, err := check.String(args, 1); err != nil {
		return nil, err
	}
	if _, err := check.String(args, 2); err != nil {
		return nil, err
	}
	return l.Ret(value.Nil, value.String(noCModules), value.String("absent")), nil
}
