-- coroutines resuming other coroutines, yields go to the direct resumer
local log = {}
local inner = coroutine.create(function()
  log[#log + 1] = "inner 1"
  coroutine.yield("i1")
  log[#log + 1] = "inner 2"
  return "inner done"
end)
local outer = coroutine.create(function()
  log[#log + 1] = "outer 1"
  print("outer got", coroutine.resume(inner))
  coroutine.yield("o1")
  print("outer got", coroutine.resume(inner))
  print("outer got", coroutine.resume(inner))
  return "outer done"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
print(table.concat(log, ", "))
-- deep nesting of coroutines
local function nest(n)
  if n == 0 then return "bottom" end
  local co = coroutine.create(nest)
  local ok, v = coroutine.resume(co, n - 1)
  return v
end
print(nest(100))
