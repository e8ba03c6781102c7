-- an error object with __tostring is printed through it
local E = setmetatable({}, {__tostring = function() return "custom error object" end})
print("about to fail")
error(E)
