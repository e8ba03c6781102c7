-- expect: memory
local s = ("x"):rep(1024 * 1024) s = s:gsub("x", ("y"):rep(1000))
