local a <const> = 1
local function f(x, ...)
  local t = {1,2,3,x=1,...}
  for i=1,10 do t[i] = i + a end
  for k,v in pairs(t) do print(k,v) end
  if x then break2() end
  return f(x)
end
