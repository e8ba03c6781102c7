-- long brackets of several levels
print([[simple]])
print([==[with ]] and ]=] inside]==])
print([[
first newline skipped]])
print(#[[

two]])
print([=[
a
b]=])
print([[no \n escapes \t here]])
print([[]] == "", [==[]==] == "")
local s = [[
line "quoted" 'x'
]]
print(#s, s:sub(-1) == "\n")
print([===[level 3 ]==] still]===])
print(load("return [==[ unfinished ]=]"))
print(load("return [=x"))
