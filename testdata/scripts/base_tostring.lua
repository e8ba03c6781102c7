-- tostring on primitive values and formats of reference values
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring(-1.5))
print(tostring("s"), tostring(""), tostring(1e15), tostring(1e16), tostring(-1e-7))
print(tostring({}):match("^table: ") ~= nil)
print(tostring(print):match("^builtin: ") ~= nil or tostring(print):match("^function: ") ~= nil)
print(tostring(function() end):match("^function: ") ~= nil)
print(tostring(coroutine.create(print)):match("^thread: ") ~= nil)
print(tostring({}) ~= tostring({}))
local t = {}
print(tostring(t) == tostring(t))
print(pcall(tostring))
print(select('#', tostring(1, 2)))
