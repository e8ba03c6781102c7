-- Method calls through __index.
local C = {}
C.__index = C
function C:inc(n) self.v = self.v + n end
local o = setmetatable({v = 0}, C)
for i = 1, 20000 do o:inc(1) end
return o.v
