-- math.deg/rad and the LUA_COMPAT_MATHLIB functions the reference (built with LUA_COMPAT_5_3) has
print(math.deg(math.pi), math.rad(180), math.cosh(1), math.sinh(1), math.tanh(0.5), math.pow(2,10), math.pow(2,0.5))
print(math.frexp(8), math.frexp(0), math.frexp(-3.5), math.ldexp(0.5, 4), math.ldexp(1, 2^40), math.log10(1000), math.atan2(1,1))
print(pcall(math.ldexp, 1, 1.5), pcall(math.pow, "x"), math.deg(1), math.rad(1))
print(math.frexp(1/0), math.frexp(-1/0))
