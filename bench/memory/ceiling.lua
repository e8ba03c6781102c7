-- ceiling: hold a lot of live Lua data (by default about 4 GB in tide's
-- count) and keep working with it: tables of strings, built, then read
-- back twice for a checksum. Heavy: run it only on purpose (memdrive's
-- run.sh runs it when TIDE_HEAVY=1).
--
-- usage: ceiling.lua [TABLES] [STRINGS_PER_TABLE]   (defaults 5000 10000)
local T = tonumber(arg and arg[1]) or 5000
local S = tonumber(arg and arg[2]) or 10000

local function report(phase)
  io.write(string.format("phase %s count_kb %.0f\n", phase, collectgarbage("count")))
  io.stdout:flush()
end

local data = {}
for t = 1, T do
  local row = {}
  for s = 1, S do
    row[s] = string.format("%09d:%09d:payload-payload-payload-payload", t, s) -- 58 bytes
  end
  data[t] = row
  if t % 500 == 0 then report("built" .. t) end
end
report("built")

local function checksum()
  local sum = 0
  for t = 1, T, 7 do
    local row = data[t]
    for s = 1, S, 13 do
      sum = (sum + #row[s] + row[s]:byte(s % 9 + 1)) % 1000000007
    end
  end
  return sum
end
local a = checksum()
report("read1")
-- keep working: replace a tenth of the rows and read again
for t = 1, T, 10 do
  local row = {}
  for s = 1, S do row[s] = string.format("%09d:%09d:payload-payload-payload-payload", t, s) end
  data[t] = row
end
local b = checksum()
report("read2")
print(string.format("checksum %d %d %s", a, b, tostring(a == b)))
