-- expect: memory
local s = ("x"):rep(1e12)
