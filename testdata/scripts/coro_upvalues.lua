-- upvalues shared between coroutines and the main thread
local shared = 0
local function bump() shared = shared + 1 return shared end
local a = coroutine.wrap(function() while true do coroutine.yield(bump()) end end)
local b = coroutine.wrap(function() while true do coroutine.yield(bump() * 10) end end)
print(a(), b(), a(), bump(), b())
-- a local of a suspended coroutine captured by a closure it returned
local getter
local co = coroutine.create(function()
  local x = "initial"
  getter = function() return x end
  coroutine.yield()
  x = "changed in coroutine"
  coroutine.yield()
end)
coroutine.resume(co)
print(getter())
coroutine.resume(co)
print(getter())
coroutine.resume(co)
print(coroutine.status(co), getter())
-- closures created in a coroutine that errored keep their values
local keep
local co2 = coroutine.create(function()
  local v = 42
  keep = function() v = v + 1 return v end
  error("stop")
end)
print(coroutine.resume(co2))
print(keep(), keep())
