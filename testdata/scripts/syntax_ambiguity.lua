-- newlines do not terminate statements; calls across lines
local function f(x) return function(y) return (x or 0) + (y or 0) end end
local a = f
(1)(2)
print(a)
local s = "str"
local t = {s
:upper()}
print(t[1])
local v = 1
;(function() print("semicolon separates") end)()
local g = f(10)
print(g
(5))
print(load("return f\n(1)", "=amb") ~= nil)
