-- collectgarbage("count") is a number in KiB; results after collection stay plausible
collectgarbage() -- start from a collected heap so that allocation shows in "count"
local before = collectgarbage("count")
local t = {}
for i = 1, 10000 do t[i] = {i} end
local during = collectgarbage("count")
t = nil
collectgarbage()
print(type(before), during > before)
print(math.type(collectgarbage("count")))
