-- character classes, complements and sets
local s = "Ab1 _.-\t\n~Zz9"
local classes = {"%a", "%A", "%d", "%D", "%l", "%L", "%s", "%S", "%u", "%U", "%w", "%W", "%x", "%X", "%p", "%P", "%c", "%C", "%g", "%G"}
for _, c in ipairs(classes) do
  local out = s:gsub(c, "#")
  print(c, string.format("%q", out))
end
print(("abc-def"):gsub("[a-c]", "X"), ("a-b"):gsub("[-]", "M"), ("a-b"):gsub("[a-]", "N"))
print(("hello]"):gsub("[]]", "!"), ("x^y"):gsub("[%^]", "C"), ("x^y"):gsub("[^^]", "."))
print(("A1_b2"):gsub("[%w_]", "."), ("A1_b2"):gsub("[^%d]", ""))
print(("caf\xe9"):gsub("[\x80-\xff]", "?"))
