-- weak tables: only deterministic observations (strong references keep entries)
local weak = setmetatable({}, {__mode = "k"})
local key = {}
weak[key] = "value"
collectgarbage()
print(weak[key])
local wv = setmetatable({}, {__mode = "v"})
local val = {}
wv[1] = val
wv.str = "strings are values, never collected"
wv.num = 42
collectgarbage()
print(wv[1] == val, wv.str, wv.num)
print(getmetatable(weak).__mode, getmetatable(wv).__mode)
