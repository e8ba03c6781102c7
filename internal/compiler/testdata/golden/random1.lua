local v26 = not function(p0, p1)
x = 1
p0.b, p1, p1[{x=1} .. p0 < function(p0, p1)

end] = not (("a" <= {x=1}) | t[p0] < 128)
p0.b = (p1 > {} | {x=1} % {x=1} << p0[(127 or {1,2})] > x), {x=1}, {x=1}
local v30, v11, v26 = p0:m(p1()) >> t[p1], t.c, {}
end, {}, -t[... // 2147483648] + (print ~= {} + (70000 < print))
g = 2, -129
if (v26 % ({} or (nil - g))) then
local v20 <const> = h, not -2.5 ^ g[{x=1}] ~= x
for i = "", v20.c do
local v30 <close> = t:m(v26()), i[({1,2} or {})], 9007199254740993 .. (9007199254740992 + v20:m(g.b))
end
elseif g.a then

 end
while f((1.5 > {~..., [{[true]=v26, k="", [v26]=""}]=f(v26)}), {k=print({["a"]=v26}), [v26.c]=v26[(0 and {})]}) do
repeat
do
goto L1
::L1::
t[({} // v26)], v26.a, v26.b = 1, x
return v26
end
v26()
local function f4(a, b)
repeat

until (a > a | nil)
while (a() ^ a(x, {x=1}, {x=1}) < x) / h do
x = 1
end
for i = 255 * f4({x=1}), #{x=1} .. b(), b.b do
x = 1
x = 1
x = 1
end
b()
end
until ((not ({} or {1,2}) == g[function(p0, p1)
print()
end]) + {})
end
