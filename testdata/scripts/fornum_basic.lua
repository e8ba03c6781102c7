-- numeric for: bounds evaluated once, loop variable is local
local calls = 0
local function limit() calls = calls + 1 return 3 end
for i = 1, limit() do end
print("limit calls", calls)
local t = {}
for i = 1, 5 do t[#t + 1] = i end
print(table.concat(t, ","))
t = {}
for i = 10, 1, -2 do t[#t + 1] = i end
print(table.concat(t, ","))
t = {}
for i = -3, 3, 3 do t[#t + 1] = i end
print(table.concat(t, ","))
local i = "outer"
for i = 1, 2 do end
print(i)
local sum = 0
for k = 1, 100 do sum = sum + k end
print(sum)
for k = 1, 3 do
  k = k * 10 -- assigning the copy does not change the iteration
  print(k)
end
local n = 5
for k = 1, n do n = 2 end
print(n)
