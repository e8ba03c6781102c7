-- function definitions: methods, nested names, self
local obj = {name = "obj", inner = {}}
function obj.plain(x) return "plain " .. tostring(x) end
function obj:method(x) return self.name .. " " .. tostring(x) end
function obj.inner.deep() return "deep" end
print(obj.plain(1), obj:method(2), obj.method(obj, 3), obj.inner.deep())
local o2 = {name = "o2", method = obj.method}
print(o2:method("m"))
function globalfn(a, b) return a + b end
print(globalfn(2, 3), type(_G.globalfn))
local function defaults(a, b)
  b = b or "default"
  return a, b
end
print(defaults(1), defaults(1, false), defaults(1, 2))
-- extra arguments are dropped, missing ones are nil
local function two(a, b) return a, b end
print(two(1, 2, 3), two(1))
print(select('#', two()))
