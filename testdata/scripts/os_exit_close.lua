-- os.exit(code, true) closes the state: pending to-be-closed variables of
-- the main thread run (with a nil error), then finalizers
setmetatable({}, {__gc = function() print("finalizer") end})
local a <close> = setmetatable({}, {__close = function(_, e) print("close a", e) end})
local function f()
  local b <close> = setmetatable({}, {__close = function(_, e) print("close b", e) end})
  os.exit(true, true)
end
print(pcall(f))
print("not reached")
