local i = 1
::top::
i = i + 1
if i < 10 then goto top end
for j = 1, 3 do
  for k = 1, 3 do
    if k == 2 then goto continue end
    if j == 3 then break end
    print(j, k)
    ::continue::
  end
end
do
  goto skip
  local a = 1
  ::skip::
end
while true do
  local q = 1
  local function f() return q end
  if q then break end
end
repeat
  local r = 1
  local function f() return r end
until r
