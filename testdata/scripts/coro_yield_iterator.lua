-- yield inside a for-loop iterator and inside table.sort comparator is not allowed
local function yielding_iter()
  local i = 0
  return function()
    i = i + 1
    if i <= 3 then coroutine.yield("iter " .. i) return i end
  end
end
local co = coroutine.wrap(function()
  local sum = 0
  for v in yielding_iter() do sum = sum + v end
  return "sum " .. sum
end)
print(co(), co(), co(), co())
local co2 = coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)
print(coroutine.resume(co2))
local co3 = coroutine.create(function()
  local t = setmetatable({}, {__index = function() coroutine.yield() end})
  return string.rep("x", 2, t.sep)
end)
print(coroutine.resume(co3))
print(coroutine.resume(co3))
