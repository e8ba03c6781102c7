-- table.insert and table.remove at every position
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
table.insert(t, 1, "start")
table.insert(t, #t + 1, "end")
print(#t, table.concat(t, ","))
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, 2), table.concat(t, ","))
print(table.remove(t, #t + 1), #t)
local e = {}
print(table.remove(e), #e, table.remove(e, 0), table.remove(e, 1))
print(pcall(table.remove, {1, 2, 3}, 7))
print(pcall(table.insert, {1, 2, 3}, 0, "x"))
print(pcall(table.insert, {1, 2, 3}, 5, "x"))
print(pcall(table.insert, {1}, 1.5, "x"))
local z = {[0] = "zero"}
print(table.remove(z, 0), z[0])
local n = {n = 1}
table.insert(n, "v")
print(n[1], n.n)
