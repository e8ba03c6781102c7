-- Table construction, integer and string keys.
local t = {}
for i = 1, 10000 do t[i] = i end
local r = {}
for i = 1, 1000 do r["k" .. (i % 100)] = t[i] end
return #t
