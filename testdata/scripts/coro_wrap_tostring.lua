-- coroutine objects: type, equality, use as keys
local co = coroutine.create(function() end)
print(type(co), co == co, tostring(co):match("^thread: ") ~= nil)
local w = coroutine.wrap(function() end)
print(type(w))
local t = {[co] = "thread key"}
print(t[co])
local running = coroutine.running()
print(running == coroutine.running())
local inside
local c2 = coroutine.create(function() inside = coroutine.running() end)
coroutine.resume(c2)
print(inside == c2)
