-- __close runs in reverse declaration order when a block ends normally
local function closer(name)
  return setmetatable({}, {__close = function(_, err) print("close", name, err) end})
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = nil
  local d <close> = false
  print("in block")
end
print("after block")
local function f()
  local x <close> = closer("x")
  local y <close> = closer("y")
  return "returned"
end
print(f())
