-- __newindex with functions and tables; rawset bypasses it
local log = {}
local t = setmetatable({}, {__newindex = function(tbl, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(tbl, k, v * 2) end})
t.a = 1
t.a = 5 -- existing key: no metamethod
t.b = 2
print(t.a, t.b, table.concat(log, " "))
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.x = 10
print(rawget(proxy, "x"), store.x)
-- chained __newindex tables
local final = {}
local middle = setmetatable({}, {__newindex = final})
local front = setmetatable({}, {__newindex = middle})
front.k = "v"
print(rawget(front, "k"), rawget(middle, "k"), final.k)
rawset(front, "direct", 1)
print(front.direct)
-- read-only table
local ro = setmetatable({}, {__index = {a = 1}, __newindex = function(_, k) error("read-only: " .. k, 2) end})
print(ro.a, pcall(function() ro.b = 2 end))
