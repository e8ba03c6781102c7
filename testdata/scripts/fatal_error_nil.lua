-- error(nil) at top level
print("about to fail")
error(nil)
