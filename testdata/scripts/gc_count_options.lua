-- collectgarbage: the options' results as lua5.4 (5.4.4) gives them, and
-- "count" following the heap: growing with allocation, dropping after a
-- collection once the data is gone
print(collectgarbage("isrunning"), collectgarbage("stop"), collectgarbage("isrunning"))
print(collectgarbage("step", 100000), collectgarbage("isrunning"), collectgarbage("restart"), collectgarbage("isrunning"))
print(collectgarbage("incremental"), collectgarbage("step", 100000), collectgarbage("generational"))
print(collectgarbage("setpause", 120), collectgarbage("setpause", 30000), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", -4), collectgarbage("setstepmul"), collectgarbage("setstepmul", 100))
print(pcall(collectgarbage, "step", 0.5))

collectgarbage()
local before = collectgarbage("count")
local data = {}
for i = 1, 20000 do data[i] = {i, tostring(i)} end
local during = collectgarbage("count")
collectgarbage()
local live = collectgarbage("count")
data = nil
collectgarbage()
local after = collectgarbage("count")
print(during > before + 1000, live > before + 1000, after < live - 1000)

-- the pace: "count" grows while the collector is stopped, and comes back
-- down once it runs again
collectgarbage() collectgarbage()
local x = collectgarbage("count")
collectgarbage("stop")
repeat local a = {} until collectgarbage("count") > 3 * x
collectgarbage("restart")
repeat local a = {} until collectgarbage("count") <= 2 * x
print("paced")
