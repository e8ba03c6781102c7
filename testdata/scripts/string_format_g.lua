-- %g and precision corner cases, and %5.2s style widths
local vals = {0, 1, -1, 0.5, 1e-4, 1e-5, 123456, 1234567, 1e15, 1e16, 2^53, 1/3, 100, 1e100, -1e-100}
for _, v in ipairs(vals) do
  print(string.format("%g|%.3g|%.10g|%10.4g|%-10.2g|%e", v, v, v, v, v, v))
end
print(string.format("%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -0.5))
print(string.format("%.14g %.14g", 2^63, -2^63))
print(string.format("%5.2s|%.0s|%-3s|", "abc", "abc", "ab"))
