-- more numeric conversions in string.format
local f = string.format
print(f("%d", -0.0), f("%d", 2^53), f("%x", -1.0), f("%5.1f|%-7.3e|", -0.05, 123.456))
print(f("%.0e", 12345), f("%#.0f", 1), f("%#x", 0), f("%+.3g", 1e-10))
print(f("%o", 64), f("%X", 3735928559), f("%08.3f", -3.14159), f("% 05d", 42))
print(f("%s %s", 1e15, 1e16), f("%s", -0.0), f("%.3s", 1.23456))
print(f("%c", 0):len(), f("%5c|", 65), f("%-5c|", 66))
print(f("%i|%5i|%-5i|", 1, 2, 3))
print(pcall(f, "%d", 2^63))
print(pcall(f, "%x", 1e100))
