-- // rounds toward minus infinity for integers and floats
local pairs_ = {
  {7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 3}, {6, 3}, {-6, 3},
  {7.0, 2}, {-7.0, 2}, {7, -2.0}, {-7.5, 2}, {7.5, -2}, {1, 0.0}, {-1, 0.0}, {0, 0.0},
  {math.mininteger, -1}, {math.maxinteger, -1}, {math.mininteger, 1},
  {3, math.huge}, {-3, math.huge}, {3, -math.huge}, {math.huge, 3},
}
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  local q = a // b
  print(a, b, q, math.type(q))
end
