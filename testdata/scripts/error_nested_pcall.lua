-- nested pcalls: inner errors are caught at the right level
local function level3() error("deep", 0) end
local function level2() local ok, e = pcall(level3) return "l2 caught " .. e end
local function level1() return pcall(level2) end
print(level1())
local depth = 0
local function recurse(n)
  if n == 0 then error("bottom " .. depth, 0) end
  depth = depth + 1
  local ok, e = pcall(recurse, n - 1)
  return ok, e
end
print(recurse(10))
local results = {}
for i = 1, 5 do
  local ok, e = pcall(function() if i % 2 == 0 then error("even " .. i, 0) end return i end)
  results[#results + 1] = tostring(ok) .. ":" .. tostring(e)
end
print(table.concat(results, " "))
print(pcall(pcall, pcall, error, "x"))
