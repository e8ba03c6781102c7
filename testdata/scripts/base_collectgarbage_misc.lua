-- collectgarbage("count") is a number in KiB; results after collection stay plausible
local before = collectgarbage("count")
local t = {}
for i = 1, 10000 do t[i] = {i} end
local during = collectgarbage("count")
t = nil
collectgarbage()
print(type(before), during > before)
print(math.type(collectgarbage("count")))
