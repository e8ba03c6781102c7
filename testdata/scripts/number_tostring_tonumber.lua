-- tostring and tonumber on numbers and numeric strings
local strs = {"10", "  10  ", "10.5", "1e3", "0x1F", "0X1f", "-0x10", "0x1p-1", "0x.1", ".5", "5.",
  "1e", "abc", "", " ", "0x", "1 2", "inf", "nan", "-", "- 1", "+5", "+-5", "1e400", "-1e400",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
  "0x7fffffffffffffff", "0xffffffffffffffff", "\t\n12\v\f\r", "12\0", "1_000"}
for i, s in ipairs(strs) do
  local n = tonumber(s)
  print(i, string.format("%q", s), n, math.type(n))
end
print(tostring(10), tostring(-0.0), tostring(1e100), tostring(2^24))
print(tonumber(10), tonumber(1.5), tonumber(nil), tonumber(true), tonumber({}))
print(pcall(tonumber))
