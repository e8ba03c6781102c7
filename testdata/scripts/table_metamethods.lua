-- table library functions respect __index/__newindex/__len
local log = {}
local backing = {10, 20, 30}
local proxy = setmetatable({}, {
  __index = function(_, k) return backing[k] end,
  __newindex = function(_, k, v) log[#log + 1] = tostring(k) .. "=" .. tostring(v); backing[k] = v end,
  __len = function() return #backing end,
})
print(table.concat(proxy, ","))
table.insert(proxy, 40)
print(table.concat(log, " "), #backing)
print(table.remove(proxy), #backing)
print(table.unpack(proxy))
table.sort(proxy, function(x, y) return x > y end)
print(table.concat(backing, ","))
