-- assorted compile errors: attributes, varargs, mode
local cases = {
  "function f() return ... end",
  "local function g(a) local h = function() return ... end end",
  "local x <const> = 1; local function f() x = 2 end",
  "local t <close> = nil; t = 1",
  "local x <const> = 1; x, y = 1, 2",
  "local a <xyz> = 1",
  "local a <const = 1",
  "local a < const > = 1",
  "local a <CONST> = 1",
  "x = 1 y = 2 z",
  "local x = 1 local x = 2 return x",
}
for i, src in ipairs(cases) do
  local f, err = load(src, "=misc")
  print(i, type(f), err)
end
-- text/binary mode
print(load("return 1", "=m", "b"))
print(load("return 1", "=m", "t") ~= nil)
print(load("return 1", "=m", "bt") ~= nil)
print(pcall(load, "return 1", "=m", "x"))
