-- ... expands fully only at the end of a list
local function f(...)
  local a, b, c = ...
  print("locals", a, b, c)
  print("middle", ..., "end")
  print("last", "start", ...)
  local t = {..., "x"}
  print("table middle", t[1], t[2], t[3])
  local u = {"x", ...}
  print("table end", #u, u[2], u[3], u[4])
  print("paren", (...))
  return ...
end
print(f(1, 2, 3))
print(f())
local function g(...) return select('#', ...), ... end
print(g(nil, nil))
local function h(a, ...) return a, select('#', ...) end
print(h(), h(1), h(1, 2, 3))
local function named(a, b, ...) return b, a, ... end
print(named(1, 2, 3, 4))
