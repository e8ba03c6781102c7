-- error objects with __tostring, and errors raised inside __tostring / __index
local E = setmetatable({msg = "custom error"}, {__tostring = function(e) return "E<" .. e.msg .. ">" end})
local ok, e = pcall(error, E)
print(ok, tostring(e), e == E)
print(pcall(tostring, setmetatable({}, {__tostring = function() error("tostring boom", 0) end})))
print(pcall(function() return setmetatable({}, {__index = function() error("index boom") end}).x end))
print(pcall(function() return setmetatable({}, {__add = function() error("add boom", 2) end}) + 1 end))
print(pcall(string.format, "%s", setmetatable({}, {__tostring = function() return {} end})))
