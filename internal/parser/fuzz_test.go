package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range valid {
		f.Add([]byte(s))
	}
	for _, c := range errorCases {
		f.Add([]byte(c.src))
	}
	files, _ := filepath.Glob("../../testdata/scripts/*.lua")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse(src, "=fuzz")
		if err != nil {
			e, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if strings.Contains(e.Msg, "internal error") {
				t.Fatal(e.Msg)
			}
			return
		}
		if err := checkSpans(c.Block, len(src)); err != nil {
			t.Fatal(err)
		}
		_ = Dump(c.Block)
	})
}
