-- load of binary chunks: mode checks, truncated and corrupted chunks,
-- and string.dump's argument errors (messages tide shares with lua5.4).

local function f(a) local b = a * 2; return function() return b end end
local d = string.dump(f)

print(load(d, "x", "t"))
print(load(d, "x", "bt") ~= nil, load(d, "x", "b") ~= nil)
print(load("return 1", "x", "b"))
print(load(function() return nil end, "x", "b"))

-- every prefix of a chunk is reported as truncated
local allTruncated = true
for i = 1, #d - 1 do
  local fn, msg = load(d:sub(1, i))
  if fn or not msg:find("truncated", 1, true) then allTruncated = false; print(i, msg) end
end
print("all truncated", allTruncated)
print(load(d:sub(1, 10)))
print(load(d:sub(1, 10), "=name"))
print(load(d:sub(1, 10), "@file.lua"))
print(load(d:sub(1, 10), "plain"))

-- not a binary chunk at all
print(load("\27Lux"))
print(load("\27Lua\83"))

-- a corrupted header never loads
local bad = 0
for i = 1, 12 do
  local s = d:sub(1, i - 1) .. string.char((d:byte(i) + 1) % 256) .. d:sub(i + 1)
  if not load(s) then bad = bad + 1 end
end
print("corrupted headers refused", bad)

-- a chunk read piece by piece by a reader function
local pos = 0
local g = load(function()
  if pos >= #d then return nil end
  local piece = d:sub(pos + 1, pos + 3)
  pos = pos + 3
  return piece
end, "pieces", "b")
print(g(21)())

-- string.dump's errors
print(pcall(string.dump))
print(pcall(string.dump, 1))
print(pcall(string.dump, {}))
print(pcall(string.dump, print))
print(pcall(string.dump, coroutine.wrap(function() end)))
print(pcall(function() return string.dump(string.dump) end))
print(select("#", string.dump(f, false, "ignored")))
