-- exact comparisons between integers and floats near 2^53 and 2^63
local two53 = 2^53
local cases = {
  {9007199254740992, two53}, {9007199254740993, two53}, {9007199254740993, two53 + 2},
  {math.maxinteger, 2^63}, {math.maxinteger, 2^63 - 1024}, {math.mininteger, -2^63},
  {math.mininteger + 1, -2^63}, {-9007199254740993, -two53}, {1, 1.0000000000000002},
  {0, -0.0}, {math.maxinteger, math.huge}, {math.mininteger, -math.huge},
}
for _, c in ipairs(cases) do
  local i, f = c[1], c[2]
  print(i, f, i == f, i < f, i <= f, i > f, f < i, f <= i)
end
local nan = 0/0
print(1 < nan, 1 > nan, nan < math.maxinteger, math.mininteger <= nan)
