-- tonumber corner cases beyond the number_* scripts
print(tonumber("0x"), tonumber("0x.p1"), tonumber("1e+"), tonumber(".") , tonumber("0x1P+4"))
print(tonumber("1E2"), tonumber("-.5"), tonumber("- 5"), tonumber("5 "), tonumber("\n5\n"))
print(tonumber("0b101"), tonumber("1,5"), tonumber("١"), tonumber("0x1.ffffp3"))
print(tonumber("Z", 36), tonumber("z", 35), tonumber("-ff", 16), tonumber(" -ff ", 16))
print(tonumber(1e100), tonumber(-0.0), tonumber("-0"), tonumber("-0.0"))
print(math.type(tonumber("10")), math.type(tonumber("10.")), math.type(tonumber("1e1")))
