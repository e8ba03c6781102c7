-- float division and floor division agree with math.floor of the quotient
local cases = {{7.5, 2}, {-7.5, 2}, {1e308, 1e-308}, {5, 0.3}, {-5, 0.3}, {0.0, -1}, {-0.0, 1}}
for _, c in ipairs(cases) do
  local a, b = c[1], c[2]
  print(a, b, a / b, a // b, math.floor(a / b) == a // b)
end
print(3 // 0.0, -3 // 0.0, 0.0 // 0.0 ~= 0.0 // 0.0)
print(7 // 7.0, math.type(7 // 7.0), 1e15 // 1, 2^53 // 3)
