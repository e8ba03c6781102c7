t.a, t.a, t = (print((("b" - "long string constant") < -{1,2})) == ("b" ^ ... == g) ~= -x or (2147483648 + ...))
print()
local function f5(a, b)
if ((f5:m(b.a) .. b) ~ a.c) then
while b:m(b()) do
while f5 do

end
b.b = t:m((b(f5[b]) >= 3.0))
goto L1
::L1::
end
repeat
t.a = b.a
local v10, v6 = f() > t.c
f5, f5, v10 = v6(v6("") .. (1 < a.a), {f5[255]} - (f5 * a .. (70000 % {}))), {not v6 == b, [v6[v6:m(0)]]={1,2}}, print % true
until f5
while {x=1} do
x = f5[#"" * f5 ~= a]
function gf(a)
x = 1
x = 1
x = 1
end
local v5 <const>
x = t
end
x = f5({x=1}, 70000)
return a[a[{g({}, f5)}]], {k=f(f5) & 0 << t["a"], [f5]=a[-1]}, false
elseif (f5 << t.a) then

 end
local v0 <close>
print()
end
for k, v in {} do
k, v[k] = k ~ f((v | v)) .. 3.0 ~ k > -true, ~f5:m(f5 <= {1,2}), {255.0, [not (v ~ (f5 + t))]=k(0)}
end
return x, {}
