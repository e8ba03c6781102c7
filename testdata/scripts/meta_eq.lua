-- __eq is used only for two tables (or two userdata) that are not primitively equal
local count = 0
local mt = {__eq = function(a, b) count = count + 1 return a.id == b.id end}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a ~= b, a == c, a ~= c, count)
print(a == a, count) -- same object: no call
print(a == 1, a == "x", count) -- different types: no call
local plain = {id = 1}
print(a == plain, plain == a, count) -- one operand with __eq is enough
local truthy = setmetatable({}, {__eq = function() return "yes" end})
print(truthy == {}, truthy ~= {})
print(rawequal(a, b), rawequal(a, a))
local t = {}
t[a] = "a"
print(t[b]) -- table keys use raw equality
