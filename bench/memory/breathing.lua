-- breathing: does the process give memory back once the Lua heap shrank?
--
-- Builds about 1 GB (lua5.4's count; tide's is a little larger) of small
-- tables and strings, allocated interleaved, then keeps every 50th table
-- and every 50th string alive (the fragmenting pattern: the survivors are
-- spread over every page the heap used), collects once and idles. The
-- script does nothing else for its memory: memdrive samples the process
-- RSS every 0.5 s while it runs.
--
-- usage: breathing.lua [PAIRS] [IDLE_SECONDS] [nocollect]
--   (defaults 4000000 12; nocollect: drop the data without calling
--   collectgarbage, leaving it all to the engine)
local N = tonumber(arg and arg[1]) or 4000000
local IDLE = tonumber(arg and arg[2]) or 12
local COLLECT = not (arg and arg[3] == "nocollect")

local function report(phase)
  io.write(string.format("phase %s count_kb %.0f\n", phase, collectgarbage("count")))
  io.stdout:flush()
end

report("start")
local objs = {}
for i = 1, N do
  objs[2 * i - 1] = {i, i + 1, name = "n"}
  objs[2 * i] = string.format("item %d of the heap", i) -- 19-26 bytes
end
report("built")

local kept = {}
for i = 50, N, 50 do
  kept[#kept + 1] = objs[2 * i - 1]
  kept[#kept + 1] = objs[2 * i]
end
objs = nil
if COLLECT then collectgarbage("collect") end
report("collected")

for k = 1, IDLE * 2 do
  os.execute("sleep 0.5")
  if k % 2 == 0 then report("idle" .. k // 2) end
end

local sum, len = 0, 0
for i = 1, #kept, 2 do
  sum = sum + kept[i][1] + kept[i][2]
  len = len + #kept[i + 1]
end
print(string.format("checksum %d %d %d", #kept, sum, len))
report("end")
