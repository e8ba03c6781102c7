-- getinfo "r" (ftransfer/ntransfer) in call and return hooks, with getlocal
local on = false
local function hook(event)
  if not on then return end
  local ar = debug.getinfo(2, "ruS")
  local t = {}
  for i = ar.ftransfer, ar.ftransfer + ar.ntransfer - 1 do
    local n, v = debug.getlocal(2, i)
    t[#t + 1] = tostring(n) .. "=" .. tostring(v)
  end
  print(event, ar.what, ar.ftransfer, ar.ntransfer, table.concat(t, " "))
end
debug.sethook(hook, "cr")
on = true; math.sin(3); on = false
on = true; select(2, 10, 20, 30, 40); on = false
local function foo(a, ...) return ... end
local function foo1() on = not on; return foo(20, 10, 0) end
foo1(); on = false
local function three(x, y, z) return x, y end
on = true; three(7, 8, 9); on = false
debug.sethook()
print(debug.getinfo(1, "r").ftransfer, debug.getinfo(1, "r").ntransfer)

-- line hook turned on and off from inside functions
local lines = {}
local function start() debug.sethook(function(e, l) lines[#lines + 1] = l end, "l") end
local function stop() debug.sethook() end
start()
local a = 1
a = a + 1
stop()
print(table.concat(lines, " "))

-- a hook that removes itself
local n = 0
debug.sethook(function(e, l)
  n = n + 1
  if n == 2 then debug.sethook() end
end, "l")
local b = 1
b = b + 1
b = b + 1
print(n, debug.gethook())

-- count hook inside a coroutine only
local cnt = 0
local co = coroutine.create(function()
  for i = 1, 10 do end
  coroutine.yield()
  for i = 1, 10 do end
end)
debug.sethook(co, function() cnt = cnt + 1 end, "", 5)
coroutine.resume(co)
local c1 = cnt
coroutine.resume(co)
print(c1 > 0, cnt > c1, debug.gethook())
