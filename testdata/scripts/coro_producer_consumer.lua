-- producer/consumer with a filter stage, passing values both ways
local function producer(items)
  return coroutine.create(function()
    for _, it in ipairs(items) do coroutine.yield(it) end
    return nil
  end)
end
local function receive(p)
  local ok, v = coroutine.resume(p)
  return v
end
local function filter(p)
  return coroutine.create(function()
    local n = 1
    while true do
      local v = receive(p)
      if v == nil then return nil end
      coroutine.yield(string.format("%3d %s", n, v))
      n = n + 1
    end
  end)
end
local cons = filter(producer({"alpha", "beta", "gamma"}))
while true do
  local line = receive(cons)
  if not line then break end
  print(line)
end
-- accumulate values sent into a coroutine
local acc = coroutine.wrap(function(first)
  local sum = first
  while true do
    local v = coroutine.yield(sum)
    if v == nil then break end
    sum = sum + v
  end
  return "total " .. sum
end)
print(acc(1), acc(2), acc(3), acc(nil))
