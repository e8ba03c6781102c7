-- bitwise operators on integers and integral floats
print(0xF0 & 0x3C, 0xF0 | 0x0F, 0xF0 ~ 0xFF, ~0, ~0xFF)
print(1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 100)
print(-1 >> 0, -1 >> 1, -1 >> 63, -1 >> 64, 8 >> 1, 8 >> 4)
print(1 << -1, 2 >> -1, 8 >> -2, 1 >> -63, 1 << -64)
print(math.mininteger >> 63, math.maxinteger << 1, math.mininteger << 1)
print(3.0 & 1, 2^10 | 0, -0.0 | 0)
print(0x5555555555555555 ~ 0xAAAAAAAAAAAAAAAA)
for i = 0, 5 do print(i, 1 << i, 256 >> i, i ~ 3, ~i) end
print(pcall(function() return 1 << 1.5 end))
print(pcall(function() return nil & 1 end))
print(pcall(function() local t = {} return t.x | 1 end))
