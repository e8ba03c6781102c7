-- large numbers of values through varargs, unpack and returns
local t = {}
for i = 1, 250 do t[i] = i end
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(table.unpack(t)))
local function ret(...) return ... end
print(select('#', ret(table.unpack(t))))
local packed = table.pack(ret(table.unpack(t)))
print(packed.n, packed[1], packed[250])
print(#{table.unpack(t)})
print(math.max(table.unpack(t)), math.min(table.unpack(t)))
print(string.char(table.unpack({72, 105, 33})))
