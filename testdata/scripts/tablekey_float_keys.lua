-- float keys that are not integers, or too large to be integers, stay floats
local t = {}
t[2^63] = "2^63"
t[-2^63] = "-2^63"
t[0.5] = "half"
t[1e300] = "huge"
print(t[2^63], t[math.mininteger], t[-2^63], t[0.5], t[1/2], t[1e300])
local k = next({[2^63] = true})
print(k, math.type(k))
k = next({[-2^63] = true})
print(k, math.type(k))
local u = {}
u[3] = "int"
u[3.0000000000000004] = "float"
print(u[3], u[3.0000000000000004], u[3.0])
local inf = {}
inf[math.huge] = "inf"
inf[-math.huge] = "-inf"
print(inf[1/0], inf[-1/0])
