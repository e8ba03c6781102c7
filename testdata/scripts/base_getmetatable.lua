-- getmetatable on every type; string metatable
print(getmetatable({}), getmetatable(1), getmetatable(true), getmetatable(print))
local smt = getmetatable("")
print(type(smt), smt.__index == string, getmetatable("a") == getmetatable("b"))
print(("abc"):upper(), ("%d"):format(5), #("x"):rep(3))
local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt)
mt.__metatable = "hidden"
print(getmetatable(t))
print(getmetatable(coroutine.create(print)))
local s = "str"
print(type(s.len), s.upper == string.upper)
print(pcall(function() return ("x").nosuch() end))
