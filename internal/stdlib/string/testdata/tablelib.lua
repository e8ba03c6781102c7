local function show(t, n)
  local o = {}
  for i = 1, n or #t do o[#o + 1] = tostring(t[i]) end
  return "{" .. table.concat(o, ",") .. "}"
end
local t = {1, 2, 3}
table.insert(t, 4); table.insert(t, 1, 0); print(show(t))
print(table.remove(t), table.remove(t, 1), show(t))
print(table.concat({1, 2, 3}, ", "), table.concat({"a", "b", "c"}, "", 2, 3), table.concat({}, "x"))
print(table.unpack({1, 2, 3})); print(table.unpack({1, 2, 3}, 2)); print(select("#", table.unpack({}, 1, 3)))
local p = table.pack(1, nil, 3); print(p.n, p[1], p[2], p[3])
print(show(table.move({1, 2, 3, 4, 5}, 2, 4, 1)), show(table.move({1, 2, 3}, 1, 3, 3), 5))
t = {5, 2, 8, 1, 9, 3}; table.sort(t); print(show(t))
table.sort(t, function(a, b) return a > b end); print(show(t))
t = {"pear", "apple", "fig"}; table.sort(t); print(show(t))
t = {}; for i = 1, 200 do t[i] = (i * 37) % 101 end
table.sort(t); local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, t[1], t[200])
t = {}; for i = 1, 50 do t[i] = {k = i % 7, i = i} end
table.sort(t, function(a, b) return a.k < b.k end)
local o = {} for i = 1, 50 do o[i] = t[i].i end print(table.concat(o, " "))
print(pcall(table.sort, {3, 2, 1, 5, 4, 7, 6, 9, 8, 10, 12, 11}, function(a, b) return true end))
print(pcall(table.sort, {1, "x", 2}))
print(pcall(table.insert, {1}, 5, 2))
print(pcall(table.insert, {1}, 1, 2, 3))
print(pcall(table.remove, {1, 2}, 5))
print(pcall(table.concat, {1, {}, 3}))
print(pcall(table.unpack, {}, 1, 1e7))
print(pcall(table.insert, nil, 1))
-- metamethods are honoured
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) return k * 10 end,
  __newindex = function(_, k, v) log[#log + 1] = k .. "=" .. tostring(v) end,
  __len = function() return 3 end,
})
print(table.concat(proxy, ","), table.unpack(proxy))
table.insert(proxy, "x"); print(table.concat(log, " "))
print(pcall(table.sort, setmetatable({}, {__len = function() return 2.5 end})))
local cnt = 0
for i, v in ipairs(setmetatable({}, {__index = function(_, i) if i < 4 then return i end end})) do cnt = cnt + v end
print(cnt)
