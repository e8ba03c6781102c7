local function f(...) return ... end
print(f(1, 2, 3))
print(f(...))
local a, b, c = f()
local d = (f())
local e = select('#', ...)
f(1)(2)(3)
f{1, 2}
f"str"
local t = {}
t:m"x"
t.a:m()
return f(1)
