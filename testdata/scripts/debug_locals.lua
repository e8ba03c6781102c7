-- getlocal / setlocal / upvalues
local function dump(level)
  local i = 1
  local out = {}
  while true do
    local name, v = debug.getlocal(level + 1, i)
    if not name then break end
    if name:sub(1, 1) ~= "(" then out[#out + 1] = name .. "=" .. tostring(v) end
    i = i + 1
  end
  return table.concat(out, " ")
end

local function f(a, b, ...)
  local c = a + b
  do
    local inner = "x"
    print(dump(1))
  end
  print(dump(1))
  print(debug.getlocal(1, -1), debug.getlocal(1, -2), debug.getlocal(1, -3))
  print(debug.setlocal(1, 3, 100), c)
  print(debug.setlocal(1, 50, 1))
  print(debug.setlocal(1, -1, "va"), ...)
  return c
end
f(1, 2, "e1", "e2")

print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
print(debug.getlocal(print, 1))
print(pcall(debug.getlocal, 50, 1))
print(pcall(debug.setlocal, 50, 1, 1))
print(pcall(debug.getlocal, 1))
print(pcall(debug.setlocal, 1, 1))

-- for-loop state and temporaries
for i = 10, 10 do
  local name1 = debug.getlocal(1, 1)
  print(name1)
end

-- upvalues
local u1, u2 = 1, "two"
local function g() return u1, u2 end
print(debug.getupvalue(g, 1))
print(debug.getupvalue(g, 2))
print(debug.getupvalue(g, 3))
print(debug.getupvalue(g, 0))
print(debug.setupvalue(g, 1, 10), u1)
print(debug.setupvalue(g, 5, 10))
print(debug.getupvalue(print, 1))
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.setupvalue, g, 1))

local function h() return u1 end
print(debug.upvalueid(g, 1) == debug.upvalueid(h, 1))
print(debug.upvalueid(g, 1) == debug.upvalueid(g, 2))
print(type(debug.upvalueid(g, 1)))
print(debug.upvalueid(g, 9))
print(pcall(debug.upvaluejoin, g, 9, h, 1))
print(pcall(debug.upvaluejoin, g, 1, h, 9))
print(pcall(debug.upvaluejoin, print, 1, h, 1))
debug.upvaluejoin(h, 1, g, 2)
print(h(), debug.upvalueid(h, 1) == debug.upvalueid(g, 2))

-- main-chunk _ENV upvalue
local en, ev = debug.getupvalue(load("return x"), 1)
print(en, ev == _ENV)
