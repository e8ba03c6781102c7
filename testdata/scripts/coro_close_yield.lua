-- __close handlers that yield, on block exit, break, return (fixed and
-- variable numbers of results), in generic for loops, and with errors.
local function closer(name, log)
  return setmetatable({}, {__close = function(_, err)
    log[#log + 1] = name .. (err and (":" .. tostring(err)) or "")
    coroutine.yield("yield in " .. name)
    log[#log + 1] = name .. " resumed"
  end})
end

local function run(f, ...)
  local co = coroutine.create(f)
  local res = table.pack(coroutine.resume(co, ...))
  while true do
    print("  ->", table.unpack(res, 1, res.n))
    if coroutine.status(co) == "dead" then break end
    res = table.pack(coroutine.resume(co))
  end
end

local log = {}
print("block")
run(function()
  do
    local a <close> = closer("a", log)
    local b <close> = closer("b", log)
  end
  return "after block"
end)
print(table.concat(log, " ")); log = {}

print("return fixed")
run(function()
  local a <close> = closer("a", log)
  local b <close> = closer("b", log)
  return 1, 2, 3
end)
print(table.concat(log, " ")); log = {}

print("return multi")
local function many() return "x", "y", "z", "w" end
run(function()
  local a <close> = closer("a", log)
  local b <close> = closer("b", log)
  return many()
end)
print(table.concat(log, " ")); log = {}

print("return a closed local")
run(function()
  local v = 10
  local a <close> = closer("a", log)
  return v, a ~= nil
end)
print(table.concat(log, " ")); log = {}

print("break")
run(function()
  for i = 1, 3 do
    local a <close> = closer("a" .. i, log)
    if i == 2 then break end
  end
  return "after loop"
end)
print(table.concat(log, " ")); log = {}

print("generic for closing value")
run(function()
  local function iter(s, i) if i < 3 then return i + 1 end end
  for i in iter, nil, 0, closer("for", log) do
    if i == 2 then break end
  end
  return "done"
end)
print(table.concat(log, " ")); log = {}

print("error in body")
run(function()
  local a <close> = closer("a", log)
  error("boom", 0)
end)
print(table.concat(log, " ")); log = {}

print("error in a handler on normal exit")
run(function()
  local a <close> = closer("a", log)
  local b <close> = setmetatable({}, {__close = function() error("in b", 0) end})
  return "unreached?"
end)
print(table.concat(log, " ")); log = {}

print("pcall around")
run(function()
  local ok, r = pcall(function()
    local a <close> = closer("a", log)
    return "inner"
  end)
  return ok, r
end)
print(table.concat(log, " ")); log = {}

print("nested functions")
run(function()
  local function inner()
    local x <close> = closer("x", log)
    return "inner result"
  end
  local a <close> = closer("a", log)
  local r = inner()
  return r
end)
print(table.concat(log, " ")); log = {}
