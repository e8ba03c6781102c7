-- expect: memory
local keep = {} for i = 1, 1e9 do keep[i] = {i, i, i, i, i, i, i, i, i, i} end
