-- expect: memory
local src = "return {" .. ("1,"):rep(5000000) .. "}" local f = assert(load(src)) f()
