-- patterns: Lua patterns through string.gsub (with string, table and
-- function replacements), string.gmatch, string.find and string.match.
local n = tonumber(arg and arg[1]) or 400

local lines = {}
for i = 1, 200 do
  lines[i] = "user" .. i .. "@host" .. (i % 7) .. ".example.org  id=" .. i * 31 ..
    " date=2024-" .. (i % 12 + 1) .. "-" .. (i % 28 + 1) .. " tags: alpha, beta,gamma ;  delta"
end
local text = table.concat(lines, "\n")
local map = {alpha = "A", beta = "B", gamma = "G", delta = "D"}

local acc = 0
for _ = 1, n do
  local words = 0
  for w in string.gmatch(text, "%a+") do words = words + #w end
  local ids = 0
  for k, v in string.gmatch(text, "(%w+)=(%d+)") do ids = ids + #k + tonumber(v) end
  local s1, c1 = string.gsub(text, "%s+", " ")
  local s2, c2 = string.gsub(text, "%a+", map)
  local s3, c3 = string.gsub(text, "(%d+)-(%d+)-(%d+)", "%3/%2/%1")
  local s4, c4 = string.gsub(text, "user(%d+)", function(d) return "u" .. #d end)
  local pos, count = 1, 0
  while true do
    local a, b = string.find(text, "@[%w%.]+", pos)
    if not a then break end
    count, pos = count + b - a, b + 1
  end
  local y, m, d = string.match(text, "date=(%d+)%-(%d+)%-(%d+)", math.floor(#text / 2))
  acc = (acc + words + ids + #s1 + c1 + #s2 + c2 + #s3 + c3 + #s4 + c4 + count + y + m + d) % 1000000007
end
print("checksum", acc)
