-- ipairs stops at the first nil, respects __index
for i, v in ipairs({"a", "b", nil, "d"}) do print(i, v) end
for i, v in ipairs({}) do print("never") end
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
for i, v in ipairs(proxy) do print("proxy", i, v) end
local iter, state, init = ipairs({})
print(type(iter), type(state), init)
print(iter({5, 6}, 0), iter({5, 6}, 1), iter({5, 6}, 2))
print(pcall(ipairs))
print(select("#", ipairs(nil)), select(3, ipairs(nil)))
for i, v in ipairs("ab") do print("never") end
