-- expect: memory
local keep = {}
for i = 1, 1e9 do
  local co = coroutine.create(function(...) local x = {...} coroutine.yield(x) end)
  coroutine.resume(co, i, i, i)
  keep[i] = co
end
