-- the fourth value of a generic for is a to-be-closed value
local function iter(n, label)
  local closing = setmetatable({}, {__close = function(_, e) print("closing", label, e) end})
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end, nil, nil, closing
end
for i in iter(2, "normal") do print("got", i) end
for i in iter(5, "break") do
  if i == 2 then break end
  print("got", i)
end
local function f()
  for i in iter(5, "return") do
    if i == 3 then return "returned " .. i end
  end
end
print(f())
print(pcall(function()
  for i in iter(5, "error") do
    if i == 2 then error("loop error", 0) end
  end
end))
