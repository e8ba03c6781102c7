-- hooks on loops that jump to themselves (empty bodies): count hooks keep
-- firing, so they can stop an endless loop
local a = 0
debug.sethook(function() a = a + 1 end, "", 1)
a = 0; for i = 1, 1000 do end
debug.sethook()
print("empty for", a)

a = 0
debug.sethook(function() a = a + 1 end, "", 1)
a = 0; for i = 1.0, 10.0, 0.5 do end
debug.sethook()
print("empty float for", a)

local n = 0
print(pcall(function()
  debug.sethook(function() n = n + 1 if n > 100 then debug.sethook() error("stop") end end, "", 10)
  while true do end
end))
debug.sethook()
print("while true", n)

n = 0
print(pcall(function()
  local x = 0
  debug.sethook(function() n = n + 1 if n > 50 then debug.sethook() error("stop2") end end, "", 7)
  repeat until x == 1
end))
debug.sethook()

-- the hook ends the loop by changing a local of the looping function
local lines = {}
local function spin()
  local x = 0
  debug.sethook(function(e, l)
    lines[#lines + 1] = l
    if #lines > 5 then debug.setlocal(2, 1, 1) end
  end, "l")
  repeat until x == 1
  debug.sethook()
  return x
end
print(spin(), #lines > 5)

local t = {}
debug.sethook(function(e, l) t[#t + 1] = l end, "l")
for _ in pairs({}) do end
for k in next, {1, 2} do end
local i = 0
while i < 3 do i = i + 1 end
debug.sethook()
print(table.concat(t, " "))
