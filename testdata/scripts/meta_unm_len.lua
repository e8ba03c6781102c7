-- __unm and __len
local v = setmetatable({}, {__unm = function(a, b) return "negated", rawequal(a, b) end})
print(-v)
local l = setmetatable({1, 2, 3}, {__len = function(t) return 42 end})
print(#l, rawlen(l))
local multi = setmetatable({}, {__len = function() return 1, 2, 3 end})
print(#multi)
local strlen = setmetatable({}, {__len = function() return "long" end})
print(#strlen)
print(pcall(function() return #setmetatable({}, {__len = 5}) end))
-- __len does not affect ipairs or table functions that use raw access? table.insert uses #
local counted = setmetatable({}, {__len = function() return 10 end})
table.insert(counted, "x")
print(rawget(counted, 11))
