-- io.popen: reading a command's output, writing its input, exit status
-- and signals as file:close reports them, and the mode check.
local p = io.popen("echo hello; echo world")
print(io.type(p), p:read("l"), p:read("L"), p:read("l"))
print(p:close())

p = io.popen("printf '1 2\\n3'", "r")
print(p:read("n", "n", "n", "n"))
print(p:close())

for l in io.popen("printf 'a\\nb\\nc'"):lines() do io.write(l, ";") end print()

p = io.popen("exit 3")
print(p:read("a"))
print(p:close())
print(io.popen("kill -9 $$"):close())
print(io.popen("kill -15 $$"):close())
print(io.popen("true"):close())
print(io.popen("false"):close())
print(io.popen("exit 255"):close())

local name = os.tmpname()
p = io.popen("cat > " .. name, "w")
print(p:write("to the command\n", 42, "\n") == p)
print(p:read("l"))
print(p:seek())
print(p:close())
for l in io.lines(name) do print(l) end

p = io.popen("cat " .. name, "r")
print(p:write("x"))
print(p:seek("set"))
print(p:read("a"))
print(p:close())
print(pcall(p.close, p))
print(io.type(p))

p = io.popen("wc -c > " .. name, "w")
for i = 1, 1000 do p:write(("x"):rep(99), "\n") end
print(p:close())
print(io.open(name):read("n"))

print(pcall(io.popen, "true", "rw"))
print(pcall(io.popen, "true", "rb"))
print(pcall(io.popen, "true", ""))
print(pcall(io.popen, "true", {}))
print(pcall(io.popen))
print(pcall(io.popen, {}))
print(io.popen("exec 2>/dev/null; " .. 42):close())
os.remove(name)
