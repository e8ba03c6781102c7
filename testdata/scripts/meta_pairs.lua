-- __pairs overrides pairs; next ignores it
local t = setmetatable({real = 1}, {__pairs = function(tbl)
  local keys = {"a", "b", "c"}
  local i = 0
  return function()
    i = i + 1
    if keys[i] then return keys[i], i * 10 end
  end, tbl, nil
end})
for k, v in pairs(t) do print(k, v) end
print(next(t))
local extra = setmetatable({}, {__pairs = function() return next, {x = 1}, nil, "ignored" end})
for k, v in pairs(extra) do print(k, v) end
print(select('#', pairs(extra)))
-- __index does not affect pairs
local idx = setmetatable({}, {__index = {hidden = true}})
print(next(idx))
