-- string.find: plain and pattern, init positions, captures
local s = "hello world, hello lua"
print(s:find("hello"), s:find("hello", 2), s:find("xyz"))
print(s:find("o w"), s:find("l+"), s:find("(h)(e)"))
print(s:find("."), s:find(".", 1, true), ("a.b"):find(".", 1, true))
print(s:find("lua", -3), s:find("lua", -100), s:find("", 100), s:find("", 23), s:find("", 24))
print(s:find("^hello"), s:find("^world"), s:find("lua$"), s:find("%s"))
print(("a+b"):find("+", 1, true), ("a+b"):find("%+"))
print(("[test]"):find("[", 1, true), ("f(x)"):find("(", 1, true))
print(string.find("abc", "b", nil, nil), string.find("", ""))
print(pcall(string.find, "abc", "[a"))
print(pcall(string.find, "abc", "%"))
print(pcall(string.find, "abc", "(()"))
