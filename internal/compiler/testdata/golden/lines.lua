local t = {
  a = 1,
  b = f(),
  g(
    x,
    y
  ),
}
local x = t.a
  + t.b
  * 2
print(
  x,
  t
)
if x >
   1
then
  x = 1
end
local function f(a,
                 b)
  return a
    + b
end
while x do
  x = x - 1
end
for i = 1,
    3 do
  print(i)
end
for k, v in
  pairs(t) do
  print(k)
end
return x,
  t
