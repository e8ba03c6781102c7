-- __index with tables, functions and chains
local base = {greet = function() return "hello" end, x = 1}
local mid = setmetatable({y = 2}, {__index = base})
local obj = setmetatable({z = 3}, {__index = mid})
print(obj.x, obj.y, obj.z, obj.w, obj.greet())
local calls = {}
local fn = setmetatable({}, {__index = function(t, k) calls[#calls + 1] = k return k .. "!" end})
print(fn.a, fn[1], fn.a)
print(table.concat(calls, ","))
print(rawget(fn, "a"))
-- __index is not consulted for present keys
local present = setmetatable({k = false}, {__index = function() return "meta" end})
print(present.k, present.other)
-- __index on a value that itself has __index function
local deep = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) return "deep " .. k end})})
print(deep.q)
-- a long chain
local t = {final = "end of chain"}
for i = 1, 50 do t = setmetatable({}, {__index = t}) end
print(t.final)
