do
  local a <close> = f()
  local b <close> = g()
  print(a, b)
end
local function h()
  local c <close> = f()
  return g()
end
local function h2()
  local c <close> = f()
  return 1, 2
end
local x <const> = 1
local y <const> = {}
local z <const> = x + 2
local s <const> = "a" .. "b"
local w <const> = nil
local v <const> = not x
print(x, y, z, s, w, v)
