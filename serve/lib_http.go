package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tidelua/tide"
)

// tide.http: an outbound HTTP client for handlers. One http.Client per
// server (its connection pool shared by all the States); a call blocks
// its State's goroutine only, and ends early when the run's context (the
// request's deadline, the client going away) is done or its own timeout
// passes. Network failures come back as nil and a message, never as Lua
// errors.

// Defaults of an outbound request.
const (
	defaultOutTimeout = 30 * time.Second
	defaultOutMaxBody = 16 << 20
	maxOutRedirects   = 10
)

// outbound holds a server's HTTP client, made on first use.
type outbound struct {
	once   sync.Once
	client *http.Client
}

// noRedirect marks the context of a request that must not follow
// redirects.
type noRedirect struct{}

func (o *outbound) get() *http.Client {
	o.once.Do(func() {
		var t *http.Transport
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			t = dt.Clone()
		} else {
			t = &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true}
		}
		t.MaxIdleConnsPerHost = 64
		t.IdleConnTimeout = 90 * time.Second
		o.client = &http.Client{
			Transport: t,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if req.Context().Value(noRedirect{}) != nil {
					return http.ErrUseLastResponse
				}
				if len(via) >= maxOutRedirects {
					return fmt.Errorf("stopped after %d redirects", maxOutRedirects)
				}
				return nil
			},
		}
	})
	return o.client
}

// closeIdle closes the client's idle connections.
func (o *outbound) closeIdle() {
	if o.client != nil {
		o.client.CloseIdleConnections()
	}
}

// outRequest is an outbound request as a handler describes it.
type outRequest struct {
	method    string
	url       string
	query     string // encoded, added to url
	header    http.Header
	host      string
	body      string
	timeout   time.Duration
	maxBody   int64
	redirects bool
}

// outResponse is what came back.
type outResponse struct {
	status int
	header http.Header
	body   string
}

// do sends r with ctx (the run's context) and reads the response, up
// to r.maxBody bytes of body. Its error is the message for Lua.
func (o *outbound) do(ctx context.Context, r *outRequest) (*outResponse, error) {
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if !r.redirects {
		cctx = context.WithValue(cctx, noRedirect{}, true)
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	u := r.url
	if r.query != "" {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + r.query
	}
	req, err := http.NewRequestWithContext(cctx, r.method, u, body)
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "net/http: "))
	}
	if r.header != nil {
		req.Header = r.header
	}
	if r.host != "" {
		req.Host = r.host
	}
	resp, err := o.get().Do(req)
	if err != nil {
		return nil, outError(ctx, cctx, err)
	}
	defer resp.Body.Close()
	if resp.ContentLength > r.maxBody {
		return nil, fmt.Errorf("response body too large (%d bytes, limit %d)", resp.ContentLength, r.maxBody)
	}
	var b strings.Builder
	if resp.ContentLength > 0 {
		b.Grow(int(resp.ContentLength))
	}
	n, err := io.Copy(&b, io.LimitReader(resp.Body, r.maxBody+1))
	if err != nil {
		return nil, outError(ctx, cctx, err)
	}
	if n > r.maxBody {
		return nil, fmt.Errorf("response body too large (limit %d bytes)", r.maxBody)
	}
	return &outResponse{status: resp.StatusCode, header: resp.Header, body: b.String()}, nil
}

// outError words a failed request: "timeout" when its own timeout
// passed, "canceled" or "deadline exceeded" when the run's context
// ended it, else the cause without Go's "Get "url": " prefix.
func outError(ctx, cctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return errors.New("timeout (the request's time limit)")
		}
		return errors.New("canceled")
	case cctx.Err() != nil:
		return errors.New("timeout")
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// httpLib makes tide.http for the worker's State.
func (w *worker) httpLib() tide.Value {
	return libFuncs(w.st, map[string]tide.Function{
		"request": w.luaHTTPRequest,
		"get": func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			return w.luaHTTPShort(s, args, "get", "GET", false)
		},
		"post": func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			return w.luaHTTPShort(s, args, "post", "POST", true)
		},
	})
}

// luaHTTPRequest is tide.http.request(opts).
func (w *worker) luaHTTPRequest(s *tide.State, args []tide.Value) ([]tide.Value, error) {
	opts, err := argTable(args, 1, "request")
	if err != nil {
		return nil, err
	}
	r, err := readOutRequest(s, opts, "request", 1)
	if err != nil {
		return nil, err
	}
	if r.url == "" {
		return nil, argError(1, "request", "field 'url' missing")
	}
	return w.httpCall(s, r)
}

// luaHTTPShort is tide.http.get(url [, opts]) and post(url, body [,
// opts]).
func (w *worker) luaHTTPShort(s *tide.State, args []tide.Value, fname, method string, withBody bool) ([]tide.Value, error) {
	u, err := argString(s, args, 1, fname)
	if err != nil {
		return nil, err
	}
	optn := 2
	if withBody {
		optn = 3
	}
	var r *outRequest
	if o := arg(args, optn); !o.IsNil() {
		if o.Type() != "table" {
			return nil, argError(optn, fname, "table expected, got "+o.Type())
		}
		if r, err = readOutRequest(s, o, fname, optn); err != nil {
			return nil, err
		}
	} else {
		r = defaultOutRequest()
	}
	r.url, r.method = u, method
	if withBody {
		if err := setOutBody(s, r, arg(args, 2), fname, 2); err != nil {
			return nil, err
		}
	}
	return w.httpCall(s, r)
}

func defaultOutRequest() *outRequest {
	return &outRequest{method: "GET", timeout: defaultOutTimeout, maxBody: defaultOutMaxBody, redirects: true}
}

// outFields are the fields of a request table.
var outFields = map[string]bool{
	"method": true, "url": true, "headers": true, "body": true, "query": true,
	"timeout": true, "max_body": true, "redirects": true,
}

// readOutRequest reads a request table (argument argn of fname).
func readOutRequest(s *tide.State, t tide.Value, fname string, argn int) (*outRequest, error) {
	for k := range s.All(t) {
		if name, ok := k.AsString(); !ok || !outFields[name] {
			str, _ := s.ToString(k)
			return nil, argError(argn, fname, "unknown field '"+str+"'")
		}
	}
	r := defaultOutRequest()
	field := func(name string) tide.Value { return s.GetField(t, name) }
	str := func(name string) (string, bool, error) {
		v := field(name)
		if v.IsNil() {
			return "", false, nil
		}
		if v.Type() != "string" {
			return "", false, argError(argn, fname, "field '"+name+"': string expected, got "+v.Type())
		}
		sv, _ := v.AsString()
		return sv, true, nil
	}
	if m, ok, err := str("method"); err != nil {
		return nil, err
	} else if ok {
		r.method = strings.ToUpper(m)
	}
	if u, ok, err := str("url"); err != nil {
		return nil, err
	} else if ok {
		r.url = u
	}
	if q := field("query"); !q.IsNil() {
		if q.Type() != "table" {
			return nil, argError(argn, fname, "field 'query': table expected, got "+q.Type())
		}
		qs, err := encodeArgs(s, q)
		if err != nil {
			return nil, argError(argn, fname, "field 'query': "+err.Error())
		}
		r.query = qs
	}
	if h := field("headers"); !h.IsNil() {
		if h.Type() != "table" {
			return nil, argError(argn, fname, "field 'headers': table expected, got "+h.Type())
		}
		r.header = http.Header{}
		for k, v := range s.All(h) {
			name, ok := k.AsString()
			if !ok {
				return nil, argError(argn, fname, "field 'headers': names must be strings")
			}
			vals := []tide.Value{v}
			if v.Type() == "table" {
				vals = vals[:0]
				for i := int64(1); i <= s.Len(v); i++ {
					vals = append(vals, s.Get(v, tide.Int(i)))
				}
			}
			for _, hv := range vals {
				if t := hv.Type(); t != "string" && t != "number" && t != "boolean" {
					return nil, argError(argn, fname, "field 'headers': header '"+name+"': string expected, got "+t)
				}
				sv, err := s.ToString(hv)
				if err != nil {
					return nil, err
				}
				if strings.EqualFold(name, "host") {
					r.host = sv
					continue
				}
				r.header.Add(name, sv)
			}
		}
	}
	if b := field("body"); !b.IsNil() {
		if err := setOutBody(s, r, b, fname, argn); err != nil {
			return nil, err
		}
	}
	if v := field("timeout"); !v.IsNil() {
		f, ok := v.ToFloat()
		if !ok || !(f > 0) || math.IsInf(f, 0) {
			return nil, argError(argn, fname, "field 'timeout': positive number of seconds expected")
		}
		r.timeout = time.Duration(min(f, 1e9) * float64(time.Second))
	}
	if v := field("max_body"); !v.IsNil() {
		n, ok := v.ToInt()
		if !ok || n < 0 {
			return nil, argError(argn, fname, "field 'max_body': integer >= 0 expected")
		}
		r.maxBody = min(n, math.MaxInt64-1)
	}
	if v := field("redirects"); !v.IsNil() {
		if v.Type() != "boolean" {
			return nil, argError(argn, fname, "field 'redirects': boolean expected, got "+v.Type())
		}
		r.redirects = v.Truthy()
	}
	return r, nil
}

// setOutBody sets the request body: a string (or number), or a table
// sent as JSON (Content-Type application/json unless set).
func setOutBody(s *tide.State, r *outRequest, b tide.Value, fname string, argn int) error {
	switch b.Type() {
	case "nil":
		r.body = ""
	case "string", "number":
		r.body, _ = s.ToString(b)
	case "table":
		text, err := s.EncodeJSON(b)
		if err != nil {
			return argError(argn, fname, "body: "+err.Error())
		}
		r.body = text
		if r.header == nil {
			r.header = http.Header{}
		}
		if r.header.Get("Content-Type") == "" {
			r.header.Set("Content-Type", "application/json")
		}
	default:
		return argError(argn, fname, "body: string or table expected, got "+b.Type())
	}
	return nil
}

// httpCall sends r in the worker's current run and returns the
// response table, or nil and a message.
func (w *worker) httpCall(s *tide.State, r *outRequest) ([]tide.Value, error) {
	resp, err := w.srv.metrics.lib.http.do(w.ctxOrBackground(), r)
	if err != nil {
		return retErr(err.Error())
	}
	t := s.NewTable()
	s.SetField(t, "status", tide.Int(int64(resp.status)))
	h := s.NewTable()
	for k, vs := range resp.header {
		s.SetField(h, strings.ToLower(k), tide.String(strings.Join(vs, ", ")))
	}
	s.SetField(t, "headers", h)
	s.SetField(t, "body", tide.String(resp.body))
	return ret(t)
}
