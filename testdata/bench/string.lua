-- String building and library calls.
local parts = {}
for i = 1, 1000 do parts[#parts + 1] = string.format("%d:%s", i, ("x"):rep(i % 5)) end
return #table.concat(parts, ",")
