-- line, call and return hooks on small functions
local trace = {}
local function hook(ev, line)
  local info = debug.getinfo(2, "nS")
  trace[#trace + 1] = ev .. " " .. tostring(line) .. " " .. tostring(info.name) .. " " .. info.what
end

local function add(a, b)
  local c = a + b
  return c
end

local function loop(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  return s
end

debug.sethook(hook, "l")
local x = add(1, 2)
local y = loop(3)
debug.sethook()
for _, t in ipairs(trace) do print(t) end
print(x, y)

trace = {}
debug.sethook(hook, "cr")
add(3, 4)
math.abs(-1)
debug.sethook()
for _, t in ipairs(trace) do print(t) end

-- while loop and backward jump to the same line
trace = {}
local function w() local i = 0 while i < 3 do i = i + 1 end return i end
debug.sethook(hook, "l")
w()
debug.sethook()
for _, t in ipairs(trace) do print(t) end

-- tail calls
trace = {}
local function leaf() return 1 end
local function tail() return leaf() end
debug.sethook(hook, "cr")
tail()
debug.sethook()
for _, t in ipairs(trace) do print(t) end

-- vararg function
trace = {}
local function va(...)
  local n = select("#", ...)
  return n
end
debug.sethook(hook, "crl")
va(1, 2, 3)
debug.sethook()
for _, t in ipairs(trace) do print(t) end

-- gethook
print(debug.gethook())
local h = function() end
debug.sethook(h, "cl", 5)
local f, m, c = debug.gethook()
debug.sethook()
print(f == h, m, c)
