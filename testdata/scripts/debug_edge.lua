-- edge cases of the debug library: levels and indices out of range, dead
-- and fresh coroutines, bad arguments
print(debug.traceback("x", -1))
print(debug.traceback("y", 100))
print(debug.traceback("z", 0):gsub("\n.*", ""))
print(debug.getinfo(-1), debug.getinfo(1000))
print(pcall(debug.getlocal, -1, 1))
print(debug.getlocal(1, 1000000), debug.getlocal(1, -1000000), debug.getlocal(1, 0))
print(debug.setlocal(1, 1000, 1))
print(pcall(debug.setlocal, 0, 1, 1))
print(debug.getupvalue(print, 0), debug.getupvalue(function() end, 1))
print(pcall(debug.upvalueid, print, 1))
print(pcall(debug.upvalueid, function() end, 0))
print(pcall(debug.upvalueid))
print(pcall(debug.sethook, function() end, "l", -5))
local hf, hm, hc = debug.gethook()
print(type(hf), hm, hc)
debug.sethook()

local fresh = coroutine.create(function(a) return a end)
print(debug.getinfo(fresh, 0), debug.traceback(fresh))
print(pcall(debug.getlocal, fresh, 0, 1))
local dead = coroutine.create(function() local x = 1 error("boom") end)
print(coroutine.resume(dead))
print(debug.traceback(dead))
print(debug.getinfo(dead, 0, "S").what, debug.getinfo(dead, 1, "l").currentline)
print(debug.getlocal(dead, 1, 1))
local done = coroutine.create(function() return 1 end)
coroutine.resume(done)
print(debug.getinfo(done, 0), debug.traceback(done, "m"))

-- an error in a return hook
local ok, err = pcall(function()
  debug.sethook(function(e) if e == "return" then debug.sethook() error("in return hook") end end, "r")
  local function f() return 1 end
  f()
end)
print(ok, err)

-- getinfo of the hook function itself
local what
debug.sethook(function()
  local i = debug.getinfo(1, "nS")
  what = i.namewhat .. " " .. tostring(i.name) .. " " .. i.what
end, "c")
local _ = math.abs(1)
debug.sethook()
print(what)

-- a Go function as hook
local out = {}
debug.sethook(print, "")
print(debug.gethook() == print)
debug.sethook()

-- getinfo with a thread and a function
print(debug.getinfo(coroutine.running(), print).what)
print(pcall(debug.getinfo, coroutine.running()))
print(pcall(debug.getinfo, 1, 2))

-- a new coroutine inherits the mask and count, not the function
local n = 0
debug.sethook(function(e) n = n + 1 end, "l", 5)
local inh = coroutine.create(function() local a = 1 end)
debug.sethook()
print(debug.gethook(inh))
coroutine.resume(inh)
print(n)
