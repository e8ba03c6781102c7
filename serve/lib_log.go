package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"

	"github.com/tidelua/tide"
)

// tide.log: structured lines in the server's error log.
// tide.log.info("msg", {key = value, ...}) writes one JSON line whose
// msg is the message and whose fields are the table's (sorted by name),
// plus the request's path while a request runs.

// logReserved are the keys the log line has already; a field of the
// same name gets a "_" prefix.
var logReserved = map[string]bool{"time": true, "level": true, "msg": true, "path": true}

// logLib makes tide.log for the worker's State.
func (w *worker) logLib() tide.Value {
	level := func(name string, l slog.Level) tide.Function {
		return func(s *tide.State, args []tide.Value) ([]tide.Value, error) {
			return w.luaStructLog(s, args, name, l)
		}
	}
	return libFuncs(w.st, map[string]tide.Function{
		"debug": level("debug", slog.LevelDebug),
		"info":  level("info", slog.LevelInfo),
		"warn":  level("warn", slog.LevelWarn),
		"error": level("error", slog.LevelError),
	})
}

// luaStructLog is tide.log.LEVEL(msg [, fields]).
func (w *worker) luaStructLog(s *tide.State, args []tide.Value, fname string, level slog.Level) ([]tide.Value, error) {
	msg, err := argString(s, args, 1, fname)
	if err != nil {
		return nil, err
	}
	lg := w.srv.log.errors
	if !lg.Enabled(context.Background(), level) {
		return nil, nil
	}
	var attrs []slog.Attr
	if q := w.cur; q != nil {
		attrs = append(attrs, slog.String("path", q.r.URL.Path))
	}
	if f := arg(args, 2); !f.IsNil() {
		if f.Type() != "table" {
			return nil, argError(2, fname, "table of fields expected, got "+f.Type())
		}
		first := len(attrs)
		for k, v := range s.All(f) {
			key, ok := k.AsString()
			if !ok {
				return nil, argError(2, fname, "field names must be strings, got "+k.Type())
			}
			if logReserved[key] {
				key = "_" + key
			}
			a, err := structLogAttr(s, key, v)
			if err != nil {
				return nil, argError(2, fname, err.Error())
			}
			attrs = append(attrs, a)
		}
		slices.SortFunc(attrs[first:], func(a, b slog.Attr) int { return strings.Compare(a.Key, b.Key) })
	}
	lg.LogAttrs(context.Background(), level, msg, attrs...)
	return nil, nil
}

// structLogAttr turns a field into a log attribute: strings, numbers and
// booleans as themselves, tables as JSON, null as null, other values
// as tostring gives them.
func structLogAttr(s *tide.State, key string, v tide.Value) (slog.Attr, error) {
	switch v.Type() {
	case "string":
		str, _ := v.AsString()
		return slog.String(key, str), nil
	case "number":
		if i, ok := v.ToInt(); ok && v.IsInteger() {
			return slog.Int64(key, i), nil
		}
		f, _ := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			str, _ := s.ToString(v)
			return slog.String(key, str), nil
		}
		return slog.Float64(key, f), nil
	case "boolean":
		return slog.Bool(key, v.Truthy()), nil
	case "table":
		text, err := s.EncodeJSON(v)
		if err != nil {
			return slog.Attr{}, fmt.Errorf("field '%s': %v", key, err)
		}
		return slog.Any(key, json.RawMessage(text)), nil
	}
	if v == tide.JSONNull {
		return slog.Any(key, nil), nil
	}
	str, err := s.ToString(v)
	if err != nil {
		return slog.Attr{}, err
	}
	return slog.String(key, str), nil
}
