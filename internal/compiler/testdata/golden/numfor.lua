for i = 1, 10 do print(i) end
for i = 10, 1, -1 do print(i) end
for i = 1.0, 2.5, 0.5 do print(i) end
for i = a, b, c do print(i) end
local s = 0
for i = 1, 100 do s = s + i end
for k, v in next, t do s = s + v end
for k, v, w, z in f() do end
