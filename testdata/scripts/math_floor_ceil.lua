-- math.floor / math.ceil return integers when the result fits, floats otherwise
local vals = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2^52 + 0.5, 2^62, 2^63, -2^63, -2^63 - 1025, 1e300, -1e300, 7, -7}
for _, v in ipairs(vals) do
  local f, c = math.floor(v), math.ceil(v)
  print(v, f, math.type(f), c, math.type(c))
end
print(math.floor(math.huge), math.ceil(-math.huge), math.floor(0/0) ~= math.floor(0/0))
print(math.floor(math.maxinteger), math.ceil(math.mininteger))
