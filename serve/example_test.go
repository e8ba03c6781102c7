package serve_test

import (
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/tidelua/tide/serve"
)

// A Server embedded in a Go program: its Handler serves the Lua
// application (and /healthz, /readyz, /metrics).
func ExampleServer_Handler() {
	dir, _ := os.MkdirTemp("", "app")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "app.lua"), []byte(`
return {
  ["GET /hello"] = function(req)
    return "hello, " .. (req.query.name or "world")
  end,
}`), 0o644)

	srv, err := serve.New(serve.Options{App: dir, States: 1, AccessLog: io.Discard})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/hello?name=tide", nil))
	fmt.Println(w.Code, w.Body.String())
	// Output: 200 hello, tide
}

// An OpenResty-style route: phase handlers using the ngx API.
func ExampleServer_phases() {
	dir, _ := os.MkdirTemp("", "app")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "app.lua"), []byte(`
return {
  ["/api/*"] = {
    access = function()
      if ngx.var.http_x_api_key ~= "secret" then
        return ngx.exit(ngx.HTTP_FORBIDDEN)
      end
      ngx.ctx.user = "alice"
    end,
    content = function()
      ngx.say("hello, ", ngx.ctx.user, " at ", ngx.var.uri)
    end,
  },
}`), 0o644)

	srv, err := serve.New(serve.Options{App: dir, States: 1, AccessLog: io.Discard})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	for _, key := range []string{"secret", "wrong"} {
		req := httptest.NewRequest("GET", "/api/items", nil)
		req.Header.Set("X-Api-Key", key)
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, req)
		line, _, _ := strings.Cut(w.Body.String(), "\n")
		fmt.Println(w.Code, strings.TrimSpace(line))
	}
	// Output:
	// 200 hello, alice at /api/items
	// 403 <html>
}
