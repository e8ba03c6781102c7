-- numeric for near the integer limits does not overflow
for i = math.maxinteger - 2, math.maxinteger do print(i) end
for i = math.mininteger, math.mininteger + 2 do print(i) end
for i = math.mininteger + 2, math.mininteger, -1 do print(i) end
for i = math.maxinteger - 1, math.maxinteger, 10 do print("big step", i) end
for i = 1, 0 do print("never") end
for i = 0, -1, 1 do print("never") end
local n = 0
for i = math.maxinteger - 10, math.maxinteger, 3 do n = n + 1 end
print("count", n)
for i = 1, math.huge do if i > 3 then break end print("to huge", i) end
for i = 3, -math.huge, -1 do if i < 1 then break end print("to -huge", i) end
for i = 1, 3.5 do print("float limit", i, math.type(i)) end
for i = 3, 0.5, -1 do print("float limit down", i) end
for i = math.mininteger, math.mininteger, -1 do print("single", i) end
