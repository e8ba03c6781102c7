-- expect: instruction
-- allocates far more than the memory quota, keeping almost nothing: only
-- the instruction quota stops it
local keep
for i = 1, 1e9 do keep = {("z"):rep(2000), i} end
