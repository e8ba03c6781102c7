-- load with strings, functions, chunk names, modes and environments
local f = load("return 1 + 1")
print(f())
local parts = {"return ", "'pie", "ces'"}
local i = 0
local g = load(function() i = i + 1 return parts[i] end)
print(g())
print(load(function() return nil end)())
local calls = 0
print(load(function() calls = calls + 1 if calls == 1 then return "return 'one piece'" end return "" end)())
print(pcall(load, function() return {} end))
print(load("syntax error here"))
print(load("return ...", "=va")(7, 8))
local env = {val = 99}
print(load("return val", "env chunk", "t", env)())
print(pcall(load("return val", "env chunk", "t", nil)))
print(pcall(load))
print(pcall(load, 42))
print(type(load("")))
print(pcall(load(""), 1))
print(load("\27Lua", "=binary", "t"))
