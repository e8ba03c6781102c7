-- package.searchpath tries empty templates too ("a;;" is "a", "" and ""), as the reference does
print(package.searchpath("m", "./?.nothere;;"))
print(package.searchpath("m", ";x/?.lua"))
print(package.searchpath("m", ""))
print(package.searchpath("a.b", "?;?.z", ".", "/"))
