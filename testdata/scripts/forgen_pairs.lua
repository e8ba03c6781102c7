-- pairs/next over tables (printed in sorted order)
local t = {10, 20, 30, x = 1, y = 2, [3.5] = "f", [true] = "b"}
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
for _, k in ipairs(keys) do print(k, t[k]) end
local count = 0
for k, v in next, t do count = count + 1 end
print("count", count)
print(next({}), next({}, nil))
print(next({"only"}))
print(pcall(next, {}, "missing"))
print(rawequal(next, pairs({})))
-- clearing fields while traversing is allowed
local u = {a = 1, b = 2, c = 3, d = 4}
for k in pairs(u) do u[k] = nil end
print(next(u))
