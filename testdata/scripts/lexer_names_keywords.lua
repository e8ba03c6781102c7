-- identifiers: case sensitivity, underscores, digits, keywords not usable as names
local And, NIL, _x, x_1, _ = 1, 2, 3, 4, 5
print(And, NIL, _x, x_1, _)
local t = {["end"] = "kw key", ["nil"] = "nil key", ["goto"] = "goto key"}
print(t["end"], t["nil"], t["goto"])
local kws = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
  "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"}
for _, kw in ipairs(kws) do
  local f, err = load("local " .. kw .. " = 1", "=kw")
  print(kw, f ~= nil, err)
end
print(load("x.end = 1", "=kw"))
print(load("local été = 1", "=kw"))
