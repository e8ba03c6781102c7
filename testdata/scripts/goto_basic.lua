-- goto: forward and backward jumps, loops built from goto
local i = 1
::top::
if i <= 3 then
  print("iteration", i)
  i = i + 1
  goto top
end
goto skip
print("not printed")
::skip::
print("after skip")
do
  local n = 0
  ::again::
  n = n + 1
  if n < 5 then goto again end
  print("n", n)
end
