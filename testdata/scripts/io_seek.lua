-- file:seek and the interplay of reads, writes and seeks on files open
-- for update ("r+", "w+", "a+"), as C stdio keeps them consistent.
local name = os.tmpname()
local f = assert(io.open(name, "w+"))
print(f:seek(), f:seek("cur"), f:seek("end"), f:seek("set"))
f:write("0123456789")
print(f:seek(), f:seek("cur", -3), f:read(2), f:seek())
print(f:seek("set", 2), f:read(3), f:seek("cur", 1), f:read("a"), f:seek())
print(f:seek("end", -4), f:read(1), f:seek("end"), f:read(1), f:read(0))
print(f:seek("set", 20), f:read("a"), f:write("X") == f, f:seek("end"))
print(f:seek("set", -1))
print(f:seek("cur", -100))
print(f:seek("end", math.mininteger))
print(pcall(f.seek, f, "bad"))
print(pcall(f.seek, f, "set", 1.5))
print(pcall(f.seek, f, "set", "x"))
print(pcall(f.seek, f, {}))
print(pcall(f.seek, f, "set", 2^63))
print(f:seek("set", "3"), f:seek(nil, 1), f:seek("cur", nil))
f:close()

f = assert(io.open(name, "w"))
f:write("hello world\nsecond\n")
f:close()

f = assert(io.open(name, "r+"))
print(f:read(5))
f:write("_")                 -- lands after the 5 bytes read
print(f:seek())
print(f:read("l"))
f:seek("set", 0)
f:write("H")
print(f:read("l"))
f:seek("set")
print(f:read("a"))
f:write("third\n")
print(f:seek("set"), f:read("a"))
f:close()

f = assert(io.open(name, "a+"))
print(f:seek(), f:read(5))
f:write("appended")           -- always at the end
print(f:seek())
f:seek("set", 0)
print(f:read("a"))
f:close()

f = assert(io.open(name, "a"))   -- a write-only append stream starts at the end
print(f:seek(), f:seek("cur", -3), f:write("+") == f, f:seek())
f:close()

f = assert(io.open(name, "w+"))
for i = 1, 5 do f:write(i, "\n") end
f:seek("set")
for i = 1, 2 do print(f:read("n")) end
f:write("x")
f:seek("set")
print((f:read("a"):gsub("\n", ",")))
f:close()

f = assert(io.open(name, "r"))
print(f:seek("end"), f:seek("set", 1), f:read(1))
f:close()
os.remove(name)
