-- bitwise metamethods, including the float-without-integer case
local mt = {}
local function B(x) return setmetatable({x = x}, mt) end
for _, ev in ipairs({"band", "bor", "bxor", "shl", "shr", "bnot"}) do
  mt["__" .. ev] = function(a, b)
    local function v(o) return type(o) == "table" and "B" .. o.x or tostring(o) end
    return ev .. "(" .. v(a) .. "," .. v(b) .. ")"
  end
end
local b = B(1)
print(b & 1, 1 & b, b | 2, 2 | b, b ~ 3, 3 ~ b)
print(b << 4, 4 << b, b >> 5, 5 >> b, ~b)
print(1.5 & b, b | "x")
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return {} | 1 end))
-- strings have no bitwise metamethods
print(pcall(function() return "1" & 1 end))
