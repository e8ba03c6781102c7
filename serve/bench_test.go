package serve_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tidelua/tide/serve"
)

// BenchmarkServeHTTP measures the server's own cost per request (routing,
// a State from the pool, the Lua call, the response, metrics and the
// access log), without the network.
func BenchmarkServeHTTP(b *testing.B) {
	for _, bc := range []struct{ name, path, app string }{
		{"text", "/hello", `return {["GET /hello"] = function() return "hello" end}`},
		{"query", "/q?name=x", `return {["GET /q"] = function(req) return "hi " .. req.query.name end}`},
		{"json", "/j", `return {["GET /j"] = function(req) return {ok = true, n = 1} end}`},
		{"ngx_say", "/n?name=x", `return {["GET /n"] = {content = function() ngx.say("hi ", ngx.var.arg_name) end}}`},
		{"ngx_phases", "/p", `return {["GET /p"] = {
  access = function() ngx.ctx.user = "u" end,
  content = function() ngx.header["X-User"] = ngx.ctx.user; ngx.print("ok") end,
  log = function() end,
}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := writeFile(dir, "app.lua", bc.app); err != nil {
				b.Fatal(err)
			}
			srv, err := serve.New(serve.Options{App: dir, States: 1, AccessLog: io.Discard, ErrorLog: io.Discard})
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			h := srv.Handler()
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
