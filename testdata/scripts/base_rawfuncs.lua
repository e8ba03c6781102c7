-- rawget, rawset, rawequal, rawlen bypass metamethods
local mt = {
  __index = function() return "meta" end,
  __newindex = function() error("no writes") end,
  __eq = function() return true end,
  __len = function() return 99 end,
}
local t = setmetatable({1, 2, 3}, mt)
print(t.x, rawget(t, "x"), rawget(t, 1))
print(rawset(t, "x", 5) == t, rawget(t, "x"), t.x)
print(rawequal(t, setmetatable({}, mt)), t == setmetatable({}, mt))
print(#t, rawlen(t), rawlen("abcd"))
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal(nil, nil), rawequal(nil, false))
print(pcall(rawset, t, nil, 1))
print(pcall(rawget, t))
print(pcall(rawequal, 1))
print(pcall(rawlen, {}, 1), pcall(rawlen))
print(rawget(t, 1.0), rawset(t, 2.0, "two")[2])
