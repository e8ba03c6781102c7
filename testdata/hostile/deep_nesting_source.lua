-- expect: error: C stack overflow
local f, e = load(("("):rep(100000) .. "1" .. (")"):rep(100000)) error(e)
