-- multiple assignment: adjustment of values and defined evaluation cases
local function three() return 1, 2, 3 end
local a, b, c, d = three()
print(a, b, c, d)
a, b, c, d = 0, three()
print(a, b, c, d)
a, b, c, d = three(), 10
print(a, b, c, d)
a, b = (three())
print(a, b)
local x, y = 1
print(x, y)
x, y = 1, 2, 3
print(x, y)
-- swap and rotation use values evaluated before assignment
x, y = y, x
print(x, y)
local p, q, r = 1, 2, 3
p, q, r = q, r, p
print(p, q, r)
local t = {1, 2}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
t = {}
t[1], t[2], t[3] = three()
print(t[1], t[2], t[3])
