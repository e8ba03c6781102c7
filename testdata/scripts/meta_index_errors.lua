-- __index/__newindex with wrong types, and loops
print(pcall(function() local t = setmetatable({}, {__index = 5}); return t.x end))
print(pcall(function() local t = setmetatable({}, {__newindex = true}); t.x = 1 end))
local loop = {}
setmetatable(loop, {__index = loop})
print(pcall(function() return loop.x end))
local a, b = {}, {}
setmetatable(a, {__index = b})
setmetatable(b, {__index = a})
local ok, err = pcall(function() return a.x end)
print(ok, err)
local na, nb = {}, {}
setmetatable(na, {__newindex = nb})
setmetatable(nb, {__newindex = na})
print(pcall(function() na.x = 1 end))
