-- custom iterators: stateless, closures, multiple values
local function range(n)
  return function(limit, i)
    if i < limit then return i + 1, (i + 1) * (i + 1) end
  end, n, 0
end
for i, sq in range(4) do print(i, sq) end
local function chars(s)
  local i = 0
  return function()
    i = i + 1
    if i <= #s then return i, s:sub(i, i), s:byte(i) end
  end
end
for i, c, b in chars("hey") do print(i, c, b) end
-- the control variable is the first value; iteration stops on nil
local function stopper()
  local vals = {1, 2, false, 4}
  local i = 0
  return function() i = i + 1 return vals[i] end
end
for v in stopper() do print("value", v) end
-- iterator returning nothing ends the loop
for x in function() end do print("never") end
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 42 do end end))
print(pcall(function() local t = {} for x in t do end end))
