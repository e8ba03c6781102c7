package tide_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tidelua/tide"
)

// TestBinaryChunks checks that binary chunks are refused by default, in
// Load and in Lua's load, and run when the host allows them.
func TestBinaryChunks(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	maker := tide.NewState(tide.Options{Stdout: &out})
	defer maker.Close()
	if err := maker.DoString(ctx, `print(load(string.dump(function() return 1 end)))`, "=t"); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "attempt to load a binary chunk (binary chunks are disabled)") {
		t.Errorf("Lua load of a binary chunk by default: %q", got)
	}
	// Make a chunk in a State that allows them.
	allow := tide.NewState(tide.Options{Stdout: &out, AllowBinaryChunks: true})
	defer allow.Close()
	fn, err := allow.Load([]byte(`return string.dump(function() return 6 * 7 end)`), "=make")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := allow.Call(ctx, fn)
	if err != nil || len(rs) != 1 {
		t.Fatalf("dump: %v %v", rs, err)
	}
	chunk, err := allow.ToString(rs[0])
	if err != nil {
		t.Fatal(err)
	}
	var se *tide.SyntaxError
	if _, err := maker.Load([]byte(chunk), "=bin"); !errors.As(err, &se) || !strings.Contains(err.Error(), "binary chunks are disabled") {
		t.Errorf("Load of a binary chunk by default: %v", err)
	}
	bin, err := allow.Load([]byte(chunk), "=bin")
	if err != nil {
		t.Fatalf("Load with AllowBinaryChunks: %v", err)
	}
	rs, err = allow.Call(ctx, bin)
	if err != nil || len(rs) != 1 {
		t.Fatalf("run: %v %v", rs, err)
	}
	if s, _ := allow.ToString(rs[0]); s != "42" {
		t.Errorf("binary chunk returned %s, want 42", s)
	}
}
