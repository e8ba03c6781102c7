-- expect: memory
-- the quota stop is not a Lua error: pcall cannot catch it and retry
local s, keep = ("y"):rep(4096), {}
while true do
  pcall(function() for i = #keep + 1, 1e9 do keep[i] = s .. i end end)
end
