-- a <= b with only __lt defined. The reference lua5.4 (5.4.4, built with
-- LUA_COMPAT_5_3 as Debian does) still falls back to "not (b < a)"; a 5.4
-- build without the compatibility option raises "attempt to compare".
local calls = {}
local mt = {__lt = function(a, b) calls[#calls + 1] = a.n .. "<" .. b.n return a.n < b.n end}
local one = setmetatable({n = 1}, mt)
local two = setmetatable({n = 2}, mt)
print(pcall(function() return one <= two end))
print(pcall(function() return two <= one end))
print(pcall(function() return one >= two end))
print(table.concat(calls, " "))
