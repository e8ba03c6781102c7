-- runaway recursion is caught by pcall as a "stack overflow" error
local function rec(n) return 1 + rec(n + 1) end
local ok, e = pcall(rec, 1)
print(ok, type(e), string.find(e, "stack overflow", 1, true) ~= nil)
local function rec2() local t = {} ; t[1] = rec2() return t end
local ok2, e2 = pcall(rec2)
print(ok2, string.find(e2, "stack overflow", 1, true) ~= nil)
-- still usable after the overflow
print(pcall(function() return "fine" end))
-- overflow via metamethod recursion
local mt = {}
mt.__index = function(t, k) return t[k .. "x"] end
local ok3, e3 = pcall(function() return setmetatable({}, mt).a end)
print(ok3, string.find(e3, "stack overflow", 1, true) ~= nil)
