package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/tidelua/tide"
	"github.com/tidelua/tide/serve/ratelimit"
)

// The ngx module: OpenResty's Lua API over tide serve's requests. The
// functions are host functions of a worker (its State); those about the
// request reach it through worker.cur. See ngx_lua.go for the tables and
// doc.go for what is supported.

// ngx.log levels, as OpenResty numbers them.
const (
	ngxStderr = iota
	ngxEmerg
	ngxAlert
	ngxCrit
	ngxErr
	ngxWarn
	ngxNotice
	ngxInfo
	ngxDebug
)

var ngxLevelNames = [...]string{"stderr", "emerg", "alert", "crit", "error", "warn", "notice", "info", "debug"}

// ngxConstants are the numeric and string constants of the ngx module.
func ngxConstants() map[string]any {
	c := map[string]any{
		"OK": 0, "ERROR": -1, "AGAIN": -2, "DONE": -4, "DECLINED": -5,
		"STDERR": ngxStderr, "EMERG": ngxEmerg, "ALERT": ngxAlert, "CRIT": ngxCrit,
		"ERR": ngxErr, "WARN": ngxWarn, "NOTICE": ngxNotice, "INFO": ngxInfo, "DEBUG": ngxDebug,

		"HTTP_CONTINUE": 100, "HTTP_SWITCHING_PROTOCOLS": 101,
		"HTTP_OK": 200, "HTTP_CREATED": 201, "HTTP_ACCEPTED": 202, "HTTP_NO_CONTENT": 204,
		"HTTP_PARTIAL_CONTENT":  206,
		"HTTP_SPECIAL_RESPONSE": 300, "HTTP_MOVED_PERMANENTLY": 301, "HTTP_MOVED_TEMPORARILY": 302,
		"HTTP_SEE_OTHER": 303, "HTTP_NOT_MODIFIED": 304, "HTTP_TEMPORARY_REDIRECT": 307,
		"HTTP_PERMANENT_REDIRECT": 308,
		"HTTP_BAD_REQUEST":        400, "HTTP_UNAUTHORIZED": 401, "HTTP_PAYMENT_REQUIRED": 402,
		"HTTP_FORBIDDEN": 403, "HTTP_NOT_FOUND": 404, "HTTP_NOT_ALLOWED": 405,
		"HTTP_NOT_ACCEPTABLE": 406, "HTTP_REQUEST_TIMEOUT": 408, "HTTP_CONFLICT": 409,
		"HTTP_GONE": 410, "HTTP_UPGRADE_REQUIRED": 426, "HTTP_TOO_MANY_REQUESTS": 429,
		"HTTP_CLOSE": 444, "HTTP_ILLEGAL": 451,
		"HTTP_INTERNAL_SERVER_ERROR": 500, "HTTP_METHOD_NOT_IMPLEMENTED": 501,
		"HTTP_BAD_GATEWAY": 502, "HTTP_SERVICE_UNAVAILABLE": 503, "HTTP_GATEWAY_TIMEOUT": 504,
		"HTTP_VERSION_NOT_SUPPORTED": 505, "HTTP_INSUFFICIENT_STORAGE": 507,

		// method constants, OpenResty's numbers (for ngx.location.capture)
		"HTTP_GET": 2, "HTTP_HEAD": 4, "HTTP_POST": 8, "HTTP_PUT": 16, "HTTP_DELETE": 32,
		"HTTP_MKCOL": 64, "HTTP_COPY": 128, "HTTP_MOVE": 256, "HTTP_OPTIONS": 512,
		"HTTP_PROPFIND": 1024, "HTTP_PROPPATCH": 2048, "HTTP_LOCK": 4096, "HTTP_UNLOCK": 8192,
		"HTTP_PATCH": 16384, "HTTP_TRACE": 32768,
	}
	return c
}

// errExit is what ngx.exit raises to end the running phase handler; the
// server tells it from an error by the request's exited flag.
var errExit = errors.New("ngx.exit")

// openNgx makes the ngx module in the worker's State: the global ngx and
// package.loaded.ngx.
func (w *worker) openNgx(ctx context.Context) error {
	s := w.st
	fns := func(m map[string]tide.Function) tide.Value {
		t := s.NewTable()
		for name, f := range m {
			s.SetField(t, name, s.NewFunction(name, f))
		}
		return t
	}
	host := s.NewTable()
	s.SetField(host, "top", fns(w.ngxTop()))
	s.SetField(host, "req", fns(w.ngxReq()))
	s.SetField(host, "re", fns(w.ngxRe()))
	s.SetField(host, "timer", fns(w.ngxTimer()))
	s.SetField(host, "worker", fns(w.ngxWorker()))
	s.SetField(host, "config", fns(w.ngxConfig()))
	for name, f := range map[string]tide.Function{
		"header_get": w.luaHeaderGet, "header_set": w.luaHeaderSet,
		"var_get": w.luaVarGet, "var_set": w.luaVarSet,
		"status_get": w.luaStatusGet, "status_set": w.luaStatusSet,
		"ctx_get": w.luaCtxGet, "ctx_set": w.luaCtxSet,
		"headers_sent": w.luaHeadersSent, "tcp": w.luaTCP,
	} {
		s.SetField(host, name, s.NewFunction(name, f))
	}
	w.argTable = s.NewTable()
	s.SetField(host, "arg", w.argTable)
	s.SetField(host, "null", tide.JSONNull)
	shared := s.NewTable()
	if len(w.srv.dicts) > 0 {
		var err error
		if shared, err = w.srv.openDicts(s); err != nil {
			return err
		}
	}
	s.SetField(host, "shared", shared)
	s.Preload("tide.ratelimit", ratelimit.Loader(w.srv.dicts))
	consts, err := s.ToValue(ngxConstants())
	if err != nil {
		return err
	}
	fn, err := s.Load([]byte(ngxSource), "=ngx")
	if err != nil {
		return err
	}
	rs, err := s.Call(ctx, fn, host, consts)
	if err != nil {
		return fmt.Errorf("setting up the ngx module: %w", err)
	}
	ngx := rs[0]
	cfg := s.GetField(host, "config")
	s.SetField(cfg, "subsystem", tide.String("http"))
	s.SetField(cfg, "ngx_lua_version", tide.Int(10026))
	s.SetField(cfg, "nginx_version", tide.Int(1025003))
	s.SetField(cfg, "debug", luaFalse)
	s.SetGlobal("ngx", ngx)
	if pkg := s.Global("package"); pkg.Type() == "table" {
		if loaded := s.GetField(pkg, "loaded"); loaded.Type() == "table" {
			s.SetField(loaded, "ngx", ngx)
			s.SetField(loaded, "ngx.re", s.GetField(host, "re"))
		}
	}
	return nil
}

// request returns the request being served, or an error naming the
// function for code running outside one (at load, in a timer).
func (w *worker) request(fname string) (*request, error) {
	if w.cur == nil {
		return nil, fmt.Errorf("%s: API disabled in the context of %s (no request)", fname, w.phaseName())
	}
	return w.cur, nil
}

// phaseName is ngx.get_phase's answer.
func (w *worker) phaseName() string {
	if w.phase == "" {
		return "init_worker"
	}
	return w.phase
}

// ngxTop are the functions at the top of the ngx table.
func (w *worker) ngxTop() map[string]tide.Function {
	return map[string]tide.Function{
		"say":       func(s *tide.State, a []tide.Value) ([]tide.Value, error) { return w.luaOutput(s, a, "say", true) },
		"print":     func(s *tide.State, a []tide.Value) ([]tide.Value, error) { return w.luaOutput(s, a, "print", false) },
		"flush":     w.luaFlush,
		"eof":       w.luaEOF,
		"exit":      w.luaExit,
		"redirect":  w.luaRedirect,
		"log":       w.luaLog,
		"sleep":     w.luaSleep,
		"get_phase": func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.String(w.phaseName())) },

		"now":             luaNow,
		"time":            luaTime,
		"update_time":     func(*tide.State, []tide.Value) ([]tide.Value, error) { return nil, nil },
		"today":           luaToday,
		"localtime":       luaLocaltime,
		"utctime":         luaUTCtime,
		"http_time":       luaHTTPTime,
		"cookie_time":     luaCookieTime,
		"parse_http_time": luaParseHTTPTime,

		"encode_base64":  luaEncodeBase64,
		"decode_base64":  luaDecodeBase64,
		"md5":            luaMD5,
		"md5_bin":        luaMD5Bin,
		"sha1_bin":       luaSHA1Bin,
		"crc32_short":    luaCRC32,
		"crc32_long":     luaCRC32,
		"hmac_sha1":      luaHMACSHA1,
		"escape_uri":     luaEscapeURI,
		"unescape_uri":   luaUnescapeURI,
		"encode_args":    luaEncodeArgs,
		"decode_args":    luaDecodeArgs,
		"quote_sql_str":  luaQuoteSQL,
		"get_now_ts":     luaNow,
		"worker_exiting": func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Bool(w.srv.draining.Load())) },
	}
}

// ngxWorker is ngx.worker.
func (w *worker) ngxWorker() map[string]tide.Function {
	return map[string]tide.Function{
		"id":      func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Int(int64(w.id))) },
		"count":   func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Int(int64(w.srv.opts.States))) },
		"pid":     func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Int(int64(os.Getpid()))) },
		"exiting": func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.Bool(w.srv.draining.Load())) },
	}
}

// ngxConfig is ngx.config's functions (its values are set after).
func (w *worker) ngxConfig() map[string]tide.Function {
	return map[string]tide.Function{
		"prefix":          func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.String(w.srv.dir + "/")) },
		"nginx_configure": func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(tide.String("")) },
		"is_console":      func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(luaFalse) },
	}
}

// appendOutput appends the text of ngx.say/print arguments to b: strings,
// numbers, booleans, nil, ngx.null, and (nested) sequences of them.
func appendOutput(s *tide.State, b []byte, v tide.Value, fname string, n, depth int) ([]byte, error) {
	if str, ok := v.AsString(); ok {
		return append(b, str...), nil
	}
	switch v.Type() {
	case "number":
		str, err := s.ToString(v)
		return append(b, str...), err
	case "nil":
		return append(b, "nil"...), nil
	case "boolean":
		if v.Truthy() {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case "table":
		if depth > 100 {
			return b, argError(n, fname, "nested too deep")
		}
		ln := s.Len(v)
		for i := int64(1); i <= ln; i++ {
			var err error
			if b, err = appendOutput(s, b, s.Get(v, tide.Int(i)), fname, n, depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case "userdata":
		if v == tide.JSONNull {
			return append(b, "null"...), nil
		}
	}
	return b, argError(n, fname, "string, number, boolean, nil, ngx.null, or array table expected, got "+v.Type())
}

// luaOutput is ngx.say (newline true) and ngx.print: the text goes
// through the body filter into the response buffer.
func (w *worker) luaOutput(s *tide.State, args []tide.Value, fname string, newline bool) ([]tide.Value, error) {
	q, err := w.request("ngx." + fname)
	if err != nil {
		return nil, err
	}
	if q.eof {
		return retErr("seen eof")
	}
	if !q.hdrDone {
		if err := w.commitHeaders(q); err != nil {
			return nil, err
		}
	}
	direct := q.phases == nil || q.phases.bodyFilter.IsNil()
	var b []byte
	if direct {
		b = q.out // no body filter: straight into the response buffer
	}
	for i, a := range args {
		if b, err = appendOutput(s, b, a, fname, i+1, 0); err != nil {
			return nil, err
		}
	}
	if newline {
		b = append(b, '\n')
	}
	if direct {
		q.out = b
	} else if err := w.emit(q, string(b), false); err != nil {
		return nil, err
	}
	return ret(tide.Int(1))
}

// luaFlush is ngx.flush: what was output so far is sent to the client.
func (w *worker) luaFlush(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.flush")
	if err != nil {
		return nil, err
	}
	if err := w.flush(q); err != nil {
		return retErr(err.Error())
	}
	return ret(tide.Int(1))
}

// luaEOF is ngx.eof: the response ends (the handler may go on, as
// OpenResty's does, e.g. for work after the response).
func (w *worker) luaEOF(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.eof")
	if err != nil {
		return nil, err
	}
	if !q.eof {
		if err := w.emit(q, "", true); err != nil {
			return nil, err
		}
		q.eof = true
		if err := w.flush(q); err != nil {
			return retErr(err.Error())
		}
	}
	return ret(tide.Int(1))
}

// luaExit is ngx.exit(status): the phase handler ends; see phases.go
// for what the status does.
func (w *worker) luaExit(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	status, err := argInt(args, 1, "exit")
	if err != nil {
		return nil, err
	}
	if w.cur == nil {
		if w.phase == "timer" {
			w.exiting = true
			return nil, tide.Unwind(errExit)
		}
		return nil, fmt.Errorf("ngx.exit: API disabled in the context of %s", w.phaseName())
	}
	q := w.cur
	q.exited, q.exitStatus = true, int(status)
	w.exiting = true
	return nil, tide.Unwind(errExit)
}

// luaRedirect is ngx.redirect(uri, status): Location and exit.
func (w *worker) luaRedirect(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.redirect")
	if err != nil {
		return nil, err
	}
	uri, err := argString(s, args, 1, "redirect")
	if err != nil {
		return nil, err
	}
	status, err := optInt(args, 2, "redirect", http.StatusFound)
	if err != nil {
		return nil, err
	}
	switch status {
	case 301, 302, 303, 307, 308:
	default:
		return nil, fmt.Errorf("only ngx.HTTP_MOVED_TEMPORARILY, ngx.HTTP_MOVED_PERMANENTLY, ngx.HTTP_PERMANENT_REDIRECT, ngx.HTTP_SEE_OTHER, and ngx.HTTP_TEMPORARY_REDIRECT are allowed")
	}
	if strings.ContainsAny(uri, "\r\n") {
		return nil, errors.New("ngx.redirect: the URI contains a line break")
	}
	if q.hdrDone {
		return nil, errors.New("attempt to call ngx.redirect after sending out the headers")
	}
	q.w.Header().Set("Location", uri)
	q.exited, q.exitStatus = true, int(status)
	w.exiting = true
	return nil, tide.Unwind(errExit)
}

// luaStatusGet reads ngx.status: the status set or sent, 0 before.
func (w *worker) luaStatusGet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q := w.cur
	if q == nil {
		return ret(luaNil)
	}
	return ret(tide.Int(int64(q.ngxStatus)))
}

// luaStatusSet writes ngx.status.
func (w *worker) luaStatusSet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.status")
	if err != nil {
		return nil, err
	}
	n, ok := arg(args, 1).ToInt()
	if !ok {
		return nil, fmt.Errorf("ngx.status: number expected, got %s", typeName(args, 1))
	}
	if q.hdrDone && !q.inHeaderFilter {
		w.logf(slog.LevelError, "attempt to set ngx.status after sending out response headers")
		return nil, nil
	}
	if n < 100 || n > 999 {
		return nil, fmt.Errorf("ngx.status: invalid status %d", n)
	}
	q.ngxStatus = int(n)
	return nil, nil
}

// luaCtxGet reads ngx.ctx, made on first use for each request (and for
// each timer run).
func (w *worker) luaCtxGet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	if w.ctxTable.IsNil() {
		w.ctxTable = s.NewTable()
	}
	return ret(w.ctxTable)
}

// luaCtxSet replaces ngx.ctx.
func (w *worker) luaCtxSet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	v := arg(args, 1)
	if v.Type() != "table" {
		return nil, fmt.Errorf("ngx.ctx: table expected, got %s", v.Type())
	}
	w.ctxTable = v
	return nil, nil
}

// luaHeadersSent is ngx.headers_sent.
func (w *worker) luaHeadersSent(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	return ret(tide.Bool(w.cur != nil && w.cur.hdrDone))
}

// headerKey turns an ngx.header name into the HTTP header name:
// underscores become dashes, as OpenResty does by default.
func headerKey(name string) string {
	return http.CanonicalHeaderKey(strings.ReplaceAll(name, "_", "-"))
}

// luaHeaderGet reads ngx.header[name]: a string, a table for a repeated
// header, or nil.
func (w *worker) luaHeaderGet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.header")
	if err != nil {
		return nil, err
	}
	name, err := argString(s, args, 1, "ngx.header")
	if err != nil {
		return nil, err
	}
	vs := q.w.Header()[headerKey(name)]
	switch len(vs) {
	case 0:
		return ret(luaNil)
	case 1:
		return ret(tide.String(vs[0]))
	}
	t, err := s.ToValue(vs)
	return []tide.Value{t}, err
}

// luaHeaderSet writes ngx.header[name] = value: a string or number, a
// sequence for a repeated header, nil (or {}) to remove it.
func (w *worker) luaHeaderSet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.header")
	if err != nil {
		return nil, err
	}
	name, err := argString(s, args, 1, "ngx.header")
	if err != nil {
		return nil, err
	}
	key := headerKey(name)
	if !validHeaderName(key) {
		return nil, fmt.Errorf("ngx.header: invalid header name %q", name)
	}
	if q.hdrDone && !q.inHeaderFilter {
		w.logf(slog.LevelError, "attempt to set ngx.header."+name+" after sending out response headers")
		return nil, nil
	}
	h := q.w.Header()
	v := arg(args, 2)
	switch v.Type() {
	case "nil":
		h.Del(key)
	case "table":
		h.Del(key)
		n := s.Len(v)
		for i := int64(1); i <= n; i++ {
			str, err := headerString(s, key, s.Get(v, tide.Int(i)))
			if err != nil {
				return nil, err
			}
			h.Add(key, str)
		}
	default:
		str, err := headerString(s, key, v)
		if err != nil {
			return nil, err
		}
		h.Set(key, str)
	}
	return nil, nil
}

// headerString formats a header value set from Lua.
func headerString(s *tide.State, key string, v tide.Value) (string, error) {
	switch v.Type() {
	case "string", "number", "boolean":
	default:
		return "", fmt.Errorf("ngx.header.%s: string expected, got %s", key, v.Type())
	}
	str, err := s.ToString(v)
	if err != nil {
		return "", err
	}
	if strings.ContainsAny(str, "\r\n\x00") {
		return "", fmt.Errorf("ngx.header.%s: value contains a line break or NUL", key)
	}
	return str, nil
}

// luaLog is ngx.log(level, ...): one line in the error log.
func (w *worker) luaLog(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	level, err := argInt(args, 1, "log")
	if err != nil {
		return nil, err
	}
	if level < 0 || level > ngxDebug {
		return nil, argError(1, "log", "bad log level")
	}
	var b strings.Builder
	for i, a := range args[1:] {
		switch a.Type() {
		case "nil":
			b.WriteString("nil")
		case "string", "number", "boolean":
			str, _ := s.ToString(a)
			b.WriteString(str)
		default:
			if a == tide.JSONNull {
				b.WriteString("null")
				continue
			}
			str, err := s.ToString(a)
			if err != nil || a.Type() != "table" {
				return nil, argError(i+2, "log", "string, number, boolean, or nil expected, got "+a.Type())
			}
			b.WriteString(str)
		}
	}
	var sl slog.Level
	switch {
	case level <= ngxErr:
		sl = slog.LevelError
	case level == ngxWarn:
		sl = slog.LevelWarn
	case level == ngxDebug:
		sl = slog.LevelDebug
	default:
		sl = slog.LevelInfo
	}
	attrs := []any{"level", ngxLevelNames[level], "text", b.String()}
	if q := w.cur; q != nil {
		attrs = append(attrs, "path", q.r.URL.Path)
	}
	w.srv.log.errors.Log(context.Background(), sl, "ngx.log", attrs...)
	return nil, nil
}

// logf writes a server message about the running handler.
func (w *worker) logf(level slog.Level, msg string) {
	attrs := []any{"phase", w.phaseName()}
	if q := w.cur; q != nil {
		attrs = append(attrs, "path", q.r.URL.Path)
	}
	w.srv.log.errors.Log(context.Background(), level, msg, attrs...)
}

// luaSleep is ngx.sleep(seconds): it blocks this State's goroutine
// only, and ends early with an error when the run's context is done.
// While it sleeps, the State's own timers that fall due run (nested in
// the sleeping call), as OpenResty runs a worker's timers while a
// request sleeps.
func (w *worker) luaSleep(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	sec, err := argNumber(args, 1, "sleep")
	if err != nil {
		return nil, err
	}
	if sec < 0 {
		return nil, argError(1, "sleep", "invalid sleep duration")
	}
	ctx := w.ctxOrBackground()
	t := time.NewTimer(time.Duration(sec * float64(time.Second)))
	defer t.Stop()
	for {
		select {
		case <-t.C:
			return nil, nil
		case <-ctx.Done():
			return nil, fmt.Errorf("ngx.sleep: %w", ctx.Err())
		case <-w.wake:
			w.runDueNested()
		}
	}
}

// ctxOrBackground is the context of the current run.
func (w *worker) ctxOrBackground() context.Context {
	if w.ctx == nil {
		return context.Background()
	}
	return w.ctx
}
