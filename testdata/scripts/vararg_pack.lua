-- table.pack / table.unpack and varargs with holes
local t = table.pack(1, nil, 3, nil)
print(t.n, t[1], t[2], t[3], t[4])
print(table.pack().n)
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 5))
print(table.unpack({1, 2, 3}, 3, 2))
print(table.unpack(t, 1, t.n))
local function pass(...) return ... end
print(pass(table.unpack(t, 1, t.n)))
print(select('#', pass(nil, nil, nil)))
print(pcall(table.unpack, {}, 1, 1e8))
print(table.unpack({"a", "b"}, -1, 1))
