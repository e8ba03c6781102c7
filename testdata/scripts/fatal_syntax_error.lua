-- a script that does not compile: nothing runs
print("never printed")
local x = = 1 -- ERROR "unexpected symbol near '='"
