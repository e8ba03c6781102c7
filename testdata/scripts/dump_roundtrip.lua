-- string.dump and load of binary chunks: a dumped function behaves like the
-- original (results, varargs, nested closures, coroutines, errors with
-- line numbers), upvalues start fresh (the first one is the environment).

local function roundtrip(f, strip)
  local d = string.dump(f, strip)
  assert(type(d) == "string" and d:sub(1, 4) == "\27Lua")
  return assert(load(d, "=dumped", "b"))
end

-- plain values and arithmetic
local f = roundtrip(function(a, b) return a + b, a .. b, a // b, a / b, a % b end)
print(f(7, 2))
print(f(7.5, 2))

-- constants of every kind
f = roundtrip(function()
  return nil, true, false, 0, -1, math.maxinteger, math.mininteger, 1.5, -0.0,
    1/0, -1/0, "", "a\0b\255", string.rep("long", 100):len()
end)
print(f())
print(math.type((f())), select("#", f()))

-- varargs and multiple results
f = roundtrip(function(...)
  local t = {...}
  local n = select("#", ...)
  return n, #t, ...
end)
print(f())
print(f(1, false, 3))
print(f(table.unpack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})))

-- table constructors, including a long list (SETLIST with many items)
f = roundtrip(function(x)
  local t = {x, x * 2, x * 3, k = "v", [10] = 10, {1, 2}}
  local big = {}
  for i = 1, 300 do big[i] = i end
  local u = {table.unpack(big)}
  return #t, t.k, t[10], t[4][2], #u, u[300]
end)
print(f(5))

-- numeric and generic for loops, goto, while, repeat
f = roundtrip(function(n)
  local s = 0
  for i = 1, n do s = s + i end
  for i = n, 1, -2 do s = s + i end
  for i = 0.5, 2, 0.5 do s = s + i end
  for k, v in pairs({a = 1, b = 2, c = 3}) do s = s + v end
  for i, v in ipairs({10, 20, 30}) do s = s + i * v end
  local i = 0
  while i < 5 do i = i + 1 end
  repeat i = i - 1 until i == 0
  ::top:: i = i + 1
  if i < 3 then goto top end
  return s, i
end)
print(f(10))

-- nested closures and their upvalues
f = roundtrip(function()
  local count = 0
  local function inc(d) count = count + (d or 1) return count end
  local function get() return count end
  return inc, get
end)
local inc, get = f()
inc() inc(5)
print(get())

-- the dumped function's own upvalues are fresh: the first is _ENV, others nil
local up1, up2 = 10, 20
local function uses() return up1, up2 end
local function usesEnv() return print ~= nil, up1 end
f = roundtrip(uses)
local a, b = f()
print(a == _ENV, b)
f = roundtrip(usesEnv)
print(f())

-- load with an explicit environment
local g = load(string.dump(function() return x, y end), "env", "b", {x = 1, y = 2})
print(g())

-- methods, string methods and metatables
f = roundtrip(function()
  local obj = setmetatable({n = 3}, {__index = {get = function(self) return self.n end},
    __add = function(a, b) return a.n + b end})
  return obj:get(), obj + 4, ("abc"):upper(), #"xyz"
end)
print(f())

-- coroutines
f = roundtrip(function()
  local co = coroutine.wrap(function(a)
    local b = coroutine.yield(a + 1)
    return b * 2
  end)
  return co(1), co(10)
end)
print(f())

-- to-be-closed variables
f = roundtrip(function()
  local log = {}
  do
    local x <close> = setmetatable({}, {__close = function() log[#log + 1] = "closed" end})
    log[#log + 1] = "body"
  end
  return table.concat(log, ",")
end)
print(f())

-- errors keep their line numbers when not stripped
f = roundtrip(function(t)
  return t.x.y
end)
print(pcall(f, {}))
f = roundtrip(function() error("boom") end)
print(pcall(f))
f = roundtrip(function() error("boom", 2) end)
print(pcall(f))
f = roundtrip(function() local a = {} return a < 1 end)
print(pcall(f))

-- dumping a loaded binary chunk again, and a text chunk's main function
f = roundtrip(roundtrip(function(x) return x * 3 end))
print(f(14))
f = roundtrip(load("local a = ... return a, _ENV == _G"))
print(f(9))

-- recursion through a global and through an upvalue
function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
f = roundtrip(fact)
print(f(10))
f = roundtrip(function(n)
  local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
  return fib(n)
end)
print(f(20))

-- the dump is the same each time, and a dump of the loaded function too
local function h(x) return x end
print(string.dump(h) == string.dump(h), string.dump(h, true) == string.dump(h, true))
print(string.dump(load(string.dump(h))) == string.dump(h))
print(#string.dump(h, true) < #string.dump(h))
