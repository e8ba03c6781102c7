-- debug.getinfo on levels and functions
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do
    local v = t[k]
    if type(v) == "table" then
      local ls = {}
      for l in pairs(v) do ls[#ls + 1] = l end
      table.sort(ls)
      v = "{" .. table.concat(ls, ",") .. "}"
    elseif type(v) == "function" then
      v = "<function>"
    end
    out[#out + 1] = k .. "=" .. tostring(v)
  end
  print(table.concat(out, " "))
end

local function f(a, b, ...)
  local x = 1
  show(debug.getinfo(1))
  show(debug.getinfo(1, "Slu"))
  show(debug.getinfo(2, "nSl"))
  return x
end
f(1, 2)

local t = {}
function t.method(self) show(debug.getinfo(1, "n")) end
t:method()
t.method(t)
local up = t
local function g() up.method(up) end
g()

show(debug.getinfo(print))
show(debug.getinfo(f, "SLu"))
show(debug.getinfo(1, "Sl"))
print(debug.getinfo(100))
print(debug.getinfo(f).func == f)

local function tc() return show(debug.getinfo(1, "nt")) end
tc()
local function caller() return tc() end
caller()

print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, f, "q"))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, 1.5))
print(select("#", debug.getinfo(1, "")))

-- getinfo on a coroutine
local co = coroutine.create(function(x)
  local y = x
  coroutine.yield()
end)
coroutine.resume(co, 5)
show(debug.getinfo(co, 0, "Sln"))
show(debug.getinfo(co, 1, "Sl"))
print(debug.getinfo(co, 2))
print(debug.getlocal(co, 1, 1))
print(debug.getlocal(co, 1, 2))
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "msg", 1))

-- metamethods and for iterators
local mt = {__index = function(t, k) show(debug.getinfo(1, "n")) return k end}
local obj = setmetatable({}, mt)
local _ = obj.field
for _ in function(s, c) show(debug.getinfo(1, "n")) return nil end do end
local m2 = setmetatable({}, {__add = function() show(debug.getinfo(1, "n")) return 0 end})
_ = m2 + 1

-- main chunk via load
local chunk = load("return debug.getinfo(1, 'S')", "=mychunk")
show(chunk())
chunk = load("local a = 1\nreturn debug.getinfo(1, 'SlL')")
show(chunk())
