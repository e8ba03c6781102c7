-- weak tables lose entries at a full collection (may be hard for a Go
-- implementation; kept apart from the deterministic meta_mode.lua)
-- an entry whose key is only reachable from the weak table is removed by a full collection
local ephemeral = setmetatable({}, {__mode = "k"})
ephemeral[{}] = true
collectgarbage()
collectgarbage()
print(next(ephemeral))
local weakvals = setmetatable({}, {__mode = "v"})
weakvals[1] = {}
collectgarbage()
collectgarbage()
print(weakvals[1])
