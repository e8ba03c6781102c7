package main

import (
	"testing"

	"github.com/tidelua/tide/internal/testutil"
)

// TestExamples runs examples/*.lua (started inside examples/, no
// arguments) and compares their output with examples/*.out.
func TestExamples(t *testing.T) {
	testutil.RunScripts(t, testutil.Config{Dir: "../../examples", Run: runScript})
}
