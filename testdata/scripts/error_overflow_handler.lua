-- an xpcall message handler may call Go and Lua functions and create to-be-closed variables after a stack overflow
local function func2close(f) return setmetatable({}, {__close = f}) end
local function overflow (n) overflow(n + 1) end
local function errorh (m)
  print("handler", string.find(m, "stack overflow") ~= nil)
  local x <close> = func2close(function (o) o[1] = 10 end)
  return x
end
local flag, st, obj
local co = coroutine.wrap(function ()
  local y <close> = func2close(function (obj, msg)
    print("y closed", msg)
    obj[1] = 100
    flag = obj
  end)
  st, obj = xpcall(overflow, errorh, 0)
  print("after xpcall", st, type(obj), obj and obj[1])
end)
co()
print(st, obj and obj[1], flag and flag[1])
print(xpcall(overflow, function(m) local ok, e = pcall(print, "x") return tostring(ok) .. " " .. tostring(e) end, 0))
print(xpcall(overflow, function(m) local ok, e = pcall(function() return 1 end) return tostring(ok) .. " " .. tostring(e) end, 0))
-- overflowing again inside the handler is "error in error handling", which a pcall there catches
local function loop(x) return 1 + loop(x) end
print(select(2, xpcall(loop, function(m)
  local ok, e = pcall(loop)
  return tostring(ok) .. " " .. tostring(e) .. " " .. tostring(string.find(m, "stack overflow") ~= nil)
end)))
