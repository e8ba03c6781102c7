-- debug.setcstacklimit (deprecated in 5.4) checks its argument and returns 200
print(debug.setcstacklimit(100), debug.setcstacklimit(3.0), pcall(debug.setcstacklimit, "x"))
