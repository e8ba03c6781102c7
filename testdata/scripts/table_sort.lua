-- table.sort with default and custom comparators
local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local words = {"pear", "Apple", "fig", "banana", "apple"}
table.sort(words)
print(table.concat(words, " "))
table.sort(words, function(a, b) return a:lower() < b:lower() or (a:lower() == b:lower() and a < b) end)
print(table.concat(words, " "))
local mixed = {3, 1.5, 2, -1, 2.25}
table.sort(mixed)
print(table.concat(mixed, " "))
local recs = {{n = "b", v = 2}, {n = "a", v = 2}, {n = "c", v = 1}}
table.sort(recs, function(x, y) if x.v ~= y.v then return x.v < y.v end return x.n < y.n end)
for _, r in ipairs(recs) do print(r.n, r.v) end
local big = {}
for i = 1, 1000 do big[i] = (i * 7919) % 1000 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[1000])
local okc, errc = pcall(table.sort, {1, "x", 2})
print(okc, (string.find(errc, "attempt to compare", 1, true)))
local single, empty = {1}, {}
table.sort(single); table.sort(empty)
print(single[1], #empty)
