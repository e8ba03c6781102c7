-- io.open: every valid mode, invalid modes, failures (message and errno),
-- io.type, tostring of files, closing files and standard files.
local name = os.tmpname()

for _, mode in ipairs{"w", "r", "a", "r+", "w+", "a+", "wb", "rb", "ab", "r+b", "w+b", "a+b", "rbb", "w+bb"} do
  local f, err = io.open(name, mode)
  print(mode, io.type(f), err)
  print(f:close())
end

for _, mode in ipairs{"rb+", "x", "", "r+ ", "+r", "rw", "R", "b", "r++", "wx", "a b"} do
  print(string.format("%q", mode), pcall(io.open, name, mode))
end
print(pcall(io.open, name, 12))
print(pcall(io.open, name, {}))
print(pcall(io.open))
print(pcall(io.open, {}))
print(io.open(name, "r\0garbage") ~= nil)

print(io.open("no/such/dir/file.txt"))
print(io.open("no/such/dir/file.txt", "w"))
print(io.open(".", "w"))
local _, msg, code = io.open(name .. "/sub", "r")
print(msg:sub(#name + 1), code)
print(select("#", io.open("no-such-file.txt")))
local d = io.open(".")            -- a directory opens for reading...
print(io.type(d), d:read("l"))    -- ...but cannot be read
print(d:read("a"))
print(d:close())

local f = io.open(name, "w")
print(tostring(f):match("^file %(0x%x+%)$") ~= nil)
print(io.type(f), io.type(io.stdout), io.type(nil), io.type({}), io.type("file"))
print(pcall(io.type))
print(f:close())
print(tostring(f), io.type(f))
print(pcall(f.close, f))
print(pcall(f.write, f, "x"))
print(pcall(io.close, f))
print(pcall(function() return f:read() end))
print(pcall(function() return f:lines() end))
print(pcall(function() return f:seek() end))
print(pcall(function() return f:setvbuf("no") end))
print(pcall(function() return f:flush() end))

print(io.stdout:close())
print(io.close(io.stderr))
print(io.stdin:close())
print(io.close())
print(io.type(io.stdout), io.type(io.stdin))
print(pcall(io.close, 1))
print(pcall(io.close, nil))
print(pcall(function() return io.stdout.close() end))
print(pcall(function() return io.stdout.close({}) end))

local mt = getmetatable(io.stdout)
print(mt.__name, type(mt.__index), mt.__index == getmetatable(f).__index)
local keys = {}
for k in pairs(mt) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
keys = {}
for k in pairs(mt.__index) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
keys = {}
for k in pairs(io) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
print(mt.__tostring(f), pcall(mt.__tostring, {}))
print(mt.__gc(f), mt.__close(f))
print(os.remove(name))
