-- and/or/not: short circuit and returned values
local calls = {}
local function v(x) calls[#calls + 1] = tostring(x) return x end
print(v(1) and v(2), v(nil) and v(3), v(false) or v(4), v(5) or v(6))
print(table.concat(calls, " "))
print(nil and nil, false and nil, nil or false, false or nil)
print(0 and "zero is true", "" and "empty is true")
print(not 0, not "", not nil, not false, not not {})
local x = nil
local y = x and x.field or "default"
print(y)
local function f() return 1, 2, 3 end
print(f() and f())
print((f()) or 0, f() or 0)
print(1 == 1 and "eq" or "ne", 1 == 2 and "eq" or "ne")
print(false and error("no") or "ok")
