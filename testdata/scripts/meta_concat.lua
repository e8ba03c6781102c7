-- __concat with tables on either side and in chains
local mt = {__concat = function(a, b)
  local function s(o) return type(o) == "table" and "<" .. o.n .. ">" or tostring(o) end
  return s(a) .. s(b)
end}
local x = setmetatable({n = "x"}, mt)
print(x .. "a", "a" .. x, x .. x, 1 .. x, x .. 2.5)
print("a" .. "b" .. x .. "c" .. "d")
print(pcall(function() return x .. nil end))
print(pcall(function() return true .. x end))
local ret = setmetatable({}, {__concat = function() return 42 end})
print(ret .. "z", math.type(ret .. "z"))
print(pcall(function() return {} .. "z" end))
