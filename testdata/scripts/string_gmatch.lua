-- string.gmatch iteration, captures, anchors and empty matches
for w in ("one two three"):gmatch("%a+") do print(w) end
for k, v in ("a=1,b=2"):gmatch("(%w)=(%w)") do print(k, v) end
local t = {}
for pos in ("abc"):gmatch("()") do t[#t + 1] = pos end
print(table.concat(t, ","))
t = {}
for m in ("abc"):gmatch("x*") do t[#t + 1] = "[" .. m .. "]" end
print(table.concat(t))
t = {}
for m in ("hello"):gmatch("^h") do t[#t + 1] = m end
print(#t)
local it = ("a,b,,c"):gmatch("([^,]*)")
print(it(), it(), it(), it(), it())
t = {}
for n in ("10 20 30"):gmatch("%d+") do t[#t + 1] = tonumber(n) * 2 end
print(table.concat(t, " "))
for a, b in ("xy"):gmatch("()(.)") do print(a, b) end
