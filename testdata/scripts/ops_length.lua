-- the length operator on strings and sequences
print(#"", #"abc", #"\0\0\0", #"été")
print(#{}, #{1, 2, 3}, #{n = 1}, #{1, 2, nil, 4} >= 2)
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t + 1] = "x"
print(#t, t[#t])
t[#t] = nil
print(#t)
local s = "hello"
print(#s, s:len(), ("x"):rep(1000):len())
print(pcall(function() return #nil end))
print(pcall(function() return #5 end))
print(pcall(function() local b = true return #b end))
print(pcall(function() return #undefinedvar end))
