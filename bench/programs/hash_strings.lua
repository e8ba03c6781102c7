-- hash_strings: tables keyed by strings: building keys, inserting,
-- looking up hits and misses, updating, deleting, and counting words.
local n = tonumber(arg and arg[1]) or 250000

local words = {}
for i = 1, 500 do words[i] = "w" .. (i * 7919) % 10007 end

local t = {}
for i = 1, n do t["key" .. i] = i end
local hits, misses = 0, 0
for i = 1, n * 2, 3 do
  local v = t["key" .. i]
  if v then hits = hits + v else misses = misses + 1 end
end
for i = 1, n, 2 do t["key" .. i] = nil end
local left = 0
for _, v in pairs(t) do left = left + v end

local counts = {}
local total = 0
for round = 1, math.floor(n / 1000) do
  for i = 1, #words do
    local w = words[(i * round) % #words + 1]
    counts[w] = (counts[w] or 0) + 1
  end
  for _, w in ipairs(words) do total = total + counts[w] end
end
local distinct = 0
for _ in pairs(counts) do distinct = distinct + 1 end

local fields = {"name", "age", "city", "zip", "phone", "email"}
local acc = 0
for i = 1, n do
  local rec = {name = "n", age = i, city = "c", zip = i % 100, phone = "p", email = "e"}
  for j = 1, #fields do
    local v = rec[fields[j]]
    if type(v) == "number" then acc = acc + v else acc = acc + #v end
  end
end
print("checksum", hits, misses, left, total, distinct, acc % 1000000007)
