-- coroutine.wrap and error propagation through it
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i) end
  return "finished"
end)
print(gen(3), gen(), gen(), gen())
print(pcall(gen))
local failing = coroutine.wrap(function() error("inside wrap") end)
print(pcall(failing))
local failing2 = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(failing2)
print(ok, type(e), e.code)
local failing3 = coroutine.wrap(function() coroutine.yield(1) local x = nil; return x.y end)
print(failing3())
print(pcall(failing3))
print(pcall(coroutine.wrap, 1))
