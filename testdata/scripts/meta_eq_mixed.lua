-- __eq when the two operands have different metatables
local log = {}
local mt1 = {__eq = function(a, b) log[#log + 1] = "mt1" return true end}
local mt2 = {__eq = function(a, b) log[#log + 1] = "mt2" return false end}
local a, b = setmetatable({}, mt1), setmetatable({}, mt2)
print(a == b, b == a, a ~= b)
print(table.concat(log, " "))
local plain = {}
print(plain == a, a == plain, plain == b)
print(table.concat(log, " "))
-- __eq result is converted to a boolean
local weird = setmetatable({}, {__eq = function() return 0 end})
print(weird == {}, weird ~= {})
-- __eq is not used for different types or primitive equality
local num_eq = setmetatable({}, {__eq = function() return true end})
print(num_eq == 1, num_eq == "x", num_eq == nil)
