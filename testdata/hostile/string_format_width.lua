-- expect: error: invalid conversion
print(string.format("%999999999d", 1))
