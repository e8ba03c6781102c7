-- float keys with integer values are normalised to integers
local t = {}
t[1.0] = "a"
t[2] = "b"
print(t[1], t[2.0], #t, rawget(t, 1), rawget(t, 1.0))
t[2^53] = "big"
print(t[2^53], t[9007199254740992], math.type(next({[2^53] = true})))
t[-0.0] = "zero"
print(t[0], t[-0.0], t[0.0])
local k = next({[3.0] = 1})
print(k, math.type(k))
local u = {[1] = "int", [1.5] = "float"}
print(u[1], u[1.5], u[3/2])
t = {}
t[math.maxinteger + 0.0] = "huge float"
print(t[math.maxinteger], t[2^63])
t["1"] = "string one"
t[1] = "int one"
print(t["1"], t[1])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() t[0/0] = 1 end))
print(t[nil], t[0/0])
print(pcall(rawset, t, nil, 1))
