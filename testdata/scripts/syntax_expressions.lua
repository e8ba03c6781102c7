-- syntax errors in expressions, as reported by load
local cases = {
  "x = = 1",
  "x = 1 +",
  "x = (1",
  "x = 1)",
  "x = {1, 2",
  "x = {1 2}",
  "x = a.",
  "x = a.1",
  "x = a:b",
  "x = a[1",
  "x = not",
  "x = 1 + * 2",
  "x = function",
  "x = function(a,) end",
  "x = function(a b) end",
  "x = function(...,a) end",
  "x = ... ",
  "x = 'a' 'b'",
  "x = #",
  "x = 1 .. ",
  "return return",
  "return 1,",
  "f(",
  "f(1,)",
  "a.b:c = 1",
  "(a) = 1",
  "a() = 1",
  "1 = a",
  "x, y() = 1, 2",
  "local function f.x() end",
  "x = y z",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=expr")
  print(i, type(f), err)
end
