-- integer literals that do not fit become floats; hex wraps around
print(9223372036854775807, math.type(9223372036854775807))
print(9223372036854775808, math.type(9223372036854775808))
print(18446744073709551616, 1e19 == 10000000000000000000)
print(0xffffffffffffffff, 0x8000000000000000, 0x1ffffffffffffffff)
print(-9223372036854775808 == math.mininteger, math.type(-9223372036854775808))
print(math.mininteger, -math.mininteger, math.mininteger // -1)
print(tonumber("9223372036854775808"), tonumber("0xffffffffffffffffff"))
print(math.tointeger(2^63), math.tointeger(-2^63))
