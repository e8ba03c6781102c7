package serve_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidelua/tide/serve"
)

// upstream is a test HTTP server for tide.http; it counts the
// connections it accepted.
type upstream struct {
	*httptest.Server
	conns    atomic.Int64
	canceled chan struct{} // a /block request saw its context end
	entered  chan struct{} // a /block request arrived
}

func newUpstream(t *testing.T) *upstream {
	t.Helper()
	u := &upstream{canceled: make(chan struct{}, 10), entered: make(chan struct{}, 10)}
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var hs []string
		for k, v := range r.Header {
			if strings.HasPrefix(k, "X-") || k == "Content-Type" {
				hs = append(hs, k+"="+strings.Join(v, "|"))
			}
		}
		sort.Strings(hs)
		w.Header().Set("X-Reply", "yes")
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.WriteHeader(201)
		fmt.Fprintf(w, "%s %s host=%s %s body=%s", r.Method, r.URL.RequestURI(), r.Host, strings.Join(hs, ","), body)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, strings.Repeat("x", 100))
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		for range 10 {
			io.WriteString(w, strings.Repeat("y", 10))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusFound)
	})
	mux.HandleFunc("/block", func(w http.ResponseWriter, r *http.Request) {
		u.entered <- struct{}{}
		select {
		case <-r.Context().Done():
			u.canceled <- struct{}{}
		case <-time.After(10 * time.Second):
		}
	})
	u.Server = httptest.NewUnstartedServer(mux)
	u.Config.ConnState = func(c net.Conn, s http.ConnState) {
		if s == http.StateNew {
			u.conns.Add(1)
		}
	}
	u.Start()
	t.Cleanup(u.Close)
	return u
}

func TestHTTPClient(t *testing.T) {
	up := newUpstream(t)
	ts := start(t, evalApp(""), serve.Options{States: 2})
	code := func(s string) string { return strings.ReplaceAll(s, "$U", up.URL) }
	ts.eval(t, []evalCase{
		{"get", code(`local r = require("tide").http.get("$U/echo?a=1")
			return r.status .. " " .. r.body .. " " .. r.headers["x-reply"] .. " " .. r.headers["x-multi"]`),
			"~201 GET /echo?a=1 host=127.0.0.1:"},
		{"get headers", code(`local r = require("tide").http.get("$U/echo?a=1")
			return r.headers["x-reply"] .. " " .. r.headers["x-multi"]`), "yes a, b"},
		{"post", code(`local r = require("tide").http.post("$U/echo", "hello", {headers = {["X-A"] = "1"}})
			return r.body`), "~POST /echo host=127.0.0.1:"},
		{"post body", code(`return require("tide").http.post("$U/echo", "hello", {headers = {["X-A"] = "1"}}).body:match("X%-A=1 body=hello$") ~= nil`), "true"},
		{"post json", code(`return require("tide").http.post("$U/echo", {k = 1}).body:match("Content%-Type=application/json body={\"k\":1}$") ~= nil`), "true"},
		{"request", code(`local r = require("tide").http.request{method = "put", url = "$U/echo", query = {b = "x y", a = 1},
			headers = {["X-Many"] = {"1", "2"}, Host = "example.test"}, body = "B"}
			return r.body`), "PUT /echo?a=1&b=x%20y host=example.test X-Many=1|2 body=B"},
		{"redirect followed", code(`return require("tide").http.get("$U/redirect").status`), "201"},
		{"redirect not followed", code(`local r = require("tide").http.get("$U/redirect", {redirects = false})
			return r.status .. " " .. r.headers.location`), "302 /echo"},
		{"body limit", code(`return require("tide").http.get("$U/big", {max_body = 10})`), "nil response body too large (100 bytes, limit 10)"},
		{"body limit chunked", code(`return require("tide").http.get("$U/bigchunked", {max_body = 50})`), "nil response body too large (limit 50 bytes)"},
		{"body at limit", code(`return #require("tide").http.get("$U/big", {max_body = 100}).body`), "100"},
		{"timeout", code(`return require("tide").http.get("$U/block", {timeout = 0.05})`), "nil timeout"},
		{"refused", `return require("tide").http.get("http://127.0.0.1:1/")`, "~nil dial tcp 127.0.0.1:1: connect: connection refused"},
		{"bad scheme", `return require("tide").http.get("ftp://x/")`, "~nil unsupported protocol scheme"},
		{"bad url", `return require("tide").http.get("http://[::1")`, "~nil parse"},
		{"unknown field", code(`return require("tide").http.request{url = "$U", timout = 1}`), "error: eval:1: bad argument #1 to 'request' (unknown field 'timout')"},
		{"no url", `return require("tide").http.request{}`, "~field 'url' missing"},
		{"bad timeout", code(`return require("tide").http.get("$U", {timeout = -1})`), "~field 'timeout': positive number of seconds expected"},
		{"bad header", code(`return require("tide").http.get("$U", {headers = {A = print}})`), "~header 'A': string expected, got function"},
		{"bad body", code(`return require("tide").http.post("$U", true)`), "~body: string or table expected, got boolean"},
		{"url type", `return require("tide").http.get()`, "~bad argument #1 to 'get' (string expected, got no value)"},
	})
	// drain the /block requests the timeout case left behind
	for len(up.entered) > 0 {
		<-up.entered
	}
}

func TestHTTPConnectionReuse(t *testing.T) {
	up := newUpstream(t)
	ts := start(t, evalApp(""), serve.Options{States: 2})
	for i := range 6 {
		status, body, _ := ts.do(t, "POST", "/eval", `return require("tide").http.get("`+up.URL+`/echo").status`)
		if status != 200 || body != "201" {
			t.Fatalf("request %d: %d %q", i, status, body)
		}
	}
	if n := up.conns.Load(); n != 1 {
		t.Errorf("%d connections for 6 sequential requests, want 1", n)
	}
}

func TestHTTPRequestCanceled(t *testing.T) {
	up := newUpstream(t)
	ts := start(t, evalApp(""), serve.Options{States: 1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "POST", ts.url+"/eval",
		strings.NewReader(`return require("tide").http.get("`+up.URL+`/block")`))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	select {
	case <-up.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the outbound request did not arrive")
	}
	cancel() // the client goes away: the outbound request must end
	select {
	case <-up.canceled:
	case <-time.After(5 * time.Second):
		t.Fatal("the outbound request was not canceled with its request")
	}
	<-done
}

func TestHTTPRequestTimeLimit(t *testing.T) {
	up := newUpstream(t)
	ts := start(t, evalApp(""), serve.Options{States: 1, Limits: serve.Limits{Time: 200 * time.Millisecond}})
	status, _, _ := ts.do(t, "POST", "/eval", `return require("tide").http.get("`+up.URL+`/block")`)
	if status != http.StatusServiceUnavailable && status != 200 {
		t.Errorf("status %d", status)
	}
	select {
	case <-up.canceled:
	case <-time.After(5 * time.Second):
		t.Fatal("the outbound request outlived its request's time limit")
	}
}
