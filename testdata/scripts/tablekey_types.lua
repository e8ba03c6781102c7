-- keys of every type
local f = function() end
local k = {}
local t = {[true] = "T", [false] = "F", [f] = "fn", [k] = "tbl", ["s"] = "str", [1] = "one", [2.5] = "flt"}
print(t[true], t[false], t[f], t[k], t.s, t[1], t[2.5])
print(t[{}], t[function() end], t["S"])
t[k] = nil
print(t[k])
local co = coroutine.create(function() end)
t[co] = "thread"
print(t[co])
t[print] = "cfunc"
print(t[print])
-- constructor positional vs explicit keys
local c = {[1] = "explicit", "positional"}
print(c[1])
local d = {"positional", [1] = "explicit"}
print(d[1])
local e = {1, 2, 3, [2] = "x"}
print(e[2])
