-- pauses: a service-shaped workload. A persistent state of PERSIST
-- objects (a table each, with a string and a small array) is read and
-- updated by CYCLES cycles; each cycle also makes SHORT short-lived
-- tables (a request's garbage) and replaces 1% of the persistent objects.
-- Prints the per-cycle wall time: p50, p99, max and max/p50.
--
-- Time comes from the global benchclock() when the host provides it
-- (memdrive pauses does: wall time, or the CPU time of the thread running
-- Lua), else from os.clock (CPU time: for lua5.4, which runs on one
-- thread, the same as the thread's CPU time; for tide it would add the
-- collector's background workers).
--
-- usage: pauses.lua [PERSIST] [CYCLES] [SHORT] [trace]
--   (defaults 200000 200 100000; trace: one line per cycle, with the
--   number of Go collections that ended during it when the host provides
--   gocycles(), as memdrive pauses does)
local now = benchclock or os.clock
local PERSIST = tonumber(arg and arg[1]) or 200000
local CYCLES = tonumber(arg and arg[2]) or 200
local SHORT = tonumber(arg and arg[3]) or 100000
local TRACE = arg and arg[4] == "trace"
local gocycles = gocycles or function() return 0 end
local lastgc

local state = {}
for i = 1, PERSIST do
  state[i] = {id = i, name = "obj" .. i, vals = {i, 2 * i, 3 * i}}
end

local times = {}
local sink = 0
for c = 1, CYCLES do
  local t0 = now()
  local batch = {}
  for i = 1, SHORT do
    local s = state[(i * 7919 + c * 104729) % PERSIST + 1]
    local req = {id = i, cycle = c, key = s.name, n = s.vals[1]}
    s.vals[1] = s.vals[1] + 1
    batch[i % 512 + 1] = req -- short-lived: overwritten within the cycle
  end
  for i = 1, PERSIST // 100 do
    local k = (c * 7 + i * 97) % PERSIST + 1
    state[k] = {id = k, name = "obj" .. k, vals = {k, 2 * k, 3 * k}}
  end
  for i = 1, #batch do sink = sink + batch[i].n % 7 end
  times[c] = now() - t0
  if TRACE then
    local g = gocycles()
    print(string.format("cycle %d ms %.1f gc %d", c, times[c] * 1e3, g - (lastgc or g)))
    lastgc = g
  end
end

table.sort(times)
local function pct(p) return times[math.max(1, math.ceil(p * #times))] end
print(string.format("cycles %d p50_ms %.2f p99_ms %.2f max_ms %.2f max/p50 %.2f sink %d",
  #times, pct(0.5) * 1e3, pct(0.99) * 1e3, times[#times] * 1e3, times[#times] / pct(0.5), sink))
