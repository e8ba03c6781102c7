for _, u in ipairs{"", "x", "ab", "abc"} do
  for _, sep in ipairs{"", ",", "--"} do
    for n = -1, 9 do
      local r = string.rep(u, n, sep)
      local e = {} for i = 1, n do e[i] = u end
      assert(r == table.concat(e, sep), u .. "/" .. sep .. "/" .. n)
    end
  end
end
local big = string.rep("abc", 1000003, "de")
local e = {} for i = 1, 1000003 do e[i] = "abc" end
assert(big == table.concat(e, "de"))
local big2 = string.rep("0123456789", 400000)
local e2 = {} for i = 1, 400000 do e2[i] = "0123456789" end assert(big2 == table.concat(e2))
print("ok")
