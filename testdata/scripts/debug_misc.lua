-- metatables for any type, registry, uservalues, traceback
print(type(debug.getregistry()))
print(debug.getmetatable(1), debug.getmetatable("x") == getmetatable("x"))
debug.setmetatable(10, {__index = function(n, k) return k .. n end, __call = function(n, a) return n + a end})
print((5).foo, (7)(3), (2.5).bar)
debug.setmetatable(10, nil)
print(pcall(function() return (5).foo end))
debug.setmetatable(nil, {__index = function() return "nilidx" end})
local z = nil
print(z.anything)
debug.setmetatable(nil, nil)
debug.setmetatable(print, {__index = {name = "fn"}})
print(print.name, (function() end).name)
debug.setmetatable(print, nil)
debug.setmetatable(true, {__len = function() return 42 end})
print(#true)
debug.setmetatable(false, nil)
print(pcall(debug.setmetatable, 1, 2))
local t = {}
print(debug.setmetatable(t, {}) == t, getmetatable(t) ~= nil)
print(pcall(debug.getmetatable))

print(debug.getuservalue(1), debug.getuservalue({}, 2))
print(pcall(debug.setuservalue, {}, 1))

-- traceback
print(debug.traceback("hello"))
print(debug.traceback("hello", 2))
print(debug.traceback())
print(debug.traceback({}) ~= nil, type(debug.traceback({})))
print(debug.traceback(nil))
print(debug.traceback(12))
local function lvl3() return debug.traceback("deep", 1) end
local function lvl2() local r = lvl3() return r end
print(lvl2())
print(debug.traceback(coroutine.running()))
print(debug.traceback("", 1))
