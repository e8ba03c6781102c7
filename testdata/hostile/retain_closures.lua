-- expect: memory
local keep = {}
for i = 1, 1e9 do
  local a, b = i, -i
  keep[i] = {function() return a end, function() return b end, function() return a + b end,
    function() return a - b end, function() return a * b end, function() a = a + 1 end}
end
