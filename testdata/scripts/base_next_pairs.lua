-- next and pairs on arrays and hashes
local arr = {"a", "b", "c"}
local k, v = next(arr)
local seen = {}
while k do seen[#seen + 1] = k .. "=" .. v; k, v = next(arr, k) end
table.sort(seen)
print(table.concat(seen, " "))
local h = {x = 1, y = 2, z = 3, 10, 20}
local keys = {}
for key, val in pairs(h) do keys[#keys + 1] = tostring(key) .. ":" .. val end
table.sort(keys)
print(table.concat(keys, " "))
print(pcall(next))
print(pcall(next, nil))
print(pcall(pairs))
print(pcall(function() for k in pairs(5) do end end))
local f, s, init = pairs(h)
print(f == next, s == h, init)
