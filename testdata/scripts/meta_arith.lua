-- arithmetic metamethods, with the table on either side
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(o) return type(o) == "table" and (o.x or "T") or o end
for _, ev in ipairs({"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv"}) do
  mt["__" .. ev] = function(a, b) return ev .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
local a = V(7)
print(a + 1, 1 + a, a + a)
print(a - 2, 2 - a)
print(a * 3, 3 * a)
print(a / 4, 4 / a)
print(a % 5, 5 % a)
print(a ^ 6, 6 ^ a)
print(a // 7, 7 // a)
print(-a)
print(a + "s", "s" + a)
-- only the second operand has the metamethod
local plain = {}
print(pcall(function() return plain + a end))
-- metamethod from the first operand wins
local other = setmetatable({}, {__add = function() return "other" end})
print(other + a, a + other)
print(pcall(function() return {} + {} end))
print(pcall(function() return 1 + {} end))
