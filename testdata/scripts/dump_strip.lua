-- string.dump(f, true) drops debug information: stripped functions run the
-- same, but errors have no line ("?:-1:") and no local names, and their
-- source is "=?".

local function stripped(f) return assert(load(string.dump(f, true))) end

local f = stripped(function(a, b) return a * b + 1 end)
print(f(6, 7))

f = stripped(function() local a = nil; a() end)
print(pcall(f))
f = stripped(function(t) return t.x.y end)
print(pcall(f, {}))
f = stripped(function(a) return a + 1 end)
print(f(3), pcall(f, {}))
f = stripped(function() local a; a = {}; return a + 2 end)
print(pcall(f))
f = stripped(function() return #nil end)
print(pcall(f))
f = stripped(function() return undefinedglobal.x end)
print(pcall(f))

-- nested functions are stripped too
f = stripped(function()
  local x = 1
  return function(y) return x + y, pcall(function() return y.z end) end
end)
print(f()(2))

-- not stripped, for comparison
f = assert(load(string.dump(function() local a = nil; a() end)))
print(pcall(f))

-- stripping keeps behaviour of loops, varargs and upvalues
f = stripped(function(...)
  local s = 0
  for _, v in ipairs({...}) do s = s + v end
  local function add(k) s = s + k return s end
  return add(100)
end)
print(f(1, 2, 3))
