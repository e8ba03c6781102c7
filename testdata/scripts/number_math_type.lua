-- math.type and type on numbers and non-numbers
local values = {1, 1.0, -0.0, 2^31, 1 // 1, 1.0 // 1, 3 / 1, "1", "1.0", true, nil, {}, math.huge, math.pi}
for i = 1, 14 do
  local v = values[i]
  print(i, type(v), math.type(v))
end
print(pcall(math.type))
print(math.type(1e308 * 10), math.type(7 // 2), math.type(7.0 // 2), math.type(2^2))
print(math.type(1 << 2), math.type(3 & 1.0), math.type(-(1)), math.type(-(1.0)))
