package serve_test

import (
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"

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
