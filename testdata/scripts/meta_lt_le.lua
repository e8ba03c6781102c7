-- __lt and __le; results are converted to booleans
local mt = {}
mt.__lt = function(a, b) return (type(a) == "table" and a.v or a) < (type(b) == "table" and b.v or b) end
mt.__le = function(a, b) return (type(a) == "table" and a.v or a) <= (type(b) == "table" and b.v or b) end
local function V(v) return setmetatable({v = v}, mt) end
local one, two = V(1), V(2)
print(one < two, two < one, one <= one, two <= one)
print(one > two, two > one, one >= two, two >= one)
print(one < 5, 5 < one, one <= 1, 0 >= one)
local only_lt = setmetatable({}, {__lt = function() return 1 end})
print(only_lt < only_lt)
local nilret = setmetatable({}, {__lt = function() return nil end})
print(nilret < nilret, nilret > nilret)
local s = setmetatable({}, {__lt = function(a, b) return type(a) == "string" end})
print("x" < s, s < "x")
