-- goto out of nested loops and blocks, and closures created before a backward goto
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto done end
    print(i, j)
  end
end
::done::
print("escaped")
local fns = {}
do
  local n = 1
  ::loop::
  local captured = n
  fns[#fns + 1] = function() return captured end
  n = n + 1
  if n <= 3 then goto loop end
end
print(fns[1](), fns[2](), fns[3]())
-- label at end of block may be followed by nothing but void statements
do
  goto e
  local x = 1
  ::e::
end
print("end label ok")
-- a label visible in an enclosing block
do
  do goto outer end
  print("skipped")
  ::outer::
end
print("outer ok")
