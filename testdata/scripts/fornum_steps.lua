-- large steps and iteration counts computed without overflow
local n = 0
for i = math.mininteger, math.maxinteger, math.maxinteger do n = n + 1 end
print("count1", n)
n = 0
for i = math.maxinteger, math.mininteger, math.mininteger do n = n + 1 print(i) end
print("count2", n)
n = 0
for i = 0, math.maxinteger, 2^62 do n = n + 1 end
print("count3", n)
for i = -1, -10, -4 do print(i) end
for i = 1, 10, 100 do print("once", i) end
for i = 10, 1, 100 do print("never") end
for i = 0.5, -1, -0.5 do print(i) end
