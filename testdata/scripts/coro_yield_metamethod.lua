-- yield from inside metamethods (__index, __add, __lt, __concat, __eq, __call)
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __newindex = function(t, k, v) coroutine.yield("newindex " .. k) end,
}
local obj = setmetatable({}, mt)
local other = setmetatable({}, mt)
local co = coroutine.wrap(function()
  print("index result", obj.foo)
  print("add result", obj + 1)
  print("lt result", obj < other)
  print("concat result", obj .. "s")
  print("eq result", obj == other)
  print("call result", obj("arg"))
  obj.k = 1
  print("newindex done", rawget(obj, "k"))
  return "finished"
end)
print(co())
print(co("v1"))
print(co(5))
print(co(false))
print(co("joined"))
print(co(1))
print(co("called"))
print(co())
