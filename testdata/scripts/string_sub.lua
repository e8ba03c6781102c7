-- string.sub with positive, negative, zero and out-of-range indices
local s = "hello world"
print(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -2), s:sub(0), s:sub(3, 2))
print(s:sub(100), s:sub(-100, 2), s:sub(5, 100), s:sub(0, 0), s:sub(-1, -1))
print(s:sub(math.mininteger, math.maxinteger) == s, s:sub(math.maxinteger))
print(("abc"):sub(2.0, 3.0), pcall(string.sub, "abc", "x"))
print(string.sub("", 1, 1) == "", #string.sub("abc", -2))
