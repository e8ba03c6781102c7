-- integer loops with float limits outside the integer range are clipped
local n = 0
for i = math.maxinteger - 1, 1e100 do n = n + 1 end
print("up to 1e100", n)
n = 0
for i = math.mininteger + 1, -1e100, -1 do n = n + 1 end
print("down to -1e100", n)
for i = 1, -2^63 do print("never") end
for i = -1, 2^63, 2^62 do print("step 2^62 as float", i, math.type(i)) end
for i = 3, 2.9 do print("never") end
for i = 3, 3.0 do print("exact float limit", i, math.type(i)) end
for i = -3, -3.5, -1 do print("neg float limit", i) end
for i = 1, 0/0 do print("nan limit: never") end
