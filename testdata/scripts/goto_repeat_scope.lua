-- labels and goto interplay with repeat-until scopes and nested functions
local out = {}
local i = 0
repeat
  i = i + 1
  if i == 2 then goto cont end
  out[#out + 1] = i
  ::cont::
until i >= 4
print(table.concat(out, ","))
local function find(t, x)
  for idx, v in ipairs(t) do
    if v == x then goto found end
    goto next
    ::found::
    do return idx end
    ::next::
  end
  return nil
end
print(find({5, 6, 7}, 6), find({5, 6, 7}, 9))
-- labels with same name in different functions
local function a() goto l ::l:: return "a" end
local function b() goto l ::l:: return "b" end
print(a(), b())
