-- the concatenation operator
print("a" .. "b" .. "c", 1 .. 2, 1.0 .. "", -0.0 .. "x", 2^63 .. "")
print("" .. "", #("x"):rep(3) .. "!", math.mininteger .. "")
local parts = ""
for i = 1, 10 do parts = parts .. i .. (i < 10 and "," or "") end
print(parts)
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. true end))
print(pcall(function() return {} .. "a" end))
print(pcall(function() local x; return "a" .. x end))
print(pcall(function() return "a" .. undefinedglobal end))
print(pcall(function() local t = {} return t.field .. "a" end))
print(pcall(function() return 1 .. {} .. 2 end))
local s = "x"
for _ = 1, 5 do s = s .. s end
print(#s)
print(("%d"):format(3) .. 4 .. 5.5)
