-- The tide module (tide only; under lua5.4 require fails and the script
-- checks nothing): memreport counts kept tables and names the line that
-- made the largest, coroutines lists a leaked coroutine with its
-- creation and suspension lines and leaves out dropped ones.
local ok, tide = pcall(require, "tide")
local function check(cond, what)
  if not cond then print("FAILED: " .. what) end
end
keep = {}
for i = 1, 2000 do keep[i] = {i, i, i} end
leaked = {}
local function worker()
  coroutine.yield()
end
leaked[1] = coroutine.create(worker)
coroutine.resume(leaked[1])
do
  local dropped = coroutine.create(worker)
  coroutine.resume(dropped)
end
if ok then
  local r = tide.memreport(5)
  check(r.objects.tables.count >= 2000, "table count")
  check(r.objects.coroutines.count >= 2, "coroutine count")
  check(#r.largest == 5, "five largest")
  check(r.largest[1].array >= 2000, "largest is keep")
  check(tostring(r):find("memory report", 1, true) == 1, "text")
  collectgarbage()
  local list = tide.coroutines()
  check(#list == 1, "one coroutine listed, got " .. #list)
  check(list[1].status == "suspended", "status")
  check(list[1].created == "diag_tide_module.lua:15", "created " .. list[1].created)
  check(list[1].where == "diag_tide_module.lua:13", "where " .. list[1].where)
  check(list[1].thread == leaked[1], "thread")
end
print("done")
