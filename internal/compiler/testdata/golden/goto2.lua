do
  local x = 1
  local function f() return x end
  goto out
end
::out::
for i = 1, 2 do
  local y = i
  local function g() return y end
  if y then goto next end
  print(y)
  ::next::
end
while true do
  goto e
end
::e::
do goto l1; ::l1:: end
do ::l2:: ::l3:: end
local z
goto fin
::fin::
