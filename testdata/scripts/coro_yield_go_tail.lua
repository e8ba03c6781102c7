-- yields inside dofile's chunk and inside a __pairs metamethod (the reference's lua_callk continuations); loadfile of a binary chunk after a '#' line
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("local x, z = coroutine.yield(10)\nlocal y = coroutine.yield(20)\nreturn x + y * z\n")
f:close()
local co = coroutine.wrap(dofile)
print(co(name))
print(co(100, 101))
print(co(200))
print(select("#", dofile(name == "" and "" or (function()
  local g = assert(io.open(name, "w")) g:write("return 1, 2, 3") g:close() return name end)())))

local t = setmetatable({10, 20, 30}, {__pairs = function(t)
  local inc = coroutine.yield("in __pairs")
  return function(t, i)
    if i > 1 then return i - inc, t[i - inc] end
  end, t, #t + 1
end})
local res = {}
local c2 = coroutine.wrap(function()
  for i, v in pairs(t) do res[#res + 1] = i .. "=" .. v end
  return "done"
end)
print(c2())
print(c2(1))
print(table.concat(res, " "))

local g = assert(io.open(name, "wb"))
g:write("#a comment line\n", string.dump(function() return 20, "\0\0" end))
g:close()
local a, b, c = assert(loadfile(name))()
print(a, #b, c)
os.remove(name)
