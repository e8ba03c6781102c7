package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer the server's logs may write to while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeCommandErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.lua"), []byte("return function(req)\n  return 'x' ..\nend\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "good.lua"), []byte("return function() return 'ok' end\n"), 0o644)
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		stderr string // a substring
	}{
		{"syntax error", []string{"tide", "serve", "--listen", "127.0.0.1:0", "bad.lua"}, 1, "bad.lua:3: unexpected symbol near 'end'"},
		{"missing app", []string{"tide", "serve", "nope.lua"}, 1, "tide: cannot open"},
		{"no app", []string{"tide", "serve"}, 1, "no application given"},
		{"two apps", []string{"tide", "serve", "good.lua", "bad.lua"}, 1, "one application expected"},
		{"bad option", []string{"tide", "serve", "--states", "x", "good.lua"}, 1, `invalid value "x" for flag -states`},
		{"bad size", []string{"tide", "serve", "--max-body", "lots", "good.lua"}, 1, "bad value 'lots' for '--max-body'"},
		{"help", []string{"tide", "serve", "-h"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr lockedBuffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, dir: dir}
			ctx, cancel := context.WithCancel(t.Context())
			cancel() // a valid app would stop at once
			code := run(ctx, tc.args, e)
			if code != tc.status {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr.String())
			}
			if strings.Contains(stderr.String(), `"msg":"listening"`) {
				t.Errorf("listened despite the error")
			}
		})
	}
}

func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "app.lua"), []byte(`return {["GET /hi"] = function(req) return "hi " .. (req.query.who or "?") end}`), 0o644)
	var stdout, stderr lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, dir: dir}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"tide", "serve", "--listen", "127.0.0.1:0", "--states", "1", "--drain", "5s", "."}, e)
	}()

	addrRE := regexp.MustCompile(`"msg":"listening","addr":"([^"]+)"`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == ""; {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d:\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never listened:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + "/hi?who=cli")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "hi cli" {
		t.Errorf("GET /hi: %d %q", resp.StatusCode, body)
	}
	cancel() // as SIGTERM would
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d:\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stdout.String(), `"path":"/hi","route":"GET /hi","status":200`) {
		t.Errorf("access log:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), `"msg":"draining"`) {
		t.Errorf("error log:\n%s", stderr.String())
	}
}
