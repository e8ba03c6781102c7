package tide_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/tidelua/tide"
)

func TestJSON(t *testing.T) {
	var out bytes.Buffer
	s := tide.NewState(tide.Options{Stdout: &out})
	defer s.Close()
	v, err := s.DecodeJSON(`{"name": "tide", "tags": [], "n": 3, "none": null}`)
	if err != nil {
		t.Fatal(err)
	}
	s.SetGlobal("doc", v)
	if err := s.DoString(context.Background(), `print(doc.name, #doc.tags, math.type(doc.n), doc.none == require("json").null)`, "=t"); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "tide\t0\tinteger\ttrue\n" {
		t.Errorf("Lua sees %q", got)
	}
	text, err := s.EncodeJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"n":3,"name":"tide","none":null,"tags":[]}`; text != want {
		t.Errorf("EncodeJSON = %s, want %s", text, want)
	}
	if text, _ := s.EncodeJSON(tide.JSONEmptyArray); text != "[]" {
		t.Errorf("empty array = %s", text)
	}
	if _, err := s.DecodeJSON(`{"a":}`); err == nil {
		t.Error("DecodeJSON accepted a malformed text")
	}
}
