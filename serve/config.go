package serve

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/shdict"
)

// Options configure a [Server]. The zero value serves nothing: App or
// Config must name the application. Fields left zero take the
// configuration file's value, then the default.
type Options struct {
	// App is the application: a Lua file, or a directory holding
	// tide.conf.lua or app.lua. It may be empty when Config names the
	// application file.
	App string
	// Config is a configuration file (see the package documentation);
	// it replaces a directory's tide.conf.lua.
	Config string

	// Listen is the server's address; default ":8080".
	Listen string
	// Admin, when set, is a separate address for /healthz, /readyz and
	// /metrics.
	Admin string
	// States is the number of Lua States, the most requests running Lua
	// at once; default runtime.GOMAXPROCS(0).
	States int
	// Drain bounds the shutdown: requests still running after it are
	// stopped; default 10s.
	Drain time.Duration
	// DrainDelay is how long the listener stays open after shutdown
	// begins, answering /readyz with 503 so that load balancers stop
	// sending traffic; default 0.
	DrainDelay time.Duration

	// Limits bound each request; zero fields take the configuration's
	// value or the default.
	Limits Limits

	// Compat is the language mode of the application's States:
	// tide.CompatLuaJIT for handlers written for OpenResty (the
	// configuration's lang = "luajit").
	Compat tide.Compat
	// SharedDicts are the shared dictionaries, ngx.shared.NAME: capacity
	// in bytes by name. They add to the configuration's shared_dicts (a
	// name in both takes the size given here).
	SharedDicts map[string]int64

	// AccessLog receives one JSON line per request; nil means
	// os.Stdout. ErrorLog receives JSON lines for handler errors, quota
	// stops, warnings and lifecycle events; nil means os.Stderr.
	AccessLog, ErrorLog io.Writer
}

// Limits bound a request.
type Limits struct {
	// Time is the per-request time limit, waiting for a State included;
	// default 30s.
	Time time.Duration
	// Instructions is the per-request instruction budget of Lua code
	// (tide.State.SetInstructionLimit: calls, loop iterations and units
	// of library work); 0 means none.
	Instructions int64
	// Memory is each State's live Lua heap limit in bytes; 0 means none.
	Memory int64
	// Body bounds the request body in bytes (413 past it); default 1MiB.
	Body int64
	// Header bounds the request header in bytes (431 past it); default
	// 64KiB.
	Header int64
}

// Defaults.
const (
	defaultListen = ":8080"
	defaultDrain  = 10 * time.Second
	defaultTime   = 30 * time.Second
	defaultBody   = 1 << 20
	defaultHeader = 64 << 10
)

// fileConfig is what a configuration file returns.
type fileConfig struct {
	Listen  any            `lua:"listen"`
	Admin   any            `lua:"admin"`
	States  any            `lua:"states"`
	Drain   any            `lua:"drain"`
	App     any            `lua:"app"`
	Routes  tide.Value     `lua:"routes"`
	Handler tide.Value     `lua:"handler"`
	Limits  map[string]any `lua:"limits"`

	Init        tide.Value     `lua:"init"`
	InitWorker  tide.Value     `lua:"init_worker"`
	Lang        any            `lua:"lang"`
	SharedDicts map[string]any `lua:"shared_dicts"`
}

// configFields are the fields a configuration file may set.
var configFields = map[string]bool{
	"listen": true, "admin": true, "states": true, "drain": true, "app": true,
	"routes": true, "handler": true, "limits": true,
	"init": true, "init_worker": true, "lang": true, "shared_dicts": true,
}

// limitFields are the fields of a configuration's limits table.
var limitFields = map[string]bool{
	"time": true, "instructions": true, "memory": true, "body": true, "header": true,
}

// source is a Lua file of the application: its path as given (for
// messages), its chunk name and text.
type source struct {
	path string
	text []byte
	prog *tide.Program
}

// loadSource reads and compiles a Lua file. Errors carry file and line.
func loadSource(path string) (*source, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	text = chunkText(text)
	prog, err := tide.Compile(text, "@"+path)
	if err != nil {
		return nil, err
	}
	return &source{path: path, text: text, prog: prog}, nil
}

// chunkText drops a UTF-8 byte order mark and blanks a first line
// starting with '#' (keeping its newline so line numbers stay right), as
// the lua program does when it loads a file.
func chunkText(b []byte) []byte {
	b = []byte(strings.TrimPrefix(string(b), "\ufeff"))
	if len(b) > 0 && b[0] == '#' {
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		b = b[i:]
	}
	return b
}

// errorAt returns an error "path:line: msg" with the line of the first
// match of pattern in the source (a best effort to point at the faulty
// field), or "path: msg" when nothing matches.
func (src *source) errorAt(pattern, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if pattern != "" {
		if re, err := regexp.Compile(pattern); err == nil {
			if loc := re.FindIndex(src.text); loc != nil {
				line := 1 + strings.Count(string(src.text[:loc[0]]), "\n")
				return fmt.Errorf("%s:%d: %s", src.path, line, msg)
			}
		}
	}
	return fmt.Errorf("%s: %s", src.path, msg)
}

// fieldPattern matches the assignment of a table field name.
func fieldPattern(name string) string {
	return `\b` + regexp.QuoteMeta(name) + `\s*=`
}

// returnPattern matches a chunk's return statement (at the start of a
// line, as a main chunk's final return usually is).
const returnPattern = `(?m)^return\b`

// locate finds the files of the application: the configuration (nil
// without one) and the application file ("" when the configuration
// names it).
func locate(opts *Options) (config, app string, err error) {
	config, app = opts.Config, opts.App
	if app != "" {
		fi, err := os.Stat(app)
		if err != nil {
			return "", "", fmt.Errorf("cannot open %s: %w", app, pathReason(err))
		}
		if fi.IsDir() {
			dir := app
			app = ""
			if config == "" {
				if c := filepath.Join(dir, "tide.conf.lua"); fileExists(c) {
					config = c
				}
			}
			if config == "" {
				app = filepath.Join(dir, "app.lua")
				if !fileExists(app) {
					return "", "", fmt.Errorf("%s: neither tide.conf.lua nor app.lua found", dir)
				}
			} else if c := filepath.Join(dir, "app.lua"); opts.Config != "" && fileExists(c) {
				app = c
			}
		}
	}
	if config == "" && app == "" {
		return "", "", errors.New("no application given")
	}
	return config, app, nil
}

func fileExists(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && !fi.IsDir()
}

// pathReason strips the path from an *os.PathError.
func pathReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// applyConfig merges the server settings of a configuration file into
// opts: fields already set in opts win.
func applyConfig(opts *Options, src *source, c *fileConfig) error {
	str := func(name string, v any, dst *string) error {
		if v == nil {
			return nil
		}
		s, ok := v.(string)
		if !ok {
			return src.errorAt(fieldPattern(name), "%s: string expected, got %s", name, luaType(v))
		}
		if *dst == "" {
			*dst = s
		}
		return nil
	}
	if err := str("listen", c.Listen, &opts.Listen); err != nil {
		return err
	}
	if err := str("admin", c.Admin, &opts.Admin); err != nil {
		return err
	}
	if c.States != nil {
		n, ok := c.States.(int64)
		if !ok || n <= 0 || n > 1<<16 {
			return src.errorAt(fieldPattern("states"), "states: positive integer expected, got %s", luaShow(c.States))
		}
		if opts.States == 0 {
			opts.States = int(n)
		}
	}
	if c.Drain != nil {
		d, err := parseDuration(c.Drain)
		if err != nil {
			return src.errorAt(fieldPattern("drain"), "drain: %v", err)
		}
		if opts.Drain == 0 {
			opts.Drain = d
		}
	}
	if c.Lang != nil {
		str, ok := c.Lang.(string)
		mode, err := tide.ParseCompat(str)
		if !ok || err != nil {
			return src.errorAt(fieldPattern("lang"), "lang: \"lua5.4\" or \"luajit\" expected, got %s", luaShow(c.Lang))
		}
		if opts.Compat == "" {
			opts.Compat = mode
		}
	}
	for name, v := range c.SharedDicts {
		n, err := parseDictSize(v)
		if err != nil {
			return src.errorAt(fieldPattern(name), "shared_dicts.%s: %v", name, err)
		}
		if _, ok := opts.SharedDicts[name]; !ok {
			if opts.SharedDicts == nil {
				opts.SharedDicts = map[string]int64{}
			}
			opts.SharedDicts[name] = n
		}
	}
	for _, f := range []struct {
		name string
		v    tide.Value
	}{{"init", c.Init}, {"init_worker", c.InitWorker}} {
		if !f.v.IsNil() && f.v.Type() != "function" {
			return src.errorAt(fieldPattern(f.name), "%s: function expected, got %s", f.name, f.v.Type())
		}
	}
	for name, v := range c.Limits {
		if !limitFields[name] {
			return src.errorAt(fieldPattern(name), "limits: unknown field '%s'", name)
		}
		l := &opts.Limits
		var err error
		switch name {
		case "time":
			var d time.Duration
			if d, err = parseDuration(v); err == nil && l.Time == 0 {
				l.Time = d
			}
		case "instructions":
			var n int64
			if n, err = parseCount(v); err == nil && l.Instructions == 0 {
				l.Instructions = n
			}
		default:
			var n int64
			if n, err = parseSize(v); err == nil {
				switch name {
				case "memory":
					if l.Memory == 0 {
						l.Memory = n
					}
				case "body":
					if l.Body == 0 {
						l.Body = n
					}
				case "header":
					if l.Header == 0 {
						l.Header = n
					}
				}
			}
		}
		if err != nil {
			return src.errorAt(fieldPattern(name), "limits.%s: %v", name, err)
		}
	}
	return nil
}

// setDefaults fills the zero fields of opts.
func setDefaults(opts *Options) {
	if opts.Listen == "" {
		opts.Listen = defaultListen
	}
	if opts.States <= 0 {
		opts.States = runtime.GOMAXPROCS(0)
	}
	if opts.Drain <= 0 {
		opts.Drain = defaultDrain
	}
	l := &opts.Limits
	if l.Time <= 0 {
		l.Time = defaultTime
	}
	if l.Body <= 0 {
		l.Body = defaultBody
	}
	if l.Header <= 0 {
		l.Header = defaultHeader
	}
	if opts.AccessLog == nil {
		opts.AccessLog = os.Stdout
	}
	if opts.ErrorLog == nil {
		opts.ErrorLog = os.Stderr
	}
}

// luaType names the Lua type of a value FromValue produced.
func luaType(v any) string {
	switch v.(type) {
	case nil:
		return "nil"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	case string:
		return "string"
	case tide.Value:
		return v.(tide.Value).Type()
	}
	return "table"
}

// luaShow shows a configuration value in a message.
func luaShow(v any) string {
	switch x := v.(type) {
	case int64, float64:
		return fmt.Sprint(x)
	case string:
		return strconv.Quote(x)
	}
	return luaType(v)
}

// parseDuration reads a duration: seconds as a number, or a Go duration
// string ("500ms", "2s").
func parseDuration(v any) (time.Duration, error) {
	switch x := v.(type) {
	case int64:
		if x > 0 && x < math.MaxInt64/int64(time.Second) {
			return time.Duration(x) * time.Second, nil
		}
	case float64:
		if x > 0 && x < float64(math.MaxInt64/int64(time.Second)) {
			return time.Duration(x * float64(time.Second)), nil
		}
	case string:
		if d, err := time.ParseDuration(x); err == nil && d > 0 {
			return d, nil
		}
	}
	return 0, fmt.Errorf("positive duration expected (seconds or a string like \"500ms\"), got %s", luaShow(v))
}

// parseCount reads a non-negative count (1000, 1e9).
func parseCount(v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		if x >= 0 {
			return x, nil
		}
	case float64:
		if x >= 0 && x < math.MaxInt64 && x == math.Trunc(x) {
			return int64(x), nil
		}
	}
	return 0, fmt.Errorf("non-negative integer expected, got %s", luaShow(v))
}

// sizeUnits are the units parseSize accepts.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

// parseSize reads a size in bytes: a number, or a string with a unit.
func parseSize(v any) (int64, error) {
	if s, ok := v.(string); ok {
		t := strings.TrimSpace(s)
		mult := int64(1)
		for _, u := range sizeUnits {
			if strings.HasSuffix(t, u.suffix) {
				t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
				break
			}
		}
		f, err := strconv.ParseFloat(t, 64)
		if err == nil && f >= 0 && f*float64(mult) < math.MaxInt64 {
			return int64(f * float64(mult)), nil
		}
		return 0, fmt.Errorf("size expected (bytes or a string like \"64KiB\"), got %s", luaShow(v))
	}
	n, err := parseCount(v)
	if err != nil {
		return 0, fmt.Errorf("size expected (bytes or a string like \"64KiB\"), got %s", luaShow(v))
	}
	return n, nil
}

// parseDictSize reads a shared dict's size: bytes, or a string with a
// unit (nginx's "10m" included).
func parseDictSize(v any) (int64, error) {
	var n int64
	var err error
	switch x := v.(type) {
	case string:
		n, err = shdict.ParseSize(x)
	default:
		n, err = parseCount(v)
	}
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size expected (bytes or a string like \"10m\"), got %s", luaShow(v))
	}
	return n, nil
}
