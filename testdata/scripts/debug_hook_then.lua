-- line hooks on an if whose 'then' is on its own line: the test is on the line of 'then', as luac puts it
local lines = {}
local function f(a)
  if a
  then
    a = 1
  elseif
    not a
  then
    a = 2
  end
  while a
  do
    a = nil
  end
  return a
end
debug.sethook(function(_, l) lines[#lines + 1] = l end, "l")
f(true)
f(false)
debug.sethook()
print(table.concat(lines, " "))
