-- __call with arguments, chained __call, callable methods
local callable = setmetatable({name = "c"}, {__call = function(self, a, b)
  local function s(v) return type(v) == "table" and "tbl" or v end
  return self.name, s(a), s(b)
end})
print(callable(1, 2))
print(callable())
print(pcall(callable, "p"))
local chained = setmetatable({}, {__call = callable})
print(pcall(chained, "x", "y"))
local obj = {m = callable}
print(obj:m("arg"))
print(obj.m("dot"))
local multi = setmetatable({}, {__call = function(_, ...) return select('#', ...), ... end})
print(multi(nil, nil, 3))
print(pcall(setmetatable({}, {__call = 42})))
print(pcall(setmetatable({}, {})))
local t = {}
print(pcall(function() t.missing() end))
print(pcall(function() t:missing() end))
