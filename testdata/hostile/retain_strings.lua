-- expect: memory
local s = ("x"):rep(4000) local keep = {} for i = 1, 1e9 do keep[i] = s .. i end
