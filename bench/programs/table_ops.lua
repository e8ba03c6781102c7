-- table_ops: table.insert and table.remove at the end and in the middle,
-- the length operator, and table.sort with and without a comparator.
local n = tonumber(arg and arg[1]) or 20

-- The Park-Miller generator: exact in doubles too, so that every engine
-- sorts the same numbers.
local seed = 42
local function rand(m)
  seed = (seed * 16807) % 2147483647
  return seed % m
end

local sum = 0
for round = 1, n do
  local t = {}
  for i = 1, 20000 do table.insert(t, rand(1000000)) end
  for i = 1, 200 do table.insert(t, 1 + rand(#t), i) end
  for _ = 1, 200 do sum = sum + table.remove(t, 1 + rand(#t)) end
  for _ = 1, 5000 do sum = sum + table.remove(t) end
  table.sort(t)
  for i = 1, #t, 97 do sum = sum + t[i] end
  -- distinct keys: the comparator's order is total, so every sort
  -- algorithm gives the same result
  for i = 1, #t do t[i] = t[i] * 2048 + i % 2048 end
  table.sort(t, function(a, b) return a > b end)
  for i = 1, #t, 101 do sum = (sum + t[i]) % 1000000007 end
  local u = {}
  for i = 1, 5000 do u[#u + 1] = t[i] end
  while #u > 0 do sum = (sum + u[#u]) % 1000000007; u[#u] = nil end
  sum = (sum + round * #t) % 1000000007
end
print("checksum", sum)
