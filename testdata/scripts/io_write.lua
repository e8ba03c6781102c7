-- file:write and io.write: strings and numbers (integers in decimal,
-- floats with "%.14g", no ".0"), the file returned for chaining, errors.
local name = os.tmpname()
local f = assert(io.open(name, "w"))
print(f:write() == f, f:write("") == f)
print(f:write("a", 1, " ", 2.0, " ", -0.0, " ", 1e15, " ", 1e14, " ", 123456789012345.0, "\n") == f)
f:write(2^53, " ", 2^63, " ", math.mininteger, " ", math.maxinteger, " ", 1/3, " ", -1/3, "\n")
f:write(math.huge, " ", -math.huge, " ", 3.14159265358979, " ", 1e-300, " ", 5e-324, " ", 0.1, "\n")
f:write(0x7fffffffffffffff + 1, " ", 255 // 1, " ", 7 / 2, " ", 3 | 0, " ", "12" + 0, " ", "1.5" * 2, "\n")
f:write("embedded\0zero", "\n"):write("chained", " "):write("twice\n")
print(pcall(f.write, f, "ok", {}))
print(pcall(f.write, f, nil))
print(pcall(f.write, f, true))
print(pcall(function() return f:write(print) end))
print(pcall(function() return f.write("x") end))
print(pcall(function() return f.write() end))
print(pcall(function() return f.write(io) end))
print(f:close())

f = assert(io.open(name, "rb"))
io.write(f:read("a"))
f:close()

print(io.write("via io.write ", 1, " ", 1.5, "\n") == io.stdout)
print(io.stdout:write("via io.stdout\n") == io.stdout)
io.write() io.write("") print(pcall(io.write, "a", {}))
print(pcall(io.write, nil))

f = assert(io.open(name, "r"))
print(f:write("x"))
print(f:write() == f)
print(pcall(f.write, f, "x", {}))
print(f:read("l"))
f:close()

print(pcall(io.write, setmetatable({}, {__tostring = function() return "t" end})))
print(pcall(io.write, setmetatable({}, {__name = "MyType"})))

f = assert(io.open(name, "a"))
print(f:write("appended\n") == f)
f:close()
for l in io.lines(name) do print(l) end

f = assert(io.open(name, "w"))
local big = ("0123456789"):rep(10000)
for i = 1, 10 do f:write(big, i, "\n") end
f:close()
f = assert(io.open(name))
local n = 0
for l in f:lines() do n = n + #l end
print(n, f:seek("end"))
f:close()
os.remove(name)
