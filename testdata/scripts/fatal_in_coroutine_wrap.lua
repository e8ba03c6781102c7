-- an error inside a coroutine.wrap body propagates to the top level
local gen = coroutine.wrap(function()
  coroutine.yield(1)
  error("generator failed")
end)
print(gen())
print(gen()) -- ERROR "fatal_in_coroutine_wrap\.lua:4: generator failed"
