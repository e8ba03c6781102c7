-- building, shrinking and rebuilding larger tables
local t = {}
for i = 1, 5000 do t[#t + 1] = i end
print(#t, t[5000])
for i = 1, 2500 do table.remove(t) end
print(#t, t[#t])
for i = 1, 100 do table.remove(t, 1) end
print(#t, t[1], t[#t])
for i = 1, 10 do table.insert(t, 1, -i) end
print(#t, t[1], t[10], t[11])
local h = {}
for i = 1, 3000 do h["k" .. i] = i end
local n = 0
for _ in pairs(h) do n = n + 1 end
print(n, h.k1, h.k3000)
for i = 1, 3000, 2 do h["k" .. i] = nil end
n = 0
for _ in pairs(h) do n = n + 1 end
print(n, h.k1, h.k2)
local mixed = {}
for i = 1, 100 do mixed[i] = i; mixed[-i] = -i; mixed[i + 0.5] = i end
n = 0
for _ in pairs(mixed) do n = n + 1 end
print(n, #mixed, mixed[-50], mixed[50.5])
