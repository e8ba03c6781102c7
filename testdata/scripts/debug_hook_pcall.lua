-- call/return/line hooks around pcall, xpcall, metamethods, iterators, coroutine.wrap and Go functions
local log = {}
local function h(e, l)
  local i = debug.getinfo(2, "nS")
  log[#log+1] = e .. ":" .. tostring(l) .. ":" .. tostring(i.name) .. ":" .. i.what
end
local function flush(title) print(title, table.concat(log, " ")) log = {} end

local function ok() return 1 end
local function bad() error("x") end
debug.sethook(h, "crl")
pcall(ok)
local a = 1
debug.sethook()
flush("pcall ok")

debug.sethook(h, "crl")
pcall(bad)
local b = 1
debug.sethook()
flush("pcall bad")

debug.sethook(h, "cr")
local t = setmetatable({}, {__index = function(t, k) return k end, __add = function() return 0 end})
local _ = t.x
_ = t + 1
debug.sethook()
flush("meta")

debug.sethook(h, "cr")
for k, v in ipairs({1}) do end
debug.sethook()
flush("ipairs")

debug.sethook(h, "crl")
local co = coroutine.wrap(function(x) coroutine.yield(x) return 2 end)
co(1)
co()
debug.sethook()
flush("wrap")

debug.sethook(h, "l")
local s = 0
for i = 1, 2 do
  s = s + i
end
while s > 0 do s = s - 2 end
repeat s = s + 1 until s > 1
if s > 0 then
  s = 0
elseif s < 0 then
  s = 1
end
debug.sethook()
flush("control")

debug.sethook(h, "cr")
local x = select(2, "a", "b")
local y = string.format("%d", 3)
local z = tostring(nil)
debug.sethook()
flush("go")

debug.sethook(h, "c")
local function va(...) return ... end
va(1, 2)
load("return 1")()
debug.sethook()
flush("vararg")

debug.sethook(h, "crl")
xpcall(bad, function(m) return m end)
debug.sethook()
flush("xpcall")
