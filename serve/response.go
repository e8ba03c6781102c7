package serve

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tidelua/tide"
)

// response is what a handler's results ask for.
type response struct {
	status int
	body   string
}

// buildResponse reads a handler's results (the glue returns a, b, c,
// res.status, res.headers) and sets the headers of h.
func buildResponse(s *tide.State, h http.Header, rs []tide.Value) (response, error) {
	get := func(i int) tide.Value {
		if i < len(rs) {
			return rs[i]
		}
		return tide.Value{}
	}
	a, b, c, resStatus, resHeaders := get(0), get(1), get(2), get(3), get(4)
	var resp response
	var err error
	body, headers := a, tide.Value{}
	status := resStatus
	if a.Type() == "number" {
		status, body, headers = a, b, c
	}
	if resp.status, err = statusOf(status); err != nil {
		return resp, err
	}
	if err := setHeaders(s, h, resHeaders); err != nil {
		return resp, err
	}
	if err := setHeaders(s, h, headers); err != nil {
		return resp, err
	}
	switch body.Type() {
	case "nil":
	case "string", "number":
		if resp.body, err = s.ToString(body); err != nil {
			return resp, err
		}
	case "table":
		if resp.body, err = s.EncodeJSON(body); err != nil {
			return resp, fmt.Errorf("encoding the response body as JSON: %w", err)
		}
		defaultContentType(h, "application/json")
	default:
		return resp, fmt.Errorf("handler returned a %s as body (string or table expected)", body.Type())
	}
	defaultContentType(h, "text/plain; charset=utf-8")
	return resp, nil
}

// statusOf reads a status code.
func statusOf(v tide.Value) (int, error) {
	if v.IsNil() {
		return http.StatusOK, nil
	}
	n, ok := v.ToInt()
	if !ok || v.Type() != "number" || n < 100 || n > 599 {
		return 0, fmt.Errorf("invalid response status (an integer from 100 to 599 expected, got %s)", showValue(v))
	}
	return int(n), nil
}

// showValue shows a Lua value briefly in a message.
func showValue(v tide.Value) string {
	switch v.Type() {
	case "number":
		if f, ok := v.ToFloat(); ok {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	case "string":
		return "a string"
	}
	return v.Type()
}

// setHeaders copies a Lua headers table into h: a value is a string or
// a number, or a sequence of them for a repeated header.
func setHeaders(s *tide.State, h http.Header, v tide.Value) error {
	switch v.Type() {
	case "nil":
		return nil
	case "table":
	default:
		return fmt.Errorf("response headers: table expected, got %s", v.Type())
	}
	var m map[string]any
	if err := s.FromValue(v, &m); err != nil {
		return fmt.Errorf("response headers: %v", err)
	}
	for name, x := range m {
		if !validHeaderName(name) {
			return fmt.Errorf("response headers: invalid header name %q", name)
		}
		if list, ok := x.([]any); ok {
			h.Del(name)
			for _, e := range list {
				str, err := headerValue(name, e)
				if err != nil {
					return err
				}
				h.Add(name, str)
			}
			continue
		}
		if m, ok := x.(map[string]any); ok && len(m) == 0 {
			h.Del(name) // an empty table: no such header
			continue
		}
		str, err := headerValue(name, x)
		if err != nil {
			return err
		}
		h.Set(name, str)
	}
	return nil
}

// headerValue formats one header value.
func headerValue(name string, x any) (string, error) {
	var str string
	switch v := x.(type) {
	case string:
		str = v
	case int64:
		str = strconv.FormatInt(v, 10)
	case float64:
		str = strconv.FormatFloat(v, 'g', 14, 64)
	default:
		return "", fmt.Errorf("response header %q: string expected, got %s", name, luaType(x))
	}
	if strings.ContainsAny(str, "\r\n\x00") {
		return "", fmt.Errorf("response header %q: value contains a line break or NUL", name)
	}
	return str, nil
}

// validHeaderName reports whether name is an HTTP token (RFC 9110 §5.1).
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// defaultContentType sets Content-Type unless the handler did.
func defaultContentType(h http.Header, ct string) {
	if _, ok := h["Content-Type"]; !ok {
		h.Set("Content-Type", ct)
	}
}
