local function f() error("boom") end
function g() f() end
local t = {}
function t.m(self) g() end
function t:n() self.m() end
print(debug.traceback("hi", 1))
local ok, e = xpcall(function() t:n() end, debug.traceback)
print(e)
print(xpcall(function() return string.rep() end, debug.traceback))
local co = coroutine.create(function() local x = nil; x() end)
print(coroutine.resume(co))
local function rec(n) if n == 0 then return debug.traceback("deep") end return (rec(n - 1)) end
print(rec(30))
local function tc(n) if n == 0 then return debug.traceback("tail") end return tc(n - 1) end
print(tc(3))
print(select(2, xpcall(function() local t = setmetatable({}, {__index = function(t, k) error("idx") end}) return t.x end, debug.traceback)))
