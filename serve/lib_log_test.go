package serve_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tidelua/tide/serve"
)

func TestStructuredLog(t *testing.T) {
	ts := start(t, evalApp(""), serve.Options{States: 1})
	ts.eval(t, []evalCase{
		{"info", `require("tide").log.info("user login", {user = "ann", id = 7, ok = true, ratio = 0.5, tags = {"a", "b"}, msg = "shadowed", inf = 1/0})
			return "ok"`, "ok"},
		{"warn without fields", `require("tide").log.warn("low disk") return "ok"`, "ok"},
		{"error", `require("tide").log.error("boom", {code = 500}) return "ok"`, "ok"},
		{"debug is below the level", `require("tide").log.debug("hidden") return "ok"`, "ok"},
		{"bad message", `require("tide").log.info({})`, "~bad argument #1 to 'info' (string expected, got table)"},
		{"bad fields", `require("tide").log.info("x", 1)`, "~bad argument #2 to 'info' (table of fields expected, got number)"},
		{"bad field name", `require("tide").log.info("x", {1})`, "~field names must be strings, got number"},
	})
	lines := map[string]map[string]any{}
	for line := range strings.SplitSeq(ts.errors.String(), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil {
			if msg, ok := m["msg"].(string); ok {
				lines[msg] = m
			}
		}
	}
	login := lines["user login"]
	if login == nil {
		t.Fatalf("no log line:\n%s", ts.errors.String())
	}
	for k, want := range map[string]any{
		"level": "INFO", "path": "/eval", "user": "ann", "id": 7.0, "ok": true,
		"ratio": 0.5, "_msg": "shadowed", "inf": "inf",
	} {
		if login[k] != want {
			t.Errorf("%s = %#v, want %#v (line %v)", k, login[k], want, login)
		}
	}
	if tags, _ := json.Marshal(login["tags"]); string(tags) != `["a","b"]` {
		t.Errorf("tags = %s", tags)
	}
	if l := lines["low disk"]; l == nil || l["level"] != "WARN" {
		t.Errorf("warn line %v", l)
	}
	if l := lines["boom"]; l == nil || l["level"] != "ERROR" || l["code"] != 500.0 {
		t.Errorf("error line %v", l)
	}
	if lines["hidden"] != nil {
		t.Errorf("a debug line was written at the info level")
	}
}
