-- expect: memory
local src = "return 1" while true do src = "return load(" .. string.format("%q", src) .. ")()" local f = load(src) if not f then break end f() end
