-- count hooks, hooks in coroutines, errors in hooks
local n = 0
debug.sethook(function(ev) n = n + 1 end, "", 1)
local a = 0
for i = 1, 10 do a = a + i end
debug.sethook()
print("count events", n > 20, a)

-- hooks are per thread
local events = {}
local co = coroutine.create(function(x)
  local y = x + 1
  coroutine.yield(y)
  return y * 2
end)
debug.sethook(co, function(ev, line) events[#events + 1] = ev .. ":" .. tostring(line) end, "crl")
print(coroutine.resume(co, 1))
print(coroutine.resume(co))
print(debug.gethook())
print(table.concat(events, " "))

-- an error in a hook propagates
local armed = true
local ok, err = pcall(function()
  debug.sethook(function(ev, line)
    if armed then armed = false; error("hook failed at " .. line) end
  end, "l")
  local z = 1
  z = z + 1
end)
debug.sethook()
print(ok, err)

-- hooks are off inside a hook
local depth = 0
local maxdepth = 0
debug.sethook(function()
  depth = depth + 1
  if depth > maxdepth then maxdepth = depth end
  local t = {}
  for i = 1, 3 do t[i] = i end
  depth = depth - 1
end, "crl")
local s = 0
for i = 1, 3 do s = s + i end
debug.sethook()
print("max depth", maxdepth, s)

-- count with a line hook
local lines = {}
debug.sethook(function(ev, l) lines[#lines + 1] = ev end, "l", 3)
local q = 1
q = q + 1
q = q + 2
debug.sethook()
print(#lines > 0, q)

-- getlocal inside a hook
local seen = {}
local function f(p1, p2)
  local inner = p1 * p2
  return inner
end
debug.sethook(function(ev, line)
  if ev == "return" and debug.getinfo(2, "n").name == "f" then
    local i = 1
    while true do
      local name, v = debug.getlocal(2, i)
      if not name or name:sub(1, 1) == "(" then break end
      seen[#seen + 1] = name .. "=" .. tostring(v)
      i = i + 1
    end
  end
end, "r")
f(6, 7)
debug.sethook()
print(table.concat(seen, " "))
