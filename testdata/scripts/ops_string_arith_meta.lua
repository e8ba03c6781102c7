-- strings in arithmetic go through the string metatable's metamethods
local smt = getmetatable("")
print(type(smt.__add), type(smt.__unm), type(smt.__idiv), smt.__band)
print("10" + 5, "3" * "4", "2" ^ "2", "9" // 2, "9" % 4, -"5", "1e2" / 10)
print(pcall(function() return "abc" + 1 end))
print(pcall(function() local s = "abc" return s * 2 end))
print(pcall(function() return 1 + "abc" end))
local obj = setmetatable({}, {__add = function(a, b) return "obj add" end})
print("10" + obj, obj + "10")
