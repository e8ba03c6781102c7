-- expect: memory
local s = ("x"):rep(100 * 1024 * 1024)
