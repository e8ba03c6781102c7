package tide_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tidelua/tide"
)

// TestFS checks that Options.FS serves DoFile, loadfile and require, also
// in the sandbox, and nothing outside it.
func TestFS(t *testing.T) {
	fsys := fstest.MapFS{
		"main.lua":          {Data: []byte("local m = require('lib.greet') print(m.hello('fs'))")},
		"lib/greet.lua":     {Data: []byte("return {hello = function(x) return 'hello ' .. x end}")},
		"lib/util/init.lua": {Data: []byte("return 'init'")},
	}
	for _, sandbox := range []bool{false, true} {
		var out bytes.Buffer
		s := tide.NewState(tide.Options{Stdout: &out, FS: fsys, Sandbox: sandbox})
		ctx := context.Background()
		if err := s.DoFile(ctx, "main.lua"); err != nil {
			t.Fatalf("sandbox=%v: %v", sandbox, err)
		}
		if err := s.DoString(ctx, `print((require("lib.util"))) print(pcall(require, "nope"))`, "=t"); err != nil {
			t.Fatalf("sandbox=%v: %v", sandbox, err)
		}
		got := out.String()
		if !strings.HasPrefix(got, "hello fs\ninit\nfalse\tmodule 'nope' not found:") {
			t.Errorf("sandbox=%v: %q", sandbox, got)
		}
		if err := s.DoFile(ctx, "/etc/passwd"); err == nil {
			t.Errorf("sandbox=%v: a file outside FS was read", sandbox)
		}
		if err := s.DoFile(ctx, "../main.lua"); err == nil {
			t.Errorf("sandbox=%v: a name leaving FS was read", sandbox)
		}
		if !sandbox {
			out.Reset()
			if err := s.DoString(ctx, `print(loadfile("lib/greet.lua")().hello("x"), pcall(dofile, "missing.lua"))`, "=t"); err != nil {
				t.Fatal(err)
			}
			if got := out.String(); !strings.HasPrefix(got, "hello x\tfalse\tcannot open missing.lua") {
				t.Errorf("loadfile/dofile: %q", got)
			}
		}
		s.Close()
	}
}
