package serve

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tidelua/tide"
)

// ngx.req and ngx.var.

// ngxReq are the functions of ngx.req.
func (w *worker) ngxReq() map[string]tide.Function {
	return map[string]tide.Function{
		"get_method":    w.luaGetMethod,
		"get_uri_args":  w.luaGetURIArgs,
		"set_uri_args":  w.luaSetURIArgs,
		"get_headers":   w.luaGetHeaders,
		"set_header":    w.luaSetHeader,
		"clear_header":  w.luaClearHeader,
		"read_body":     w.luaReadBody,
		"discard_body":  w.luaDiscardBody,
		"get_body_data": w.luaGetBodyData,
		"get_body_file": func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(luaNil) },
		"get_post_args": w.luaGetPostArgs,
		"http_version":  w.luaHTTPVersion,
		"start_time":    w.luaStartTime,
		"is_internal":   func(*tide.State, []tide.Value) ([]tide.Value, error) { return ret(luaFalse) },
		"raw_header":    w.luaRawHeader,
	}
}

func (w *worker) luaGetMethod(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.get_method")
	if err != nil {
		return nil, err
	}
	return ret(tide.String(q.r.Method))
}

func (w *worker) luaGetURIArgs(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.get_uri_args")
	if err != nil {
		return nil, err
	}
	max, err := optInt(args, 1, "get_uri_args", 100)
	if err != nil {
		return nil, err
	}
	t, truncated := decodeArgs(s, q.r.URL.RawQuery, max)
	if truncated {
		return ret(t, tide.String("truncated"))
	}
	return ret(t)
}

func (w *worker) luaSetURIArgs(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.set_uri_args")
	if err != nil {
		return nil, err
	}
	var raw string
	switch v := arg(args, 1); v.Type() {
	case "string", "number":
		raw, _ = s.ToString(v)
	case "table":
		if raw, err = encodeArgs(s, v); err != nil {
			return nil, err
		}
	default:
		return nil, argError(1, "set_uri_args", "string or table expected, got "+typeName(args, 1))
	}
	q.setArgs(raw)
	return nil, nil
}

// setArgs replaces the request's query string.
func (q *request) setArgs(raw string) {
	q.r.URL.RawQuery = raw
	q.query = nil
}

func (w *worker) luaGetHeaders(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.get_headers")
	if err != nil {
		return nil, err
	}
	max, err := optInt(args, 1, "get_headers", 100)
	if err != nil {
		return nil, err
	}
	raw := arg(args, 2).Truthy()
	names := make([]string, 0, len(q.r.Header)+1)
	for k := range q.r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	if q.r.Host != "" {
		names = append([]string{"Host"}, names...)
	}
	t := s.NewTable()
	n := int64(0)
	for _, k := range names {
		vs := q.r.Header[k]
		if k == "Host" {
			vs = []string{q.r.Host}
		}
		key := k
		if !raw {
			key = strings.ToLower(k)
		}
		for _, v := range vs {
			if max > 0 && n >= max {
				return ret(t, tide.String("truncated"))
			}
			n++
			kv := tide.String(key)
			old := s.Get(t, kv)
			switch old.Type() {
			case "nil":
				s.Set(t, kv, tide.String(v))
			case "table":
				s.Set(old, tide.Int(s.Len(old)+1), tide.String(v))
			default:
				list := s.NewTable()
				s.Set(list, tide.Int(1), old)
				s.Set(list, tide.Int(2), tide.String(v))
				s.Set(t, kv, list)
			}
		}
	}
	return ret(t)
}

func (w *worker) luaSetHeader(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.set_header")
	if err != nil {
		return nil, err
	}
	name, err := argString(s, args, 1, "set_header")
	if err != nil {
		return nil, err
	}
	key := headerKey(name)
	v := arg(args, 2)
	if key == "Host" {
		if v.IsNil() {
			q.r.Host = ""
		} else {
			q.r.Host, _ = s.ToString(v)
		}
		return nil, nil
	}
	switch v.Type() {
	case "nil":
		q.r.Header.Del(key)
	case "table":
		q.r.Header.Del(key)
		for i := int64(1); i <= s.Len(v); i++ {
			str, err := headerString(s, key, s.Get(v, tide.Int(i)))
			if err != nil {
				return nil, err
			}
			q.r.Header.Add(key, str)
		}
	default:
		str, err := headerString(s, key, v)
		if err != nil {
			return nil, err
		}
		q.r.Header.Set(key, str)
	}
	return nil, nil
}

func (w *worker) luaClearHeader(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.clear_header")
	if err != nil {
		return nil, err
	}
	name, err := argString(s, args, 1, "clear_header")
	if err != nil {
		return nil, err
	}
	q.r.Header.Del(headerKey(name))
	return nil, nil
}

// luaReadBody is ngx.req.read_body: the body is read (up to the body
// limit; past it the request ends with 413).
func (w *worker) luaReadBody(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.read_body")
	if err != nil {
		return nil, err
	}
	if err := q.readBody(w.srv.opts.Limits.Body); err != nil {
		if errors.Is(err, errBodyTooLarge) {
			q.exited, q.exitStatus = true, http.StatusRequestEntityTooLarge
			w.exiting = true
			return nil, tide.Unwind(errExit)
		}
		return nil, err
	}
	return nil, nil
}

func (w *worker) luaDiscardBody(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.discard_body")
	if err != nil {
		return nil, err
	}
	if !q.bodyRead {
		q.bodyRead = true
	}
	return nil, nil
}

func (w *worker) luaGetBodyData(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.get_body_data")
	if err != nil {
		return nil, err
	}
	if !q.bodyRead || q.body == "" {
		return ret(luaNil)
	}
	return ret(tide.String(q.body))
}

func (w *worker) luaGetPostArgs(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.get_post_args")
	if err != nil {
		return nil, err
	}
	max, err := optInt(args, 1, "get_post_args", 100)
	if err != nil {
		return nil, err
	}
	if !q.bodyRead {
		return retErr("request body not read yet: call ngx.req.read_body() first")
	}
	t, truncated := decodeArgs(s, q.body, max)
	if truncated {
		return ret(t, tide.String("truncated"))
	}
	return ret(t)
}

func (w *worker) luaHTTPVersion(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.http_version")
	if err != nil {
		return nil, err
	}
	return ret(tide.Float(float64(q.r.ProtoMajor) + float64(q.r.ProtoMinor)/10))
}

func (w *worker) luaStartTime(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.start_time")
	if err != nil {
		return nil, err
	}
	return ret(tide.Float(float64(q.start.UnixMilli()) / 1000))
}

func (w *worker) luaRawHeader(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.req.raw_header")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if !arg(args, 1).Truthy() {
		fmt.Fprintf(&b, "%s %s %s\r\n", q.r.Method, q.r.RequestURI, q.r.Proto)
	}
	if q.r.Host != "" {
		fmt.Fprintf(&b, "Host: %s\r\n", q.r.Host)
	}
	q.r.Header.Write(&b)
	b.WriteString("\r\n")
	return ret(tide.String(b.String()))
}

// luaVarGet reads ngx.var[name]: a string, or nil for an unknown or
// unset variable.
func (w *worker) luaVarGet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.var")
	if err != nil {
		return nil, err
	}
	name, err := argString(s, args, 1, "ngx.var")
	if err != nil {
		return nil, err
	}
	v, ok := q.variable(name)
	if !ok {
		return ret(luaNil)
	}
	return ret(tide.String(v))
}

// luaVarSet writes ngx.var[name]: args changes the query string; other
// names are the request's own variables.
func (w *worker) luaVarSet(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	q, err := w.request("ngx.var")
	if err != nil {
		return nil, err
	}
	name, err := argString(s, args, 1, "ngx.var")
	if err != nil {
		return nil, err
	}
	v := arg(args, 2)
	var str string
	switch v.Type() {
	case "nil":
	case "string", "number":
		str, _ = s.ToString(v)
	default:
		return nil, fmt.Errorf("ngx.var.%s: string expected, got %s", name, v.Type())
	}
	switch name {
	case "args", "query_string":
		q.setArgs(str)
		return nil, nil
	}
	if _, builtin := q.builtinVar(name); builtin {
		return nil, fmt.Errorf("variable \"%s\" not changeable", name)
	}
	if q.vars == nil {
		q.vars = map[string]*string{}
	}
	if v.IsNil() {
		q.vars[name] = nil
	} else {
		q.vars[name] = &str
	}
	return nil, nil
}

// variable returns an nginx variable of the request.
func (q *request) variable(name string) (string, bool) {
	if p, ok := q.vars[name]; ok {
		if p == nil {
			return "", false
		}
		return *p, true
	}
	if v, ok := q.builtinVar(name); ok {
		return v()
	}
	switch {
	case strings.HasPrefix(name, "arg_"):
		return rawArg(q.r.URL.RawQuery, name[4:])
	case strings.HasPrefix(name, "http_"):
		key := headerKey(name[5:])
		if key == "Host" {
			return q.r.Host, q.r.Host != ""
		}
		vs := q.r.Header[key]
		if len(vs) == 0 {
			return "", false
		}
		if key == "Cookie" {
			return strings.Join(vs, "; "), true
		}
		return vs[0], true
	case strings.HasPrefix(name, "cookie_"):
		c, err := q.r.Cookie(name[7:])
		if err != nil {
			return "", false
		}
		return c.Value, true
	case strings.HasPrefix(name, "sent_http_"):
		vs := q.w.Header()[headerKey(name[10:])]
		if len(vs) == 0 {
			return "", false
		}
		return strings.Join(vs, ", "), true
	}
	return "", false
}

// rawArg finds the first value of a query argument, undecoded, as
// nginx's $arg_NAME (names compare case-insensitively).
func rawArg(query, name string) (string, bool) {
	for part := range strings.SplitSeq(query, "&") {
		k, v, _ := strings.Cut(part, "=")
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// builtinVar returns the getter of a built-in variable.
func (q *request) builtinVar(name string) (func() (string, bool), bool) {
	r := q.r
	some := func(s string) func() (string, bool) { return func() (string, bool) { return s, true } }
	switch name {
	case "request_method":
		return some(r.Method), true
	case "request_uri":
		return some(r.RequestURI), true
	case "uri", "document_uri":
		return some(r.URL.Path), true
	case "args", "query_string":
		return func() (string, bool) { return r.URL.RawQuery, r.URL.RawQuery != "" || r.URL.ForceQuery }, true
	case "is_args":
		return func() (string, bool) {
			if r.URL.RawQuery != "" {
				return "?", true
			}
			return "", true
		}, true
	case "host":
		return func() (string, bool) {
			h := r.Host
			if host, _, err := net.SplitHostPort(h); err == nil {
				h = host
			}
			return strings.ToLower(h), true
		}, true
	case "remote_addr":
		return func() (string, bool) {
			h, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				return r.RemoteAddr, true
			}
			return h, true
		}, true
	case "remote_port":
		return func() (string, bool) {
			_, p, err := net.SplitHostPort(r.RemoteAddr)
			return p, err == nil
		}, true
	case "scheme":
		if r.TLS != nil {
			return some("https"), true
		}
		return some("http"), true
	case "https":
		if r.TLS != nil {
			return some("on"), true
		}
		return some(""), true
	case "server_protocol":
		return some(r.Proto), true
	case "server_addr", "server_port":
		return func() (string, bool) {
			a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
			if !ok {
				return "", false
			}
			h, p, err := net.SplitHostPort(a.String())
			if err != nil {
				return "", false
			}
			if name == "server_addr" {
				return h, true
			}
			return p, true
		}, true
	case "server_name":
		return func() (string, bool) {
			h := r.Host
			if host, _, err := net.SplitHostPort(h); err == nil {
				h = host
			}
			return h, true
		}, true
	case "content_type":
		return func() (string, bool) {
			v := r.Header.Get("Content-Type")
			return v, v != ""
		}, true
	case "content_length":
		return func() (string, bool) {
			v := r.Header.Get("Content-Length")
			return v, v != ""
		}, true
	case "request_time":
		return func() (string, bool) {
			return strconv.FormatFloat(time.Since(q.start).Seconds(), 'f', 3, 64), true
		}, true
	case "msec":
		return func() (string, bool) {
			return strconv.FormatFloat(float64(time.Now().UnixMilli())/1000, 'f', 3, 64), true
		}, true
	case "status":
		return func() (string, bool) {
			st := q.status
			if st == 0 {
				st = q.ngxStatus
			}
			return strconv.Itoa(st), st != 0
		}, true
	case "request_body":
		return func() (string, bool) { return q.body, q.bodyRead && q.body != "" }, true
	case "bytes_sent", "body_bytes_sent":
		return func() (string, bool) { return strconv.FormatInt(q.bytes, 10), true }, true
	case "time_local":
		return func() (string, bool) { return time.Now().Format("02/Jan/2006:15:04:05 -0700"), true }, true
	case "time_iso8601":
		return func() (string, bool) { return time.Now().Format(time.RFC3339), true }, true
	case "request":
		return func() (string, bool) { return r.Method + " " + r.RequestURI + " " + r.Proto, true }, true
	}
	return nil, false
}
