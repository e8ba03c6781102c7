-- __close handlers may yield while an error unwinds to pcall (and xpcall); an error in a handler replaces the error for the rest
local function func2close(f) return setmetatable({}, {__close = f}) end
local log = {}
local function L(s) log[#log + 1] = s end
local co = coroutine.wrap(function()
  local function foo(err)
    local a <close> = func2close(function(_, msg) L("a:" .. tostring(msg)) coroutine.yield("in a") end)
    local b <close> = func2close(function(_, msg) L("b:" .. tostring(msg)) coroutine.yield("in b") if err == 2 then error("from b", 0) end end)
    local c <close> = func2close(function(_, msg) L("c:" .. tostring(msg)) coroutine.yield("in c") end)
    if err then error("E" .. err, 0) end
    return "normal"
  end
  coroutine.yield(pcall(foo, nil))
  coroutine.yield(pcall(foo, 1))
  coroutine.yield(pcall(foo, 2))
  coroutine.yield(xpcall(foo, function(m) return "handled " .. m end, 3))
  -- nested pcall: the inner one recovers first
  coroutine.yield(pcall(function()
    local x <close> = func2close(function(_, m) L("x:" .. tostring(m)) coroutine.yield("in x") end)
    local ok, e = pcall(foo, 4)
    L("inner " .. tostring(ok) .. " " .. tostring(e))
    error("outer", 0)
  end))
  return "end"
end)
while true do
  local r = table.pack(co())
  print(table.unpack(r, 1, r.n))
  if r[1] == "end" then break end
end
print(table.concat(log, " "))
