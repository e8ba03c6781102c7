-- a library function raising "bad argument" at top level
print("formatting")
print(string.rep("x", 2), ("y"):rep({})) -- ERROR "bad argument #1 to 'rep' \(number expected, got table\)"
