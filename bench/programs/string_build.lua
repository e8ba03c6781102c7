-- string_build: string concatenation, table.concat, string library calls.
local n = tonumber(arg and arg[1]) or 600000
local parts = {}
for i = 1, n do
  parts[#parts + 1] = "item" .. i .. ";"
end
local s = table.concat(parts)
local count = 0
for i = 1, n, 7 do
  local piece = string.sub(s, i, i + 9)
  count = count + #piece + #string.upper(piece) + (string.find(piece, "1", 1, true) or 0)
end
local r = string.rep("ab", 1000, ",")
print("checksum", #s, count, #r, string.byte(s, #s // 2))
