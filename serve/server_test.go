package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidelua/tide/serve"
)

// syncBuffer is a log destination safe for concurrent writes and reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a Server running on 127.0.0.1 for a test.
type testServer struct {
	url, admin string
	access     *syncBuffer
	errors     *syncBuffer
	stop       context.CancelFunc
	done       chan error
}

// writeApp writes files (name -> text) into a new directory.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeFile(dir, name, text string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
}

// start serves the application source app (an app.lua) with opts.
func start(t *testing.T, app string, opts serve.Options) *testServer {
	t.Helper()
	if opts.App == "" && opts.Config == "" {
		opts.App = writeApp(t, map[string]string{"app.lua": app})
	}
	return startOpts(t, opts, false)
}

func startOpts(t *testing.T, opts serve.Options, separateAdmin bool) *testServer {
	t.Helper()
	ts := &testServer{access: &syncBuffer{}, errors: &syncBuffer{}, done: make(chan error, 1)}
	opts.AccessLog, opts.ErrorLog = ts.access, ts.errors
	if opts.States == 0 {
		opts.States = 2
	}
	srv, err := serve.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.url = "http://" + ln.Addr().String()
	ts.admin = ts.url
	var admin net.Listener
	if separateAdmin {
		if admin, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		ts.admin = "http://" + admin.Addr().String()
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts.stop = cancel
	go func() { ts.done <- srv.Serve(ctx, ln, admin) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-ts.done:
		case <-time.After(20 * time.Second):
			t.Error("Serve did not return")
		}
	})
	return ts
}

// get does a request and returns the status, body and headers.
func (ts *testServer) do(t *testing.T, method, path, body string) (int, string, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	base := ts.url
	if path == "/healthz" || path == "/readyz" || path == "/metrics" {
		base = ts.admin
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading: %v", method, path, err)
	}
	return resp.StatusCode, string(b), resp.Header
}

type exchange struct {
	name, method, path, body string
	status                   int
	want                     string // the body, or with a "~" prefix a substring of it
	header                   string // "Name: value" expected, optional
}

func (ts *testServer) check(t *testing.T, cases []exchange) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			method := c.method
			if method == "" {
				method = "GET"
			}
			status, body, h := ts.do(t, method, c.path, c.body)
			if status != c.status {
				t.Errorf("status %d, want %d (body %q)", status, c.status, body)
			}
			if sub, ok := strings.CutPrefix(c.want, "~"); ok {
				if !strings.Contains(body, sub) {
					t.Errorf("body %q does not contain %q", body, sub)
				}
			} else if body != c.want {
				t.Errorf("body %q, want %q", body, c.want)
			}
			if c.header != "" {
				name, val, _ := strings.Cut(c.header, ": ")
				if got := h.Get(name); got != val {
					t.Errorf("header %s = %q, want %q", name, got, val)
				}
			}
		})
	}
}

func TestHandlerFunction(t *testing.T) {
	ts := start(t, `
local n = 0
return function(req, res)
  n = n + 1
  if req.path == "/status" then
    return 201, "created", {["x-id"] = 7, ["set-cookie"] = {"a=1", "b=2"}}
  elseif req.path == "/res" then
    res.status = 202
    res.headers["content-type"] = "text/html"
    return "<p>hi</p>"
  elseif req.path == "/json" then
    return {list = {1, 2}, name = req.query.name, all = req:query_all("x")}
  elseif req.path == "/headers" then
    return req.headers["x-test"] .. " " .. req.headers.host:match("^127") .. " " .. req.method
  elseif req.path == "/empty" then
    return 204
  end
  return "hello " .. req.path
end`, serve.Options{})
	ts.check(t, []exchange{
		{name: "body", path: "/a/b", status: 200, want: "hello /a/b", header: "Content-Type: text/plain; charset=utf-8"},
		{name: "status body headers", path: "/status", status: 201, want: "created", header: "X-Id: 7"},
		{name: "res", path: "/res", status: 202, want: "<p>hi</p>", header: "Content-Type: text/html"},
		{name: "json", path: "/json?name=n&x=1&x=2", status: 200, want: `{"all":["1","2"],"list":[1,2],"name":"n"}`, header: "Content-Type: application/json"},
		{name: "no content", path: "/empty", status: 204, want: ""},
	})
	req, _ := http.NewRequest("GET", ts.url+"/headers", nil)
	req.Header.Set("X-Test", "yes")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "yes 127 GET" {
		t.Errorf("headers: got %q", b)
	}
	_, _, h := ts.do(t, "GET", "/status", "")
	if got := h.Values("Set-Cookie"); len(got) != 2 || got[0] != "a=1" || got[1] != "b=2" {
		t.Errorf("repeated header: got %q", got)
	}
}

func TestRoutes(t *testing.T) {
	ts := start(t, `
local function say(s) return function(req) return s .. " " .. req.path end end
return {
  ["GET /hello"] = say("get-hello"),
  ["/hello"] = say("any-hello"),
  ["POST /only"] = say("post-only"),
  ["/static/*"] = say("static"),
  ["/static/img/*"] = say("img"),
  ["GET /static/exact"] = say("exact"),
  ["/*"] = say("fallback"),
  ["GET /api/*"] = say("api"),
}`, serve.Options{})
	ts.check(t, []exchange{
		{name: "exact method", path: "/hello", status: 200, want: "get-hello /hello"},
		{name: "exact any method", method: "PUT", path: "/hello", status: 200, want: "any-hello /hello"},
		{name: "exact beats prefix", path: "/static/exact", status: 200, want: "exact /static/exact"},
		{name: "longest prefix", path: "/static/img/a.png", status: 200, want: "img /static/img/a.png"},
		{name: "prefix", path: "/static/a.css", status: 200, want: "static /static/a.css"},
		{name: "prefix without slash", path: "/static", status: 200, want: "static /static"},
		{name: "fallback", path: "/other", status: 200, want: "fallback /other"},
		{name: "head", method: "HEAD", path: "/api/x", status: 200, want: ""},
		{name: "method falls to fallback", method: "POST", path: "/api/x", status: 200, want: "fallback /api/x"},
		{name: "post only", method: "POST", path: "/only", status: 200, want: "post-only /only"},
		{name: "get only falls back", path: "/only", status: 200, want: "fallback /only"},
	})

	ts2 := start(t, `return {["GET /a"] = function() return "a" end, ["POST /b/*"] = function() return "b" end}`, serve.Options{})
	ts2.check(t, []exchange{
		{name: "404", path: "/nope", status: 404, want: "Not Found\n"},
		{name: "405", method: "DELETE", path: "/a", status: 405, want: "Method Not Allowed\n", header: "Allow: GET, HEAD"},
		{name: "405 prefix", path: "/b/c", status: 405, want: "Method Not Allowed\n", header: "Allow: POST"},
		{name: "ok", path: "/a", status: 200, want: "a"},
	})
}

func TestHandlerError(t *testing.T) {
	ts := start(t, `
local function inner() error("boom") end
return {
  ["/err"] = function() inner() end,
  ["/badstatus"] = function() return 42, "x" end,
  ["/badbody"] = function() return true end,
  ["/ok"] = function() return "ok" end,
  ["/exit"] = function() os.exit(3) end,
}`, serve.Options{})
	ts.check(t, []exchange{
		{name: "error", path: "/err", status: 500, want: "Internal Server Error\n"},
		{name: "os.exit", path: "/exit", status: 500, want: "Internal Server Error\n"},
		{name: "bad status", path: "/badstatus", status: 500, want: "Internal Server Error\n"},
		{name: "bad body", path: "/badbody", status: 500, want: "Internal Server Error\n"},
		{name: "still serving", path: "/ok", status: 200, want: "ok"},
	})
	log := ts.errors.String()
	for _, want := range []string{`"msg":"handler error"`, `app.lua:2: boom`, `stack traceback:`, `in upvalue 'inner'`, `invalid response status`, `boolean as body`} {
		if !strings.Contains(log, want) {
			t.Errorf("error log lacks %q:\n%s", want, log)
		}
	}
}

func TestRunawayHandler(t *testing.T) {
	app := `return {
  ["/spin"] = function() while true do end end,
  ["/hog"] = function() local t = {} for i = 1, 1e9 do t[i] = {i} end end,
  ["/ok"] = function() return "ok" end,
}`
	for _, tc := range []struct {
		name, path string
		opts       serve.Options
		kind       string
	}{
		{"time", "/spin", serve.Options{Limits: serve.Limits{Time: time.Second}}, `"kind":"time"`},
		{"instructions", "/spin", serve.Options{Limits: serve.Limits{Instructions: 1e6}}, `"kind":"instructions"`},
		{"memory", "/hog", serve.Options{Limits: serve.Limits{Memory: 8 << 20}}, `"kind":"memory"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := start(t, app, tc.opts)
			var wg sync.WaitGroup
			wg.Add(1)
			var spinStatus int
			go func() {
				defer wg.Done()
				spinStatus, _, _ = ts.do(t, "GET", tc.path, "")
			}()
			// the other State keeps serving while the first one spins
			for range 5 {
				if st, body, _ := ts.do(t, "GET", "/ok", ""); st != 200 || body != "ok" {
					t.Errorf("/ok during a runaway handler: %d %q", st, body)
				}
			}
			wg.Wait()
			if spinStatus != 503 {
				t.Errorf("%s: status %d, want 503", tc.path, spinStatus)
			}
			if log := ts.errors.String(); !strings.Contains(log, tc.kind) || !strings.Contains(log, "handler stopped by a quota") {
				t.Errorf("error log lacks the quota stop (%s):\n%s", tc.kind, log)
			}
			// the State was replaced: both serve again
			for range 4 {
				if st, _, _ := ts.do(t, "GET", "/ok", ""); st != 200 {
					t.Errorf("/ok after the stop: %d", st)
				}
			}
			_, metrics, _ := ts.do(t, "GET", "/metrics", "")
			want := `tide_quota_stops_total{kind="` + tc.name + `"} 1`
			if !strings.Contains(metrics, want) {
				t.Errorf("metrics lack %q", want)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	ts := start(t, `return function(req) return "got " .. #req.body end`,
		serve.Options{Limits: serve.Limits{Body: 10, Header: 1 << 10}})
	ts.check(t, []exchange{
		{name: "small", method: "POST", path: "/", body: "0123456789", status: 200, want: "got 10"},
		{name: "declared too large", method: "POST", path: "/", body: strings.Repeat("x", 100), status: 413, want: "Request Entity Too Large\n"},
	})
	// a header past the limit (net/http allows 4096 bytes of slack)
	req, _ := http.NewRequest("GET", ts.url+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("h", 8000))
	hresp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hresp.Body.Close()
	if hresp.StatusCode != 431 {
		t.Errorf("large header: status %d, want 431", hresp.StatusCode)
	}
	// a chunked body has no declared length: the limit trips on reading
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(strings.Repeat("y", 50)))
		pw.Close()
	}()
	resp, err := http.Post(ts.url+"/", "text/plain", pr)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Errorf("chunked body: status %d, want 413", resp.StatusCode)
	}
}

func TestJSONBody(t *testing.T) {
	ts := start(t, `return function(req)
  local v, err = req:json()
  if err then return 400, err end
  return {sum = v.a + v.b, tags = v.tags, n = #req.body}
end`, serve.Options{})
	st, body, h := ts.do(t, "POST", "/", `{"a": 1, "b": 2.5, "tags": ["x", "y"]}`)
	if st != 200 || h.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, content type %q", st, h.Get("Content-Type"))
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("response %q: %v", body, err)
	}
	if got["sum"] != 3.5 || len(got["tags"].([]any)) != 2 {
		t.Errorf("response %q", body)
	}
	st, body, _ = ts.do(t, "POST", "/", `{"a": `)
	if st != 400 || !strings.Contains(body, "invalid JSON body") {
		t.Errorf("bad JSON: %d %q", st, body)
	}
}

func TestAdminEndpoints(t *testing.T) {
	ts := start(t, `return {["GET /x"] = function() return "x" end, ["/metrics"] = function() return "app" end}`, serve.Options{})
	ts.do(t, "GET", "/x", "")
	ts.do(t, "GET", "/x", "")
	ts.do(t, "GET", "/missing", "")
	ts.check(t, []exchange{
		{name: "healthz", path: "/healthz", status: 200, want: "ok\n"},
		{name: "readyz", path: "/readyz", status: 200, want: "ready\n"},
	})
	_, m, h := ts.do(t, "GET", "/metrics", "")
	if !strings.HasPrefix(h.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("metrics content type %q", h.Get("Content-Type"))
	}
	for _, want := range []string{
		"# TYPE tide_http_requests_total counter",
		`tide_http_requests_total{route="GET /x",status="200"} 2`,
		`tide_http_requests_total{route="(unmatched)",status="404"} 1`,
		"# TYPE tide_http_request_duration_seconds histogram",
		`tide_http_request_duration_seconds_bucket{route="GET /x",le="+Inf"} 2`,
		`tide_http_request_duration_seconds_count{route="GET /x"} 2`,
		"tide_http_requests_in_flight 0",
		`tide_quota_stops_total{kind="time"} 0`,
		"tide_states 2",
		"tide_states_busy 0",
		"tide_states_created_total 2",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q:\n%s", want, m)
		}
	}
	access := ts.access.String()
	if !strings.Contains(access, `"route":"GET /x","status":200`) || strings.Contains(access, "/healthz") {
		t.Errorf("access log:\n%s", access)
	}
}

func TestSeparateAdmin(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.lua": `return function(req) return "app " .. req.path end`})
	ts := startOpts(t, serve.Options{App: dir}, true)
	ts.check(t, []exchange{
		{name: "app keeps /metrics", path: "/x/metrics", status: 200, want: "app /x/metrics"},
		{name: "admin readyz", path: "/readyz", status: 200, want: "ready\n"},
	})
	st, body, _ := ts.do(t, "GET", "/nothing", "")
	if st != 200 || body != "app /nothing" {
		t.Errorf("app: %d %q", st, body)
	}
	resp, err := http.Get(ts.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "app /healthz" {
		t.Errorf("/healthz on the app listener went to %q", b)
	}
}

func TestDrain(t *testing.T) {
	gate := filepath.Join(t.TempDir(), "gate")
	// the handler streams a first line, then waits until the test
	// creates the gate file
	dir := writeApp(t, map[string]string{"app.lua": `
return {
  ["/slow"] = function(req, res)
    res:write("started\n")
    while not io.open(` + strconv.Quote(gate) + `) do end
  end,
}`})
	ts := startOpts(t, serve.Options{App: dir, Limits: serve.Limits{Time: 15 * time.Second}}, true)

	resp, err := http.Get(ts.url + "/slow")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	first := make([]byte, len("started\n"))
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	ts.stop() // shutdown begins with the request in flight
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, _, _ := ts.do(t, "GET", "/readyz", "")
		if st == 503 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("readyz never went 503")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case <-ts.done:
		t.Fatal("Serve returned with a request in flight")
	default:
	}
	os.WriteFile(gate, nil, 0o644)
	rest, err := io.ReadAll(resp.Body)
	if err != nil || len(rest) != 0 {
		t.Errorf("in-flight request: %q, %v", rest, err)
	}
	select {
	case err := <-ts.done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
		ts.done <- err // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after the drain")
	}
	if log := ts.access.String(); !strings.Contains(log, `"path":"/slow","route":"/slow","status":200`) {
		t.Errorf("access log lacks the drained request:\n%s", log)
	}
}

func TestDrainDelay(t *testing.T) {
	ts := start(t, `return function() return "ok" end`, serve.Options{DrainDelay: time.Second})
	ts.stop()
	// during the delay the listener still serves, and readyz says 503
	st, body, _ := ts.do(t, "GET", "/readyz", "")
	if st != 503 || body != "draining\n" {
		t.Errorf("readyz while draining: %d %q", st, body)
	}
	st, body, _ = ts.do(t, "GET", "/x", "")
	if st != 200 || body != "ok" {
		t.Errorf("request while draining: %d %q", st, body)
	}
}

func TestGlobalWriteWarning(t *testing.T) {
	ts := start(t, `
config = {loaded = true} -- a global at load time is fine
return function(req)
  counter = (counter or 0) + 1
  return "n"
end`, serve.Options{})
	ts.do(t, "GET", "/", "")
	log := ts.errors.String()
	if !strings.Contains(log, `"msg":"global variable written during a request`) || !strings.Contains(log, `"name":"counter"`) {
		t.Errorf("no warning for the global:\n%s", log)
	}
	if strings.Contains(log, `"name":"config"`) {
		t.Errorf("warning for a global set while loading:\n%s", log)
	}
}

func TestStreaming(t *testing.T) {
	ts := start(t, `return function(req, res)
  res.status = 206
  res.headers["x-stream"] = "yes"
  res:write("a", 1, "\n")
  res:write("b\n")
  print("printed", 42)
end`, serve.Options{})
	ts.check(t, []exchange{{name: "stream", path: "/", status: 206, want: "a1\nb\n", header: "X-Stream: yes"}})
	if log := ts.errors.String(); !strings.Contains(log, `"text":"printed\t42"`) {
		t.Errorf("print did not reach the error log:\n%s", log)
	}
}

func TestInvalidApp(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // a substring of the error (long paths are shortened as Lua does: ".../app.lua")
	}{
		{"syntax", map[string]string{"app.lua": "return function(\n  x = \nend"}, "app.lua:2: ')' expected near '='"},
		{"runtime", map[string]string{"app.lua": "local x = nil\nreturn x.y"}, "/app.lua:2: attempt to index a nil value (local 'x')"},
		{"bad return", map[string]string{"app.lua": "local x = 1\nreturn 42"}, "/app.lua:2: the application must return a handler function or a table of routes, got number"},
		{"bad route", map[string]string{"app.lua": "return {\n  [\"GET hello\"] = function() end,\n}"}, `route "GET hello": path must start with '/'`},
		{"route not function", map[string]string{"app.lua": "return {\n  [\"/a\"] = 1,\n}"}, `/app.lua:2: route "/a": function or table of phase handlers expected, got number`},
		{"no app", map[string]string{"other.lua": ""}, "neither tide.conf.lua nor app.lua found"},
		{"config field", map[string]string{"tide.conf.lua": "return {\n  listen = ':0',\n  limits = {\n    time = 'soon',\n  },\n}"}, `/tide.conf.lua:4: limits.time: positive duration expected`},
		{"config unknown", map[string]string{"tide.conf.lua": "return {\n  lisen = ':0',\n}"}, `/tide.conf.lua:2: unknown configuration field 'lisen'`},
		{"config syntax", map[string]string{"tide.conf.lua": "return {\n  listen = ,\n}"}, `/tide.conf.lua:2: unexpected symbol near ','`},
		{"config app missing", map[string]string{"tide.conf.lua": "return {app = 'main.lua'}"}, `main.lua`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeApp(t, tc.files)
			_, err := serve.New(serve.Options{App: dir, States: 1, AccessLog: io.Discard, ErrorLog: io.Discard})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q", err, tc.want)
			}
		})
	}
}

func TestConfigFile(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"tide.conf.lua": `return {
  states = 3,
  limits = {body = "1KiB", time = 5, instructions = 1e7},
  routes = {
    ["GET /conf"] = function() return "from config" end,
    ["/mod"] = function() return require("helper").greet() end,
  },
}`,
		"helper.lua": `return {greet = function() return "helped" end}`,
	})
	ts := start(t, "", serve.Options{App: dir})
	ts.check(t, []exchange{
		{name: "config route", path: "/conf", status: 200, want: "from config"},
		{name: "require beside the app", path: "/mod", status: 200, want: "helped"},
		{name: "body limit", method: "POST", path: "/mod", body: strings.Repeat("z", 2000), status: 413, want: "Request Entity Too Large\n"},
	})
	_, m, _ := ts.do(t, "GET", "/metrics", "")
	if !strings.Contains(m, "tide_states 2") { // the option given wins over the file
		t.Errorf("states: %s", m)
	}

	// the config names the app file
	dir2 := writeApp(t, map[string]string{
		"tide.conf.lua": `return {app = "main.lua", states = 1}`,
		"main.lua":      `return function() return "main" end`,
	})
	srv, err := serve.New(serve.Options{App: dir2, AccessLog: io.Discard, ErrorLog: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if o := srv.Options(); o.States != 1 || o.Limits.Time != 30*time.Second || o.Listen != ":8080" {
		t.Errorf("effective options: %+v", o)
	}
}

func TestExample(t *testing.T) {
	ts := start(t, "", serve.Options{App: filepath.Join("..", "examples", "serve", "hello")})
	ts.check(t, []exchange{
		{name: "hello", path: "/hello?name=tide", status: 200, want: "hello, tide!\n"},
		{name: "echo", method: "POST", path: "/echo", body: `{"a":1}`, status: 200, want: `~"received":{"a":1}`},
		{name: "count", path: "/count", status: 200, want: "~this State served /count"},
		{name: "static", path: "/static/x", status: 200, want: "you asked for /static/x\n"},
	})
}

func TestConcurrentRequests(t *testing.T) {
	ts := start(t, `
local cache = {}
return {
  ["GET /item"] = function(req)
    local id = req.query.id
    cache[id] = (cache[id] or 0) + 1
    return "item " .. id
  end,
  ["POST /echo"] = function(req) return req.body end,
  ["/fail"] = function() error("nope") end,
}`, serve.Options{States: 3})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				id := strconv.Itoa(g*100 + i)
				if st, body, _ := ts.do(t, "GET", "/item?id="+id, ""); st != 200 || body != "item "+id {
					t.Errorf("item %s: %d %q", id, st, body)
				}
				if st, body, _ := ts.do(t, "POST", "/echo", "body "+id); st != 200 || body != "body "+id {
					t.Errorf("echo %s: %d %q", id, st, body)
				}
				if i%5 == 0 {
					if st, _, _ := ts.do(t, "GET", "/fail", ""); st != 500 {
						t.Errorf("fail: %d", st)
					}
				}
			}
		}()
	}
	wg.Wait()
	_, m, _ := ts.do(t, "GET", "/metrics", "")
	for _, want := range []string{
		`tide_http_requests_total{route="GET /item",status="200"} 200`,
		`tide_http_requests_total{route="POST /echo",status="200"} 200`,
		`tide_http_requests_total{route="/fail",status="500"} 40`,
		"tide_handler_errors_total 40",
		"tide_states_discarded_total 0",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
