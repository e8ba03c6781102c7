-- exponentiation always yields floats
print(2 ^ 10, 2 ^ 0.5, 2 ^ -1, (-2) ^ 2, (-2) ^ 3, 0 ^ 0, 0 ^ -1)
print((-8) ^ (1 / 3) ~= (-8) ^ (1 / 3), 10 ^ 308, 10 ^ 309, 1 ^ math.huge)
print(math.type(2 ^ 2), math.type(4 ^ 0.5), 2 ^ 63 == math.maxinteger + 1.0)
print(2 ^ 3 ^ 2, -2 ^ -2, "2" ^ 2)
