-- closures: creating closures, reading and writing shared upvalues,
-- higher-order functions and closures that outlive their frames.
local n = tonumber(arg and arg[1]) or 3000000

local function counter()
  local c = 0
  return function(d) c = c + d; return c end, function() return c end
end

local function compose(f, g) return function(x) return f(g(x)) end end
local function adder(k) return function(x) return x + k end end

local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end

local function fold(t, f, acc)
  for i = 1, #t do acc = f(acc, t[i]) end
  return acc
end

local total = 0
local inc, get = counter()
for i = 1, n do
  inc(i % 3)
  local f = compose(adder(i % 10), adder(1))
  total = total + f(1)
end
local small = {}
for i = 1, 100 do small[i] = i end
for r = 1, math.floor(n / 1000) do
  local m = map(small, function(x) return x * r % 97 end)
  total = total + fold(m, function(a, b) return a + b end, 0)
end
local fs = {}
for i = 1, 1000 do
  local x = i
  fs[i] = function() x = x + 1; return x end
end
for _ = 1, math.floor(n / 1000) do
  for i = 1, #fs, 3 do total = total + fs[i]() end
end
print("checksum", total, get())
