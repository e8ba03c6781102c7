-- yield across pcall and xpcall inside a coroutine
local co = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("from inside pcall")
    if x == "fail" then error("failed after yield", 0) end
    return x
  end)
  print("pcall result", ok, v)
  local ok2, v2 = xpcall(function()
    coroutine.yield("from inside xpcall")
    error("xpcall error", 0)
  end, function(m) return "handled: " .. m end)
  print("xpcall result", ok2, v2)
  return "end"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "fail"))
print(coroutine.resume(co))
print(coroutine.status(co))
