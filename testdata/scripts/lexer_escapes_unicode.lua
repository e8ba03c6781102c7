-- \u{XXX} escapes produce UTF-8 (up to 2^31)
local function hex(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.format("%02X", s:byte(i)) end
  return table.concat(t, " ")
end
print(hex("\u{41}"), hex("\u{7F}"), hex("\u{80}"), hex("\u{7FF}"))
print(hex("\u{800}"), hex("\u{FFFF}"), hex("\u{10000}"), hex("\u{10FFFF}"))
print(hex("\u{110000}"), hex("\u{7FFFFFFF}"))
print(hex("\u{0000041}"), "\u{48}\u{69}")
print("\u{E9}t\u{E9}" == "été")
print(load('return "\\u{80000000}"'))
print(load('return "\\u{}"'))
print(load('return "\\u41"'))
print(load('return "\\u{41"'))
print(load('return "\\u{zz}"'))
