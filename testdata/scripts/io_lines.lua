-- io.lines and file:lines: formats, closing the file at the end (io.lines
-- only), the to-be-closed fourth value, errors raised by the iterator.
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("one\ntwo\n\nfour 4 4.5\nlast")
f:close()

for l in io.lines(name) do io.write("[", l, "]") end print()
for l in io.lines(name, "L") do io.write("[", l, "]") end print()
for a, b in io.lines(name, 2, 1) do io.write("[", a, "|", b, "]") end print()
for a in io.lines(name, "a") do io.write("[", a, "]") break end print()
for l, n in io.lines(name, "l", "n") do print(l, n) end

local it, s, c, tbc = io.lines(name)
print(type(it), s, c, io.type(tbc))
print(it(), it(), it(), it(), it())
print(select("#", it()), io.type(tbc))
print(pcall(it))

it, s, c, tbc = io.lines(name)
for l in it, s, c, tbc do break end
print(io.type(tbc))
print(pcall(it))

local ok, err = pcall(function()
  for l in io.lines(name) do error("stop") end
end)
print(ok, err)

f = assert(io.open(name))
local n = 0
for l in f:lines() do n = n + 1 end
print(n, io.type(f), f:read("a"), f:seek())
f:seek("set")
for a, b, c in f:lines(1, 1, 1) do io.write(a, b, c, ";") break end print()
print(select("#", f:lines()))
local it2 = f:lines("n")
print(it2(), it2())
f:close()
print(pcall(it2))

print(pcall(function() for l in io.lines(name, "x") do end end))
print(pcall(function() for l in io.lines(name, {}) do end end))
print(pcall(function() for l in io.lines(name, 1.5) do end end))
print(pcall(io.lines, "no-such-file"))
print(pcall(io.lines, {}))
print(pcall(function() for l in io.lines(".") do end end))
local dir = io.open(".")
print(pcall(function() for l in dir:lines() do end end))
dir:close()

local many = {}
for i = 1, 250 do many[i] = "l" end
print(select("#", io.lines(name, table.unpack(many))))
many[251] = "l"
print(pcall(io.lines, name, table.unpack(many)))
f = assert(io.open(name))
print(pcall(f.lines, f, table.unpack(many)))
print(pcall(function() return f:lines(table.unpack(many)) end))
f:close()
print(pcall(f.lines, f))
print(pcall(f.lines))

f = assert(io.open(name, "w"))
f:write("x\n")
f:close()
local function gen()
  return io.lines(name)
end
for l in gen() do print(l) end
for l in io.lines(name, "L") do io.write(l) end
os.remove(name)
