-- string.rep with a gigantic count fails cleanly
local ok, e = pcall(string.rep, "x", 2^40)
print(ok, e)
local ok2, e2 = pcall(string.rep, "x", math.maxinteger)
print(ok2, e2)
local ok3, e3 = pcall(string.rep, "abc", 2^62, ",")
print(ok3, e3)
print(pcall(string.rep, "x", 2^31))
print(#string.rep("x", 0), #string.rep("x", -5), #string.rep("ab", 3, "--"))
