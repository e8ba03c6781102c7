-- decimal and hexadecimal numerals
print(0, 12, 1234567890, 3.0, 3.5, .5, 5., 1e2, 1E2, 1e-2, 1.5e+3)
print(math.type(3), math.type(3.0), math.type(1e2), math.type(0x10))
print(0xff, 0XFF, 0xA, 0xa.8p0, 0x.8, 0x1p4, 0x1P-2, 0x1.8p1)
print(0x7fffffffffffffff, 0xffffffffffffffff, 0x10000000000000000)
print(0x123456789abcdef0123)
print(9223372036854775807, 9223372036854775808, -9223372036854775808)
print(math.type(9223372036854775807), math.type(9223372036854775808))
print(1e308, 1e309, -1e309, 2^1024)
print(3 .. 4, 0x10 .. "")
print(tonumber("0x1p4"), tonumber("1e1"), tonumber("  0x10  "), tonumber(".e1"))
for _, src in ipairs{"return 3x", "return 0x", "return 1e", "return 1e+", "return 3..4", "return 0xg", "return 1.2.3", "return 08", "return 0x1p"} do
  local f, e = load(src)
  print(src, f and "ok" or e)
end
