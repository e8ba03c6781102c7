-- closures keep their own upvalues
local function counter(start)
  local n = start
  return function() n = n + 1 return n end
end
local c1, c2 = counter(0), counter(100)
print(c1(), c1(), c2(), c1(), c2())
local function make_pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = make_pair()
print(get()); set(42); print(get())
local get2 = make_pair()
print(get2())
