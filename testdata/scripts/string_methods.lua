-- method call syntax on string values and literals
local s = "Lua"
print(s:len(), s:upper(), s:lower(), s:rep(2), s:byte(1), s:sub(2))
print(("%s-%s"):format("a", "b"), ("x"):rep(3, "."))
print(#s:rep(10), s:rep(2):upper():lower())
local n = 42
print(pcall(function() return n:type() end))
print(("abc"):find("b"), ("abc"):match("c"))
print(string.format("%s", s) == s, s.upper(s))
