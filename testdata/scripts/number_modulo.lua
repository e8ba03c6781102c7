-- % has the sign of the divisor (a - floor(a/b)*b)
local pairs_ = {
  {7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {6, 3}, {-6, 3}, {0, -3},
  {5.5, 2}, {-5.5, 2}, {5.5, -2}, {-5.5, -2}, {5, 2.5}, {-0.0, 1},
  {1, math.huge}, {-1, math.huge}, {1, -math.huge}, {-1, -math.huge}, {math.huge, 2},
  {math.mininteger, -1}, {math.maxinteger, math.mininteger}, {math.mininteger, math.maxinteger},
  {3, 0.0}, {-3, 0.0}, {0.3, 0.1},
}
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  local r = a % b
  print(a, b, r, math.type(r))
end
print(string.format("%.17g", 5.3 % 1))
print(-2^63 % 2, 2^53 % 3)
