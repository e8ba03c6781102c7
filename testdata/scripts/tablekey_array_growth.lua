-- sequences built in different orders; length of proper sequences
local t = {}
for i = 10, 1, -1 do t[i] = i end
print(#t, t[1], t[10])
local u = {}
for i = 1, 1000 do u[i] = i end
for i = 1000, 501, -1 do u[i] = nil end
print(#u)
local v = {n = 0}
for i = 1, 5 do v[#v + 1] = i * i end
print(#v, table.concat(v, " "))
local w = {}
w[1], w[2], w[3] = "a", "b", "c"
w[2] = nil
w[2] = "B"
print(#w, table.concat(w))
local big = {}
for i = 1, 100000 do big[i] = true end
print(#big)
