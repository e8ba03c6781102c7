-- float loops: the control variable is a float when start or step is
for i = 1.0, 3 do print(i, math.type(i)) end
for i = 1, 2, 0.5 do print(i, math.type(i)) end
for i = 0.1, 0.35, 0.1 do print(string.format("%.2f", i)) end
for i = 1, 0, -0.25 do print(i) end
for i = 2^52 - 2, 2^52 do print(string.format("%.0f", i)) end
local c = 0
for i = 1, 2, 0.1 do c = c + 1 end
print("steps", c)
