package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadResponse(t *testing.T) {
	tests := []struct {
		name, in   string
		head       bool
		status     int
		keep       bool
		body       string
		err        error // errors.Is target; nil: no error
		anyErr     bool
		restPrefix string // what must remain unread
	}{
		{name: "length", in: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloNEXT", status: 200, keep: true, body: "hello", restPrefix: "NEXT"},
		{name: "chunked", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;x=y\r\n, world\r\n0\r\nTrailer: 1\r\n\r\nNEXT",
			status: 200, keep: true, body: "hello, world", restPrefix: "NEXT"},
		{name: "close", in: "HTTP/1.1 429 Too Many\r\nconnection: Close\r\ncontent-length: 2\r\n\r\nno", status: 429, keep: false, body: "no"},
		{name: "http10", in: "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", status: 200, keep: false, body: "x"},
		{name: "http10 keep-alive", in: "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", status: 200, keep: true, body: "x"},
		{name: "until close", in: "HTTP/1.1 200 OK\r\n\r\nall of it", status: 200, keep: false, body: "all of it"},
		{name: "no body 204", in: "HTTP/1.1 204 No Content\r\n\r\nNEXT", status: 204, keep: true, restPrefix: "NEXT"},
		{name: "head", in: "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nNEXT", head: true, status: 200, keep: true, restPrefix: "NEXT"},
		{name: "LF only", in: "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", status: 200, keep: true, body: "ok"},
		{name: "bad status line", in: "HTTP/2 200\r\n\r\n", err: errMalformed},
		{name: "bad status", in: "HTTP/1.1 2x0 OK\r\n\r\n", err: errMalformed},
		{name: "bad header", in: "HTTP/1.1 200 OK\r\nnocolon\r\n\r\n", err: errMalformed},
		{name: "bad length", in: "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", err: errMalformed},
		{name: "bad chunk", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", err: errMalformed},
		{name: "chunk without CRLF", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n", err: errMalformed},
		{name: "short body", in: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", anyErr: true},
		{name: "empty", in: "", err: io.ErrUnexpectedEOF},
		{name: "truncated headers", in: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n", anyErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tt.in))
			body := []byte("stale")
			status, keep, err := readResponse(br, &body, tt.head)
			if tt.err != nil || tt.anyErr {
				if err == nil || (tt.err != nil && !errors.Is(err, tt.err)) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if status != tt.status || keep != tt.keep || string(body) != tt.body {
				t.Errorf("got %d %v %q, want %d %v %q", status, keep, body, tt.status, tt.keep, tt.body)
			}
			rest, _ := io.ReadAll(br)
			if !strings.HasPrefix(string(rest), tt.restPrefix) {
				t.Errorf("left %q unread, want prefix %q", rest, tt.restPrefix)
			}
		})
	}
}

func TestParseStat(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{in: "1234 (tide) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 8 0 100 0 0", want: 325},
		{in: "99 (a b) c)) R 1 2 3 4 5 6 7 8 9 10 11 12 0 0 0", want: 23},
		{in: "99 no parens", err: true},
		{in: "99 (x) S 1 2", err: true},
		{in: "99 (x) S 1 2 3 4 5 6 7 8 9 10 u s", err: true},
	}
	for _, tt := range tests {
		got, err := parseStat([]byte(tt.in))
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseStat(%q) = %d, %v; want %d, err %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	// this process's own stat line parses
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Skip("no /proc")
	}
	if _, err := parseStat(b); err != nil {
		t.Errorf("own stat: %v", err)
	}
}

func TestPercentile(t *testing.T) {
	s := make([]time.Duration, 100)
	for i := range s {
		s[i] = time.Duration(i + 1)
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{{50, 50}, {99, 99}, {100, 100}, {0.1, 1}, {1, 1}, {99.5, 100}}
	for _, tt := range tests {
		if got := percentile(s, tt.p); got != tt.want {
			t.Errorf("p%v = %d, want %d", tt.p, got, tt.want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("empty: %d", got)
	}
	if got := percentile([]time.Duration{7}, 99); got != 7 {
		t.Errorf("one sample: %d", got)
	}
}

func TestSameJSON(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, true},
		{`{"a":1.0}`, `{"a":1}`, true},
		{`{"a":null}`, `{"a":null}`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`[1,2]`, `[2,1]`, false},
		{`not json`, `1`, false},
	}
	for _, tt := range tests {
		if err := sameJSON([]byte(tt.got), []byte(tt.want)); (err == nil) != tt.ok {
			t.Errorf("sameJSON(%s, %s) = %v", tt.got, tt.want, err)
		}
	}
}

func TestParseFlags(t *testing.T) {
	bad := [][]string{
		{"-c", "0"},
		{"-d", "0s"},
		{"-ok", "abc"},
		{"-ok", "42"},
		{"-pid", "x"},
		{"-expect-json", "{"},
		{"-clk-tck", "0"},
		{"extra"},
	}
	for _, args := range bad {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q): no error", args)
		}
	}
	cfg, err := parseFlags([]string{"-ok", "200, 429", "-pid", "1,2", "-n", "10", "-d", "0s"})
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.okStatus[200] || !cfg.okStatus[429] || len(cfg.pids) != 2 || cfg.requests != 10 {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestRequest(t *testing.T) {
	cfg := &config{addr: "h:1", method: "POST", path: "/x?k={conn}", body: "{}", headers: []string{"A: b"}}
	got := string(cfg.request(7))
	want := "POST /x?k=7 HTTP/1.1\r\nHost: h:1\r\nUser-Agent: tide-loadgen\r\nA: b\r\nContent-Length: 2\r\n\r\n{}"
	if got != want {
		t.Errorf("request = %q, want %q", got, want)
	}
}

// TestRun loads a real server on loopback with a request count, so it
// ends by itself: every request succeeds, the statuses and the bodies
// are checked, and connections the server closes are reopened.
func TestRun(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/plain":
			if n.Add(1)%7 == 0 {
				w.Header().Set("Connection", "close")
			}
			io.WriteString(w, "hello")
		case "/chunked":
			w.(http.Flusher).Flush() // forces chunked encoding
			io.WriteString(w, `{"b":[1,2],"a":1}`)
		case "/limited":
			if r.URL.Query().Get("key") == "0" {
				w.WriteHeader(429)
			}
			io.WriteString(w, "x")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	pid := fmt.Sprint(os.Getpid())
	tests := []struct {
		name     string
		args     []string
		requests int
		errors   int
	}{
		{"plain", []string{"-path", "/plain", "-expect", "hello"}, 200, 0},
		{"chunked json", []string{"-path", "/chunked", "-expect-json", `{"a":1,"b":[1,2]}`}, 200, 0},
		{"statuses", []string{"-path", "/limited?key={conn}", "-ok", "200,429"}, 200, 0},
		{"bad status", []string{"-path", "/limited?key={conn}", "-c", "1"}, 0, 200},
		{"wrong body", []string{"-path", "/plain", "-expect", "bye", "-c", "2"}, 0, 200},
		{"not found", []string{"-path", "/nope", "-c", "3"}, 0, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-addr", addr, "-n", "200", "-d", "0s", "-warmup", "0s", "-c", "4", "-pid", pid}, tt.args...)
			cfg, err := parseFlags(args)
			if err != nil {
				t.Fatal(err)
			}
			res, err := run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if res.requests != tt.requests || res.errors != tt.errors {
				t.Fatalf("requests %d errors %d, want %d %d (first error %s)", res.requests, res.errors, tt.requests, tt.errors, res.firstErr)
			}
			line := res.String()
			for _, key := range []string{"rps=", "p50_us=", "p99_us=", "max_us=", "server_cpu_us=", "statuses="} {
				if !strings.Contains(line, key) {
					t.Errorf("%q lacks %s", line, key)
				}
			}
		})
	}
}

func TestRunRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := strings.TrimPrefix(srv.URL, "http://")
	srv.Close()
	cfg, err := parseFlags([]string{"-addr", addr, "-n", "1", "-d", "0s", "-timeout", "1s"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run(cfg); err == nil {
		t.Error("no error from a closed port")
	}
}
