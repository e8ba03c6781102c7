-- values passed through resume and yield, counts preserved
local co = coroutine.create(function(...)
  print("args", select('#', ...), ...)
  local r = table.pack(coroutine.yield())
  print("resume values", r.n, r[1], r[2], r[3])
  r = table.pack(coroutine.yield(nil, nil))
  print("resume values", r.n)
  return nil, nil, nil
end)
print(select('#', coroutine.resume(co, nil, nil)))
print(select('#', coroutine.resume(co, 1, nil, 3)))
print(select('#', coroutine.resume(co)))
local big = coroutine.wrap(function(...) coroutine.yield(...) end)
local t = {}
for i = 1, 200 do t[i] = i end
print(select('#', big(table.unpack(t))))
