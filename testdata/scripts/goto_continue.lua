-- the continue idiom with goto in all loop kinds
for i = 1, 6 do
  if i % 2 == 0 then goto continue end
  print("for", i)
  ::continue::
end
local j = 0
while j < 6 do
  j = j + 1
  if j % 3 ~= 0 then goto continue end
  print("while", j)
  ::continue::
end
local k = 0
repeat
  k = k + 1
  if k == 2 then goto continue end
  print("repeat", k)
  ::continue::
until k >= 4
for _, v in ipairs({"a", "b", "c"}) do
  if v == "b" then goto next end
  print("ipairs", v)
  ::next::
end
