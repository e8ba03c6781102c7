-- closures capturing loop control variables of numeric and generic for
local acc = {}
for i = 10, 1, -3 do
  acc[#acc + 1] = function() return i end
end
local out = {}
for _, f in ipairs(acc) do out[#out + 1] = f() end
print(table.concat(out, " "))
local byKey = {}
local keys = {"x", "y", "z"}
for idx, k in ipairs(keys) do
  byKey[k] = function() return idx .. k end
end
print(byKey.x(), byKey.y(), byKey.z())
-- closure captured in a loop body then the body breaks
local saved
for i = 1, 10 do
  local sq = i * i
  saved = function() return sq end
  if i == 4 then break end
end
print(saved())
