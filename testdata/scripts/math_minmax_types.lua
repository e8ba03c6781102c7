-- math.max/min keep the type of the chosen argument; abs and other helpers
local function show(v) return tostring(v) .. ":" .. math.type(v) end
print(show(math.max(1, 2.0)), show(math.max(2.0, 1)), show(math.max(2, 2.0)), show(math.max(2.0, 2)))
print(show(math.min(1, 1.0)), show(math.min(1.0, 1)), show(math.min(-0.0, 0)), show(math.min(0, -0.0)))
print(show(math.max(math.maxinteger, 2^63)), show(math.min(math.mininteger, -2^63)))
print(show(math.abs(-0)), show(math.abs(-0.0)), show(math.abs(math.mininteger)), show(math.abs(-2^63)))
print(show(math.max(-math.huge, math.mininteger)), show(math.min(math.huge, math.maxinteger)))
print(math.max(1, 0/0) ~= math.max(1, 0/0), math.max(0/0, 1))
