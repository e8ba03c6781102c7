-- __gc finalizers (may be hard for a Go implementation): they run at a full
-- collection once the object is unreachable, and at exit for the rest
local order = {}
do
  setmetatable({}, {__gc = function() print("finalized during collect") end})
end
collectgarbage()
collectgarbage()
print("after collect")
local keep = setmetatable({}, {__gc = function() print("finalized at exit") end})
-- a metatable whose __gc is set after setmetatable is not marked for finalization
local mt = {}
local late = setmetatable({}, mt)
mt.__gc = function() print("never printed") end
late = nil
collectgarbage()
print("end of script")
