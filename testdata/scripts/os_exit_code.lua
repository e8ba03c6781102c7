-- os.exit with a status: pcall cannot catch it and it ends the script;
-- pending to-be-closed variables do not run without the close argument
local x <close> = setmetatable({}, {__close = function() print("closed x") end})
print("before")
print(pcall(os.exit, 3))
print("not reached")
