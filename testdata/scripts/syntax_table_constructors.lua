-- table constructor forms
local t = {1, 2, 3; 4, [10] = "ten", x = "ex", ["y z"] = "yz", [1 + 1] = "ignored?",}
print(#t, t[1], t[2], t[4], t[10], t.x, t["y z"])
local nested = {{1, {2, {3}}}, a = {b = {c = "deep"}}}
print(nested[1][2][2][1], nested.a.b.c)
local function three() return 1, 2, 3 end
local m = {three(), three()}
print(#m)
local k = {[three()] = "first result as key"}
print(k[1])
local e = {}
print(next(e), #e)
local tr = {"trailing", }
print(#tr)
local fnt = {function() return "in table" end, f = function(self) return self[1]() end}
print(fnt[1](), fnt:f())
