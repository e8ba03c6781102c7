#!/usr/bin/env lua5.4 this first line is skipped
print("after shebang")
print(load("#!x\nreturn 1"))
local f = load("return 42")
print(f())
