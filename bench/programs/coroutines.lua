-- coroutines: resume/yield ping-pong passing values both ways, generators
-- through coroutine.wrap, and a producer/filter/consumer pipeline.
local n = tonumber(arg and arg[1]) or 3000000

local co = coroutine.create(function(a)
  while true do a = coroutine.yield(a * 2) end
end)
local sum = 0
for i = 1, n do
  local _, v = coroutine.resume(co, i)
  sum = sum + v
end

local function range(k)
  return coroutine.wrap(function()
    for i = 1, k do coroutine.yield(i) end
  end)
end
local function filter(pred, gen)
  return coroutine.wrap(function()
    for v in gen do if pred(v) then coroutine.yield(v) end end
  end)
end
local count = 0
for v in filter(function(x) return x % 3 == 0 end, range(n)) do count = count + v end

local made = 0
for i = 1, n / 100 do
  local g = coroutine.wrap(function(x) local y = coroutine.yield(x + 1); return y * 2 end)
  made = made + g(i) + g(i)
end
print("checksum", sum, count, made)
