package string

import "testing"

// TestFormatPointer checks %p: the address tostring shows, unaffected by
// __tostring and __name; the same address for the same string constant,
// a different one for a different string; "(null)" for non-objects.
func TestFormatPointer(t *testing.T) {
	src := `
local t = {}
local addr = tostring(t):match("^table: (.*)$")
print(string.format("%p", t) == addr)
local u = setmetatable({}, {__tostring = function() return "U" end, __name = "Named"})
print(string.format("%p", u):match("^0x%x+$") ~= nil)
print(string.format("%p", print) == tostring(print):match("^builtin: (.*)$") or
      string.format("%p", print) == tostring(print):match("^function: (.*)$"))
local s = "some string"
print(string.format("%p", s) == string.format("%p", s))
print(string.format("%p", s) ~= string.format("%p", s:upper()))
print(string.format("%p", nil), string.format("%p", 42), string.format("%p", true))
print(string.format("[%10p]", nil))
`
	want := "true\ntrue\ntrue\ntrue\ntrue\n(null)\t(null)\t(null)\n[    (null)]\n"
	if got := runLua(t, src, "pointer.lua"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
