-- error levels add position information of the given call level
local function lvl(n) error("at level " .. tostring(n), n) end
local function caller(n) lvl(n) end
print(pcall(caller, 0))
print(pcall(caller, 1))
print(pcall(caller, 2))
print(pcall(caller, 3))
print(pcall(caller, 50))
local function check(x)
  if type(x) ~= "number" then error("expected number", 2) end
  return x
end
local function user()
  return check("str")
end
print(pcall(user))
print(pcall(function() error("default level") end))
print(pcall(function() error("level 0", 0) end))
print(pcall(function() error("level 1.0", 1.0) end))
print(pcall(error, "direct", 1))
print(pcall(error, "direct2", 2))
