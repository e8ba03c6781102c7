-- generic for with a callable table and with string.gmatch
local callable = setmetatable({}, {__call = function(self, state, ctl)
  ctl = ctl + 1
  if ctl <= 3 then return ctl, state end
end})
for i, s in callable, "st", 0 do print(i, s) end
for w in string.gmatch("one two  three", "%a+") do print(w) end
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do print(k, v) end
-- modifying values during ipairs
local t = {1, 2, 3}
for i, v in ipairs(t) do
  if i == 1 then t[3] = 30; t[4] = 40 end
  print(i, v)
end
