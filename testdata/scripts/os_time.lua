-- os.time: field checks and messages, normalisation of out-of-range
-- fields (mktime), the table written back; only differences between
-- times in January and local dates are printed, so the output does not
-- depend on TZ (isdst is left out)
local function show(t)
  return string.format("%d-%d-%d %d:%d:%d yday=%s wday=%s",
    t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday)
end
local base = os.time{year = 2021, month = 1, day = 15, hour = 12}
print(math.type(base))
local cases = {
  {year = 2021, month = 1, day = 15},                      -- hour defaults to 12
  {year = 2021, month = 1, day = 16, hour = 0},
  {year = 2021, month = 1, day = 15, hour = 12, min = 90, sec = -30},
  {year = 2021, month = 1, day = 0, hour = 12},            -- the last day of December
  {year = 2021, month = 1, day = 31 + 5, hour = 12},
  {year = 2021, month = 1, day = 15, hour = 12 + 48},
  {year = 2021, month = 1, day = 15, hour = -12},
  {year = 2021, month = 1, day = 15, hour = 12, sec = 86400 * 3},
  {year = "2021", month = 1.0, day = "15", hour = 12},
  {year = 2021, month = 1, day = 15, hour = 12, min = -1},
  {year = 2020, month = 13, day = 15, hour = 12},
  {year = 2022, month = -11, day = 15, hour = 12},
  {year = 2022, month = 0, day = 15, hour = 12},
}
for _, t in ipairs(cases) do
  local v = os.time(t)
  print(os.date("%Y-%m-%d %H:%M:%S", v), show(t))
end
-- leap years
for _, y in ipairs{1900, 2000, 2004, 2100} do
  local t = {year = y, month = 2, day = 29, hour = 12}
  os.time(t)
  print(y, t.month, t.day, t.yday)
end
print(os.difftime(os.time{year = 2021, month = 1, day = 20}, base))
print(os.difftime(10, 4), math.type(os.difftime(1, 1)))

-- metamethods: fields are read with __index and written with __newindex
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k; return ({year = 2021, month = 1, day = 15})[k] end,
  __newindex = function(_, k, v)
    log[#log + 1] = "set " .. k .. (k == "isdst" and "" or "=" .. tostring(v))
  end,
})
print(os.time(proxy) - base)
print(table.concat(log, ", "))

-- the difference between two times of the same day
print(os.time{year = 2021, month = 1, day = 15, hour = 13, min = 2, sec = 3} - base)

-- errors
local function try(...) print(pcall(...)) end
try(os.time, {})
try(os.time, {year = 2021})
try(os.time, {year = 2021, month = 1})
try(os.time, {year = 2021, month = 1, day = 1.5})
try(os.time, {year = 2021, month = 1, day = "x"})
try(os.time, {year = 2021, month = {}, day = 1})
try(os.time, {year = 2021, month = 1, day = 1, hour = 1.25})
try(os.time, {year = 2021, month = 1, day = 1, min = false})
try(os.time, {year = (1 << 31) + 1900, month = 1, day = 1})
try(os.time, {year = -(1 << 31) + 1899, month = 1, day = 1})
try(os.time, {year = 2021, month = (1 << 31) + 1, day = 1})
try(os.time, {year = 2021, month = 1, day = -(1 << 31) - 1})
try(os.time, {year = 2021, month = 1, day = 1, sec = 1 << 31})
try(os.time, 1)
try(os.time, "x")
try(function() local t = os.time{year = 2021, month = 1} end)
try(os.difftime)
try(os.difftime, 1)
try(os.difftime, 1.5, 1)
try(os.difftime, "a", 1)
