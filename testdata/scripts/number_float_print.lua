-- tostring of floats that need rounding to 14 significant digits
local vals = {0.1 * 3, 1 / 7, 2 / 3 * 3, 1e-300 * 1e-300, 123456789.123, 9.99999999999999e14,
  99999999999999.9, 0.1 + 0.7, 1 - 0.9, 3.0000000000001, 3.00000000000001, 1e21, 1e-7, 12.5e3}
for i, v in ipairs(vals) do print(i, v, tostring(v) == string.format("%.14g", v)) end
print(tonumber(tostring(1 / 3)) == 1 / 3, tonumber(string.format("%.17g", 1 / 3)) == 1 / 3)
print(2^63, -2^63, 2^64, 2^-1074, 2^1023 * 2)
