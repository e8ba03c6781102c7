-- extending strings through the shared string table
function string.shout(s) return s:upper() .. "!" end
print(("hey"):shout())
local s = "abc"
print(s:shout(), #s:shout())
string.shout = nil
print(pcall(function() return s:shout() end))
print(("x").len == string.len, ("x")["upper"]("y"))
print(pcall(function() return ("x").missing.y end))
print(pcall(function() local n = 5 return n.x end))
print(pcall(function() local b = true return b.x end))
