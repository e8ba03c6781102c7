package serve_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidelua/tide/serve"
	"github.com/tidelua/tide/serve/shdict"
)

// The ngx compatibility suite: each serve/testdata/ngx/*.lua is an
// OpenResty-style application with its requests and expected responses
// in comments:
//
//	--! states=1 dict=cache=1m lang=luajit   server options (optional)
//	--> GET /path?x=1                       a request ($ECHO is the echo server's host:port)
//	--> H X-Name: value                     a request header
//	--> B text\n                            the request body (\n, \r, \t escapes)
//	--< 200                                 the expected status
//	--< H Name: value                       an expected header ("--< !H Name" absent)
//	--< B text\n                            the expected body, exactly
//	--< ~ regexp                            the body matches regexp
//	--< L regexp                            the error log matches regexp (after the request)

// ngxCase is one request of a script and what must come back.
type ngxCase struct {
	line    int
	method  string
	path    string
	headers [][2]string
	body    string
	status  int
	want    []func(t *testing.T, status int, body string, h http.Header, errLog func() string)
}

func unescapeTest(s string) string {
	return strings.NewReplacer(`\n`, "\n", `\r`, "\r", `\t`, "\t", `\\`, `\`).Replace(s)
}

// parseNgxScript reads the directives of a test script.
func parseNgxScript(t *testing.T, text string) (opts map[string][]string, cases []*ngxCase) {
	t.Helper()
	opts = map[string][]string{}
	var cur *ngxCase
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "--! "):
			for _, f := range strings.Fields(line[4:]) {
				k, v, _ := strings.Cut(f, "=")
				opts[k] = append(opts[k], v)
			}
		case strings.HasPrefix(line, "--> "):
			d := line[4:]
			switch {
			case strings.HasPrefix(d, "H "):
				k, v, _ := strings.Cut(d[2:], ": ")
				cur.headers = append(cur.headers, [2]string{k, v})
			case strings.HasPrefix(d, "B "):
				cur.body = unescapeTest(d[2:])
			default:
				m, p, _ := strings.Cut(d, " ")
				cur = &ngxCase{line: i + 1, method: m, path: p}
				cases = append(cases, cur)
			}
		case strings.HasPrefix(line, "--< "):
			d := line[4:]
			if cur == nil {
				t.Fatalf("line %d: expectation before any request", i+1)
			}
			switch {
			case strings.HasPrefix(d, "H "):
				k, v, _ := strings.Cut(d[2:], ": ")
				cur.want = append(cur.want, func(t *testing.T, _ int, _ string, h http.Header, _ func() string) {
					if got := strings.Join(h.Values(k), ", "); got != v {
						t.Errorf("header %s = %q, want %q", k, got, v)
					}
				})
			case strings.HasPrefix(d, "!H "):
				k := d[3:]
				cur.want = append(cur.want, func(t *testing.T, _ int, _ string, h http.Header, _ func() string) {
					if got := h.Values(k); len(got) > 0 {
						t.Errorf("header %s = %q, want none", k, got)
					}
				})
			case strings.HasPrefix(d, "B "), d == "B":
				want := unescapeTest(strings.TrimPrefix(strings.TrimPrefix(d, "B"), " "))
				cur.want = append(cur.want, func(t *testing.T, _ int, body string, _ http.Header, _ func() string) {
					if body != want {
						t.Errorf("body %q, want %q", body, want)
					}
				})
			case strings.HasPrefix(d, "~ "):
				re := regexp.MustCompile(d[2:])
				cur.want = append(cur.want, func(t *testing.T, _ int, body string, _ http.Header, _ func() string) {
					if !re.MatchString(body) {
						t.Errorf("body %q does not match %s", body, re)
					}
				})
			case strings.HasPrefix(d, "L "):
				re := regexp.MustCompile(d[2:])
				cur.want = append(cur.want, func(t *testing.T, _ int, _ string, _ http.Header, errLog func() string) {
					// the log phase may still run: wait a little
					for range 100 {
						if re.MatchString(errLog()) {
							return
						}
						time.Sleep(10 * time.Millisecond)
					}
					t.Errorf("error log does not match %s:\n%s", re, errLog())
				})
			default:
				n, err := strconv.Atoi(d)
				if err != nil {
					t.Fatalf("line %d: bad expectation %q", i+1, d)
				}
				cur.status = n
			}
		}
	}
	return opts, cases
}

// echoServer serves TCP on 127.0.0.1: each line received comes back
// prefixed with "echo: "; a line "bye" closes the connection; "blob N"
// sends N bytes 'x' then "--END--" and more text.
func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				rd := bufio.NewReader(c)
				for {
					line, err := rd.ReadString('\n')
					if err != nil {
						return
					}
					line = strings.TrimRight(line, "\r\n")
					switch {
					case line == "bye":
						io.WriteString(c, "bye\n")
						return
					case strings.HasPrefix(line, "blob "):
						n, _ := strconv.Atoi(line[5:])
						io.WriteString(c, strings.Repeat("x", n)+"--END--tail")
						return
					case line == "silent":
						time.Sleep(2 * time.Second)
						return
					}
					io.WriteString(c, "echo: "+line+"\r\n")
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func TestNgxScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "ngx", "*.lua"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	echo := echoServer(t)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".lua"), func(t *testing.T) {
			t.Parallel()
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			o, cases := parseNgxScript(t, string(text))
			opts := serve.Options{App: file, States: 2}
			if v := o["states"]; len(v) > 0 {
				opts.States, _ = strconv.Atoi(v[0])
			}
			for _, d := range o["dict"] {
				name, size, err := shdict.ParseSpec(d)
				if err != nil {
					t.Fatal(err)
				}
				if opts.SharedDicts == nil {
					opts.SharedDicts = map[string]int64{}
				}
				opts.SharedDicts[name] = size
			}
			if v := o["lang"]; len(v) > 0 {
				opts.Compat = "luajit"
			}
			if v := o["body"]; len(v) > 0 {
				n, _ := strconv.Atoi(v[0])
				opts.Limits.Body = int64(n)
			}
			if v := o["timeout"]; len(v) > 0 {
				opts.Limits.Time, _ = time.ParseDuration(v[0])
			}
			ts := startOpts(t, opts, false)
			client := &http.Client{
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
				Timeout:       15 * time.Second,
			}
			for _, c := range cases {
				path := strings.ReplaceAll(c.path, "$ECHO", echo)
				var rd io.Reader
				if c.body != "" {
					rd = strings.NewReader(c.body)
				}
				req, err := http.NewRequest(c.method, ts.url+path, rd)
				if err != nil {
					t.Fatalf("line %d: %v", c.line, err)
				}
				for _, h := range c.headers {
					if h[0] == "Host" {
						req.Host = h[1]
						continue
					}
					req.Header.Add(h[0], h[1])
				}
				resp, err := client.Do(req)
				var b []byte
				if err == nil {
					b, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				if c.status == -1 {
					// the connection must be cut (no response, or a
					// truncated one)
					if err == nil {
						t.Errorf("line %d: %s %s: a complete response (status %d, body %q), want the connection cut", c.line, c.method, c.path, resp.StatusCode, b)
					}
					continue
				}
				if err != nil {
					t.Fatalf("line %d: %s %s: %v", c.line, c.method, path, err)
				}
				if c.status != 0 && resp.StatusCode != c.status {
					t.Errorf("line %d: %s %s: status %d, want %d (body %q)\n%s", c.line, c.method, c.path, resp.StatusCode, c.status, b, ts.errors.String())
				}
				for _, w := range c.want {
					t.Run("line"+strconv.Itoa(c.line), func(t *testing.T) {
						w(t, resp.StatusCode, string(b), resp.Header, ts.errors.String)
					})
				}
			}
		})
	}
}

// TestNgxTimerPremature: at shutdown, pending timers run once with
// premature = true.
func TestNgxTimerPremature(t *testing.T) {
	errs := &syncBuffer{}
	dir := writeApp(t, map[string]string{"app.lua": `
return {
  init_worker = function()
    ngx.timer.at(3600, function(premature, what)
      ngx.log(ngx.WARN, "timer ran premature=", premature, " ", what)
    end, "later")
  end,
  ["/"] = {content = function() ngx.say("ok") end},
}`})
	srv, err := serve.New(serve.Options{App: dir, States: 2, AccessLog: io.Discard, ErrorLog: errs})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, nil) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if n := strings.Count(errs.String(), "timer ran premature=true later"); n != 2 {
		t.Errorf("premature runs: %d, want 2 (one per State)\n%s", n, errs.String())
	}
}

// TestNgxConfig: lang, shared_dicts, init and init_worker in a
// configuration file, and phase tables in its routes.
func TestNgxConfig(t *testing.T) {
	dir := writeApp(t, map[string]string{"tide.conf.lua": `
return {
  lang = "luajit",
  shared_dicts = {cache = "1m", small = 65536},
  init = function() INITS = (INITS or "") .. ngx.get_phase() end,
  init_worker = function() INITS = INITS .. "+" .. ngx.get_phase() end,
  routes = {
    ["/"] = {content = function()
      ngx.say(INITS, " ", 10 / 2, " ", ngx.shared.cache:capacity(), " ", ngx.shared.small:capacity())
    end},
  },
}`})
	ts := startOpts(t, serve.Options{App: dir, SharedDicts: map[string]int64{"small": 100000}}, false)
	ts.check(t, []exchange{
		{name: "config", path: "/", status: 200, want: "init+init_worker 5 1048576 100000\n"},
	})
}

func TestNgxInvalidConfig(t *testing.T) {
	for _, c := range []struct{ name, conf, app, want string }{
		{"lang", "return {\n  lang = \"python\",\n  handler = function() end,\n}", "", `tide.conf.lua:2: lang: "lua5.4" or "luajit" expected, got "python"`},
		{"dict size", "return {\n  shared_dicts = {cache = \"lots\"},\n  handler = function() end,\n}", "", `tide.conf.lua:2: shared_dicts.cache: size expected`},
		{"phase name", "", "return {\n  [\"/a\"] = {contents = function() end},\n}", `app.lua:2: route "/a": unknown phase "contents"`},
		{"phase type", "", "return {\n  [\"/a\"] = {content = 1},\n}", `app.lua:2: route "/a": phase content: function expected, got number`},
		{"init error", "", "return {\n  init = function() error('init failed') end,\n  [\"/\"] = function() end,\n}", `app.lua:2: init failed`},
		{"ngx.say at load", "", "ngx.say('x')\nreturn function() end", `ngx.say: API disabled in the context of init`},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{}
			if c.conf != "" {
				files["tide.conf.lua"] = c.conf
			}
			if c.app != "" {
				files["app.lua"] = c.app
			}
			dir := writeApp(t, files)
			_, err := serve.New(serve.Options{App: dir, States: 1, AccessLog: io.Discard, ErrorLog: io.Discard})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// TestNgxConcurrent: requests that sleep, use ngx.ctx and a shared
// dict, while a timer ticks in every State, all answer correctly.
func TestNgxConcurrent(t *testing.T) {
	ts := startOpts(t, serve.Options{App: writeApp(t, map[string]string{"app.lua": `
local d = ngx.shared.d
return {
  init_worker = function()
    ngx.timer.every(0.005, function(premature) if not premature then d:incr("ticks", 1, 0) end end)
  end,
  ["/"] = {
    access = function() ngx.ctx.id = ngx.var.arg_id end,
    content = function()
      ngx.sleep(0.005)
      d:incr("hits", 1, 0)
      ngx.print(ngx.ctx.id)
    end,
  },
}`}), States: 3, SharedDicts: map[string]int64{"d": 1 << 20}}, false)
	const n = 60
	errs := make(chan error, n)
	for i := range n {
		go func() {
			resp, err := http.Get(ts.url + "/?id=" + strconv.Itoa(i))
			if err != nil {
				errs <- err
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(b) != strconv.Itoa(i) {
				errs <- &badResponse{resp.StatusCode, string(b), i}
				return
			}
			errs <- nil
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

type badResponse struct {
	status int
	body   string
	id     int
}

func (b *badResponse) Error() string {
	return "request " + strconv.Itoa(b.id) + ": status " + strconv.Itoa(b.status) + " body " + strconv.Quote(b.body)
}
