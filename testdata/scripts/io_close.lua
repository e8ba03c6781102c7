-- Files are closed (and flushed) by <close> variables and by the
-- collector; io.tmpfile; setvbuf and flush.
local name = os.tmpname()
do
  local f <close> = assert(io.open(name, "w"))
  f:write("written through a <close> variable\n")
end
print(io.open(name):read("a"))

local saved
do
  local f <close> = assert(io.open(name, "w"))
  saved = f
  f:write("abc")
end
print(io.type(saved), tostring(saved))

do
  local f = assert(io.open(name, "w"))
  f:write("flushed by the collector")
end
collectgarbage()
collectgarbage()
print(io.open(name):read("a"))

local ok, err = pcall(function()
  local f <close> = assert(io.open(name, "w"))
  saved = f
  f:write("before error")
  error("boom")
end)
print(ok, err, io.type(saved), io.open(name):read("a"))

local t = io.tmpfile()
print(io.type(t), t:write("temp data ", 1, "\n") == t, t:seek())
print(t:seek("set"), t:read("a"))
print(t:close(), io.type(t))

local f = assert(io.open(name, "w"))
print(f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line"), f:setvbuf("full", 0))
print(pcall(f.setvbuf, f))
print(pcall(f.setvbuf, f, "none"))
print(pcall(f.setvbuf, f, "no", "big"))
f:write("abc")
print(f:flush(), io.open(name):read("a"))
f:setvbuf("line")
f:write("x\ny")
print(io.open(name):read("a"))
f:setvbuf("no")
f:write("z")
print(io.open(name):read("a"))
f:close()
print(io.stdout:setvbuf("full"), io.stdout:flush(), io.flush())
os.remove(name)
