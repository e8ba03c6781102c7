-- coroutine.close: an error raised by a __close handler is passed to the remaining handlers and returned by close
local function func2close(f) return setmetatable({}, {__close = f}) end
local log = {}
local co = coroutine.create(function()
  local a <close> = func2close(function(_, err) log[#log + 1] = "a:" .. tostring(err) end)
  local b <close> = func2close(function(_, err) log[#log + 1] = "b:" .. tostring(err); error(200) end)
  local c <close> = func2close(function(_, err) log[#log + 1] = "c:" .. tostring(err); error(111) end)
  coroutine.yield()
end)
print(coroutine.resume(co))
print(coroutine.close(co))
print(coroutine.status(co), table.concat(log, " "))
-- a dead-by-error coroutine: close returns its error
local co2 = coroutine.create(function() local x <close> = func2close(function(_, e) log[#log + 1] = "x:" .. tostring(e) end) error("boom", 0) end)
print(coroutine.resume(co2))
print(coroutine.close(co2))
print(log[#log])
