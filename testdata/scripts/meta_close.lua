-- __close metamethod looked up at declaration and at close time
local log = {}
local mt = {__close = function(o, e) log[#log + 1] = o.name .. ":" .. tostring(e) end}
do
  local a <close> = setmetatable({name = "a"}, mt)
  local b <close> = setmetatable({name = "b"}, mt)
end
print(table.concat(log, " "))
-- the value returned by __close is ignored
local function f()
  local x <close> = setmetatable({}, {__close = function() return "ignored" end})
  return "result"
end
print(f())
-- __close sees the variable's value, not a copy
local seen
do
  local obj = setmetatable({v = 1}, {__close = function(o) seen = o.v end})
  local c <close> = obj
  obj.v = 2
end
print(seen)
