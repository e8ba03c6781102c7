-- debug.setmetatable on numbers, booleans, nil and functions: getmetatable and the metamethods see it
local debug = require "debug"
mt = {__index = function (a,b) return a+b end,
      __len = function (x) return math.floor(x) end}
debug.setmetatable(10, mt)
print(getmetatable(-2) == mt)
print((10)[3])
print(#3.45)
debug.setmetatable(10, nil)
print(getmetatable(1), pcall(function() return (1)[2] end))
debug.setmetatable(nil, {__index = function() return "from nil" end})
print((nil).x, getmetatable(nil) ~= nil)
debug.setmetatable(nil, nil)
debug.setmetatable(print, {__index = {name = "fn"}})
print(print.name, (function() end).name)
debug.setmetatable(print, nil)
debug.setmetatable(true, {__tostring = function(b) return b and "YES" or "NO" end})
print(tostring(true), tostring(false))
debug.setmetatable(true, nil)
print(tostring(true))
