-- a __close handler that is a Go function (coroutine.yield itself) may yield, on block exit and on return
local function func2close(f) return setmetatable({}, {__close = f}) end
local co = coroutine.wrap(function()
  local x <close> = func2close(coroutine.yield)
  local y <close> = func2close(function(self) coroutine.yield(100) end)
  do
    local z <close> = func2close(coroutine.yield)
  end
  print("after block")
  return 10, 20
end)
print(type(co()))
print(co("a"))
print(type(co("b")))
print(co("c"))
