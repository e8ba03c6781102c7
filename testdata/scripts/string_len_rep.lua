-- string.len, string.rep with separators, upper/lower, reverse
print(string.len(""), string.len("abc"), string.len("\0\0"), ("x"):len())
print(string.rep("ab", 3), string.rep("ab", 3, ","), string.rep("x", 1, ","), string.rep("x", 0, ","))
print(string.rep("", 5), string.rep("a", -1), string.rep("ab", 2, ""))
print(string.upper("Hello, World! 123"), string.lower("Hello, World! ÀÉ"))
print(string.upper("ÿ"), string.reverse("abc"), string.reverse(""))
print(pcall(string.len, 5), pcall(string.len))
