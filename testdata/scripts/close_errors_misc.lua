-- values without __close, const-ness of close variables
print(pcall(function() local x <close> = 42 end))
print(pcall(function() local x <close> = {} end))
print(pcall(function() local x <close> = "str" end))
print(pcall(function()
  local mt = {__close = function() print("closed") end}
  local t = setmetatable({}, mt)
  local x <close> = t
  mt.__close = nil
end))
print(load("local x <close> = nil; x = 1", "=c"))
-- __close metamethod that is not a function
print(pcall(function()
  local x <close> = setmetatable({}, {__close = 1})
end))
