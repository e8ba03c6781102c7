-- integer/float equality and comparison are exact (mathematical values)
print(1 == 1.0, -0.0 == 0, 0.0 == -0.0, 2^53 == 2^53 + 1)
print(math.maxinteger == 2^63, math.maxinteger + 0.0 == 2^63, math.maxinteger < 2^63)
print(math.mininteger == -2^63, math.mininteger <= -2^63, math.mininteger < -2^63)
print(9007199254740993 == 2^53 + 1, 9007199254740993 < 9007199254740994.0)
print(9007199254740993 > 2^53, 9007199254740993 <= 2^53)
print(1 < 1.5, 2 > 1.5, 1 <= 1.0, 1 >= 1.0, -1 < -0.5)
print(math.maxinteger < math.huge, math.mininteger > -math.huge)
print(1 == "1", "1" == 1, "1.0" == "1")
local t = {}
t[1] = "int"; t[1.0] = "float"
print(t[1], #t)
print(0/0 == 0/0, 3 ~= 3.0000000000000001)
