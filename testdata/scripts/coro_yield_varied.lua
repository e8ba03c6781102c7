-- yield from nested Lua calls, from within loops, and with no values
local function deep(n)
  if n == 0 then return coroutine.yield("bottom") end
  return deep(n - 1) .. "+" .. n
end
local co = coroutine.wrap(function() return deep(5) end)
print(co())
print(co("resumed"))
local co2 = coroutine.create(function()
  coroutine.yield()
  coroutine.yield(nil)
  return
end)
print(select('#', coroutine.resume(co2)))
print(select('#', coroutine.resume(co2)))
print(select('#', coroutine.resume(co2)))
print(coroutine.status(co2))
local co3 = coroutine.wrap(function(...)
  local args = {...}
  while true do
    args = {coroutine.yield(#args)}
  end
end)
print(co3(1, 2, 3), co3(), co3(nil, nil))
