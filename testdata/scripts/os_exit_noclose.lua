-- os.exit without close ends at once: no __close, no finalizers
setmetatable({}, {__gc = function() print("finalizer") end})
local a <close> = setmetatable({}, {__close = function() print("close a") end})
print("exiting")
os.exit(0)
