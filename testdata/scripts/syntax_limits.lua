-- structural limits reported by the parser
local function many_locals(n)
  local t = {}
  for i = 1, n do t[#t + 1] = "local v" .. i .. " = " .. i end
  return table.concat(t, "\n")
end
print(load(many_locals(199), "=ok") ~= nil)
print(load(many_locals(201), "=locals"))
local function nested_parens(n)
  return "return " .. string.rep("(", n) .. "1" .. string.rep(")", n)
end
print(load(nested_parens(100), "=ok") ~= nil)
print(load(nested_parens(150), "=ok150") ~= nil)
local function upvals(n)
  local t = {}
  for i = 1, n do t[#t + 1] = "local u" .. i .. " = " .. i end
  local body = {}
  for i = 1, n do body[#body + 1] = "u" .. i end
  return "local function outer()\n" .. table.concat(t, "\n", 1, n) .. "\nreturn function() return " ..
    table.concat(body, "+") .. " end end"
end
print(load(upvals(100), "=upv100") ~= nil)
