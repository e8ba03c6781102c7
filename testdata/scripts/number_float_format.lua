-- how floats are printed (%.14g plus ".0" when it looks like an integer)
local values = {
  1e15, 1e14, 1e16, 1e100, 123456789012345.0, 1234567890123456.0,
  0.1, 1/3, -1/3, 2/3, 100.0, -100.0, 1e-5, 1.5e-10, 123.456,
  2^53, 2^63, -2^63, 2^64, 3.14159265358979, 1e300 * 1e10, -1e300 * 1e10,
  -0.0, 0.0, 5e-324, 1.7976931348623157e308, 255 / 5, 7.0, 1e0,
}
for i, v in ipairs(values) do
  print(i, v, tostring(v), math.type(v))
end
print(0/0 ~= 0/0)
print(string.format("%.14g", 0.1 + 0.2), 0.1 + 0.2 == 0.3)
print(100 / 2, 3 / 2, 2^2, 10 // 3.0)
