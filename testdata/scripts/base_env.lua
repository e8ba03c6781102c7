-- _ENV as a local, upvalue and load parameter
local function with_env()
  local _ENV = {print = print, x = "from custom env"}
  print(x)
  y = 10
  return _ENV
end
local e = with_env()
print(e.y, y)
local sandbox = {tostring = tostring}
local f = load("z = 1; return tostring(z) .. ' ' .. tostring(print)", "=sb", "t", sandbox)
print(f(), sandbox.z)
local g = load("local _ENV = ...; return a + b", "=args")
print(g({a = 1, b = 2}))
do
  local _ENV = setmetatable({}, {__index = _G})
  newglobal = "set in proxy"
  print(newglobal, rawget(_G, "newglobal"))
end
local function counter_env()
  local _ENV = {n = 0}
  return function() n = n + 1 return n end
end
local c = counter_env()
c(); c()
print(c())
