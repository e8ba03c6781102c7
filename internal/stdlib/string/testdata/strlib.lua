-- string library through the vm: methods, coercions, errors with positions
local s = "Hello, World"
print(s:len(), #s, s:upper(), s:lower(), s:reverse())
print(s:sub(1, 5), s:sub(-5), s:sub(8), ("x"):rep(3, "-"))
print(s:byte(1, 3), string.char(76, 117, 97))
print(("%d items"):format(3), ("abc"):find("b"), ("key=val"):match("(%w+)=(%w+)"))
print(string.format("%q", "line1\nline2\0end"))
print(string.format("%s %s %s", nil, true, {} ~= nil))
print(string.format("%s", setmetatable({}, {__tostring = function() return "OBJ" end})))
print(string.format("%10.3f|%-6d|%x", math.pi, 42, 255))
print(("abc"):rep(0), ("abc"):rep(-1), ("ab"):rep(3, ""))
print(pcall(string.rep))
print(pcall(("x").rep, "x", 1e10))
print(pcall(string.rep, "x", math.maxinteger))
print(pcall(string.char, 256))
print(pcall(string.format, "%d", 1.5))
print(pcall(string.format, "%y", 1))
print(pcall(function() return ("x"):bad() end))
print(pcall(function() return ("x"):rep() end))
print(pcall(function() return string.sub() end))
print(pcall(function() local t = {} return t.x.y end))
-- arithmetic on strings goes through the string metatable
print("10" + 1, "3" * "4", "10" / 2, -"2", "7" // "2", "2" ^ "3", "7" % "3", "0x10" + 0, " 5 " + 1)
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} + "1" end))
print(pcall(function() return "1" + {} end))
print(math.type("10" + 1), math.type("10" + 1.0), math.type("1.5" * 2))
-- gsub with functions and tables
print(("hello world"):gsub("%w+", string.upper))
print(("hello world"):gsub("%w+", {hello = "HI", world = false}))
print(("$name is $age"):gsub("%$(%w+)", {name = "Bob", age = 42}))
print(("abc"):gsub("%w", function(c) if c == "b" then return nil end return c:upper() end))
print(pcall(string.gsub, "abc", "%w", function() return {} end))
print(("x = 1, y = 2"):gsub("(%w+) = (%w+)", "%2 = %1"))
local parts = {}
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do parts[#parts + 1] = k .. v end
print(table.concat(parts, ";"))
for w in string.gmatch("one two  three", "%a+") do parts[#parts + 1] = w end
print(table.concat(parts, ","))
local n = 0
for a, b in ("abc"):gmatch("()(.)") do n = n + a end
print(n)
print(string.gmatch("abc", "b")())
print(tostring(12):rep(2))
