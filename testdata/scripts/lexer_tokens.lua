-- every operator and keyword token in use
local a, b = 7, 3
print(a + b, a - b, a * b, a / b, a % b, a ^ b, -a, a // b)
print(a & b, a | b, a ~ b, ~a, a << b, a >> 1)
print(a == b, a ~= b, a <= b, a >= b, a < b, a > b)
print("x" .. "y", #"four")
local t = {[1] = "one"; two = 2, "first"}
print(t[1], t.two)
print((a), not nil, true and false, nil or "dflt")
local s = "self"
print(s:upper(), s :len())
::lbl:: do end
goto done
print("skipped")
::done::
print(#{...}, select('#', ...))
while false do end
repeat until true
if false then elseif true then print("elseif") else end
for i = 1, 0 do end
for k in pairs({}) do end
local function f() return end
print(f())
