local a, b, c
a, b = b, a
a, b, c = 1
a, b = f()
local t = {}
t[a], a = 1, 2
a, t[a] = 1, 2
x, y = y, x
t.x, t.y = t.y, t.x
local u1, u2
function g() u1, u1.x = 1, 2 end
_ENV.z = 1
local i = 0
i = i + 1
t[i] = t[i + 1]
