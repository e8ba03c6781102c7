-- pcall / xpcall return values and handlers
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(function() end))
print(pcall(pcall, error, "nested"))
print(pcall(pcall))
print(xpcall(function() return "ok", 2 end, print))
print(xpcall(function() error("bad") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error("x") end, function(m) return 1, 2, 3 end))
print(pcall(xpcall))
print(pcall(xpcall, print))
-- handler receives the original object; error in handler
print(xpcall(function() error("first") end, function(m) error("in handler") end))
-- nested pcall inside a handler
print(xpcall(function() error("outer") end, function(m)
  local ok, e = pcall(error, "inner")
  return m .. " / " .. e
end))
