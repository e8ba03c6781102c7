-- string.byte and string.char
print(string.byte("A"), string.byte("ABC", 2), string.byte("ABC", 1, 3), string.byte("ABC", -1))
print(string.byte("ABC", 10), select('#', string.byte("ABC", 10)), select('#', string.byte("")))
print(string.byte("ABC", 0), string.byte("ABC", -10, 10))
print(string.char(), string.char(72, 101, 108, 108, 111), #string.char(0, 0))
print(string.char(255):byte(), pcall(string.char, 256), pcall(string.char, "x"))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(#s, s:byte(1), s:byte(256), s:byte(-1))
