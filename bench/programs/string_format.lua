-- string_format: string.format with integer, float, string and padded
-- directives, tostring, string.rep, upper/lower, byte/char and reverse.
local n = tonumber(arg and arg[1]) or 500000

local len, sum = 0, 0
for i = 1, n do
  local s = string.format("%d:%5.2f|%-8s|%x|%05d", i, i / 7, "k" .. i % 100, i, i % 99999)
  len = len + #s
  local u = string.upper(s)
  sum = (sum + string.byte(u, #u) + #string.lower(u)) % 1000000007
  local t = tostring(i) .. "/" .. tostring(i % 17)
  len = len + #t + #string.rep("x", i % 10)
  if i % 50 == 0 then
    local r = string.reverse(s)
    sum = (sum + string.byte(r, 1) + #string.char(65 + i % 26, 97 + i % 26)) % 1000000007
  end
end
print("checksum", len, sum, string.format("%s|%g|%s|%5.1f", "a\tb", 0.1, 12345678, -2.26))
