-- __close on break, goto out of a block, and return (values computed before closing)
local function closer(name)
  return setmetatable({}, {__close = function() print("close", name) end})
end
for i = 1, 3 do
  local c <close> = closer("loop" .. i)
  if i == 2 then break end
  print("body", i)
end
do
  local c <close> = closer("goto")
  goto out
end
::out::
print("after goto")
local function f()
  local t = {v = 1}
  local c <close> = setmetatable({}, {__close = function() t.v = 2; print("closing f") end})
  return t.v, t
end
local v, t = f()
print(v, t.v)
local function g(n)
  local c <close> = closer("g" .. n)
  if n > 0 then return g(n - 1) end
  return "bottom"
end
print(g(2))
while true do
  local c <close> = closer("while")
  break
end
repeat
  local c <close> = closer("repeat")
until true
