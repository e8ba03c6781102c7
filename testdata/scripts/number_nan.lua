-- nan prints as reported by the C library ("-nan" or "nan")
local n1 = 0/0
local n2 = -(0/0)
print(n1, n2)
print(math.huge - math.huge, math.huge * 0)
print(tostring(n1) == tostring(0/0))
print(string.format("%f %g", 1/0, -1/0))
local t = {}
print(pcall(function() t[0/0] = 1 end))
print(t[0/0])
print(rawget(t, 0/0))
print(math.max(1, 0/0) ~= math.max(1, 0/0) or "number", math.type(0/0))
