-- __newindex runs only for absent keys, including assignments of nil
local log = {}
local t = setmetatable({present = 1}, {__newindex = function(tbl, k, v) log[#log + 1] = k .. "=" .. tostring(v) end})
t.present = 2        -- present: raw
t.absent = nil       -- absent: metamethod, even for nil
t.other = "x"        -- absent: metamethod, not stored
t.present = nil      -- present: raw removal
t.present = 3        -- now absent again: metamethod
print(table.concat(log, " "), rawget(t, "present"), rawget(t, "other"))
-- __index is used for keys whose value is nil
local d = setmetatable({}, {__index = function(_, k) return "default " .. tostring(k) end})
d.a = 1
print(d.a, d.b)
d.a = nil
print(d.a)
-- integer keys and the array part
local arr = setmetatable({1, 2, 3}, {__newindex = function(tbl, k, v) rawset(tbl, k, v .. "!") end})
arr[2] = "two"
arr[4] = "four"
print(arr[2], arr[4])
