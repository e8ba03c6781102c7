local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, " ")
end
local cases = {
  {"hello world", "o w"}, {"hello", "l+"}, {"hello", "^h(.-)o$"}, {"  trim  ", "^%s*(.-)%s*$"},
  {"2024-01-05", "(%d+)-(%d+)-(%d+)"}, {"f(a(b)c)d", "%b()"}, {"THE (quick) fox", "%f[%a]%a+"},
  {"[[long]]", "%[(=*)%[(.-)%]%1%]"}, {"abcabc", "(abc)%1"}, {"a.b", "%."}, {"x", "()"},
  {"aaa", "a-b"}, {"", "a*"}, {"key = value", "(%w+)%s*=%s*(%w+)"}, {"0x1F", "%x+"},
}
for _, c in ipairs(cases) do
  print(show(string.find(c[1], c[2])), "|", show(string.match(c[1], c[2])))
end
print(pcall(string.find, "a", "%"))
print(pcall(string.find, "a", "[a"))
print(pcall(string.find, "a", "(()"))
print(pcall(string.find, "a", "%1"))
print(pcall(string.match, string.rep("a", 300), string.rep("a?", 300) .. string.rep("a", 300)))
print(pcall(string.gsub, "abc", "(a)", "%2"))
print(pcall(string.gsub, "abc", "a", "%"))
print(string.gsub("hello", "", "-"))
print(string.gsub("abc", "b*", "X"))
print(string.find("abc", "b", -10), string.find("abc", "", 10), string.find("abc", "", 4))
print(string.rep("ab", 3):gsub("ab", "%0%0", 2))
