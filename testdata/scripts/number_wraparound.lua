-- integer arithmetic wraps around (two's complement)
local max, min = math.maxinteger, math.mininteger
print(max + 1 == min, min - 1 == max, max * 2, min * -1)
print(max + 1, min - 1, -min, min * min)
print(max * max, 0x7fffffffffffffff + 0x7fffffffffffffff)
print(max + 1.0, min - 1.0, math.type(max + 1.0))
print(1 << 63, (1 << 63) - 1, 1 << 64, -1 >> 1)
local x = 1
for _ = 1, 64 do x = x * 2 end
print(x)
local f = 1
for _ = 1, 25 do f = f * 25 end
print(f)
