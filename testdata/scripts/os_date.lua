-- os.date: every C99 conversion in UTC ("!"), "*t" tables, odd years,
-- format errors; fixed times only, so the output does not depend on TZ
local times = {0, 86399, 951782400, 1700000000, -1, -62135596800,
  253402300799, 1230768000, 1293753600, 1104537600, -2208988800, 4102444799}
local formats = {"%a %A %b %B %h", "%c", "%C %y %Y", "%d %e %j %m", "%D %F %x",
  "%H %I %M %S %p", "%r %R %T %X", "%u %w %U %W", "%g %G %V", "%z %Z", "[%n%t%%]",
  "%Ec|%EC|%Ex|%EX|%Ey|%EY", "%Od %Oe %OH %OI %Om %OM %OS %Ou %OU %OV %Ow %OW %Oy"}
for _, t in ipairs(times) do
  local parts = {}
  for _, f in ipairs(formats) do parts[#parts + 1] = os.date("!" .. f, t) end
  print(t, table.concat(parts, " | "))
end

-- utc returns the time of y-m-d hh:00 UTC (proleptic Gregorian), without
-- going through the local time zone
local function utc(y, m, d, h)
  if m <= 2 then y = y - 1 end
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return ((era * 146097 + doe - 719468) * 24 + (h or 0)) * 3600
end

-- week numbers around the turn of several years
for y = 2003, 2012 do
  for _, d in ipairs{{12, 28}, {12, 31}, {1, 1}, {1, 4}} do
    print(os.date("!%F %a %G-W%V-%u %U %W %j", utc(y, d[1], d[2], 12)))
  end
end

-- far years: no padding of %Y and %C, %y and %g modulo 100
for _, y in ipairs{-1000, -101, -100, -1, 0, 1, 5, 99, 100, 999, 9999, 10000, 123456} do
  print(y, os.date("!%Y|%C|%y|%G|%g|%V|%F|%c", utc(y, 1, 1)))
end

-- "*t" and "!*t"
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(out, " ")
end
print(show(os.date("!*t", 951782400)))
print(show(os.date("!*t", -62135596800)))
print(show(os.date("!*t\0ignored", 0)))
print(os.date("!%Y\0%m", 0) == "1970\0" .. "01", #os.date("!", 0), os.date("!abc", 0))
print(os.date("!%H", "3600"), os.date("!%H", 7200.0), os.date(12, 0))

-- errors
local function try(...)
  local ok, err = pcall(...)
  print(ok, err)
end
for _, f in ipairs{"%Ez", "%Ez and more", "%", "abc%", "%E", "%O", "%Oa", "%s", "%k", "%l", "%P", "%+", "%5Y", "%-d", "%#c"} do
  try(os.date, f, 0)
end
try(os.date, "!%Y", 1 << 60)
try(os.date, "%Y", math.maxinteger)
try(os.date, "!%Y", math.mininteger)
try(os.date, "!%Y", 1.5)
try(os.date, "!%Y", "x")
try(os.date, {})
try(function() return os.date("%Q") end)
