-- expect: instruction
local x = 1 repeat x = -x until x == 0
