-- _G, _VERSION, and global environment basics
print(_VERSION)
print(_G._G == _G, _G.print == print, type(_G))
x_global = 5
print(_G.x_global, rawget(_G, "x_global"))
_G.y_global = 6
print(y_global)
local names = {}
for _, n in ipairs({"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load",
  "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset",
  "select", "setmetatable", "tonumber", "tostring", "type", "xpcall", "string", "table", "math",
  "coroutine"}) do
  names[#names + 1] = n .. "=" .. type(_G[n])
end
print(table.concat(names, " "))
print(_ENV == _G)
