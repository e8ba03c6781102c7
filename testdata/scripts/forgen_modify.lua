-- assigning existing fields during pairs traversal is allowed
local t = {a = 1, b = 2, c = 3}
for k, v in pairs(t) do t[k] = v * 10 end
print(t.a, t.b, t.c)
for k in pairs(t) do t[k] = nil end
print(next(t))
-- a numeric-keyed table modified through ipairs
local arr = {1, 2, 3, 4}
for i, v in ipairs(arr) do arr[i] = v * v end
print(table.concat(arr, " "))
-- nested pairs loops with sorted output
local m = {x = {1, 2}, y = {3}}
local lines = {}
for k, list in pairs(m) do
  for _, v in ipairs(list) do lines[#lines + 1] = k .. v end
end
table.sort(lines)
print(table.concat(lines, ","))
