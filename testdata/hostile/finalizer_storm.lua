-- expect: instruction
while true do setmetatable({}, {__gc = function() local t = {} for i = 1, 100 do t[i] = i end end}) end
