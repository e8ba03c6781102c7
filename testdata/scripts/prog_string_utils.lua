-- split, join, trim, startswith, padding helpers
local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
local function starts(s, p) return s:sub(1, #p) == p end
local function pad(s, n, c) return s .. string.rep(c or " ", n - #s) end
local parts = split("a,b,,c", ",")
print(#parts, table.concat(parts, "|"))
parts = split("one.two.three", ".")
print(#parts, table.concat(parts, "|"))
print("[" .. trim("   spaced out   ") .. "]", starts("prefix-rest", "prefix"), starts("x", "xy"))
print("[" .. pad("ab", 5) .. "]", "[" .. pad("ab", 5, "*") .. "]", "[" .. pad("abcdef", 3) .. "]")
local csv = "name,age\nann,30\nbob,25\n"
local rows = {}
for line in csv:gmatch("[^\n]+") do rows[#rows + 1] = split(line, ",") end
for i = 2, #rows do print(rows[i][1], tonumber(rows[i][2]) + 1) end
