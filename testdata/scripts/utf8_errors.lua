-- The utf8 library on malformed input and bad arguments: overlong
-- encodings, stray continuation bytes, truncated sequences, out-of-range
-- positions, and the messages lua5.4 gives.

local cases = {
  "\xff", "\xfe", "\x80", "a\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80",
  "\xf0\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80",
  "\xe2\x82", "a\xe2\x82", "\xe2\x82\xac\x80", "\xed\xa0\x80", "\xed\xbf\xbf",
  "\xf4\x90\x80\x80", "\xf7\xbf\xbf\xbf", "\xfd\xbf\xbf\xbf\xbf\xbf",
  "\xfe\x80\x80\x80\x80\x80\x80", "ok\xc3", "\xc3(",
}
for i, s in ipairs(cases) do
  print(i, utf8.len(s), utf8.len(s, 1, -1, true),
    pcall(utf8.codepoint, s, 1, -1), pcall(utf8.codepoint, s, 1, -1, true))
end

local function codes(s, lax)
  local out = {}
  local ok, err = pcall(function()
    for p, c in utf8.codes(s, lax) do out[#out + 1] = p .. ":" .. c end
  end)
  return table.concat(out, " "), ok, err
end
for i, s in ipairs(cases) do print(i, codes(s)) end
print(codes("\xed\xa0\x80", true))
print(codes("a\x80\x80b"))

-- argument errors
print(pcall(utf8.char, -1))
print(pcall(utf8.char, 0x80000000))
print(pcall(utf8.char, 1, "x"))
print(pcall(utf8.char, 1.5))
print(pcall(utf8.len))
print(pcall(utf8.len, "abc", 5))
print(pcall(utf8.len, "abc", 0))
print(pcall(utf8.len, "abc", -4))
print(pcall(utf8.len, "abc", 1, 4))
print(pcall(utf8.len, "abc", 1, -5))
print(pcall(utf8.len, "abc", 1.5))
print(utf8.len("abc", 4), utf8.len("abc", 2, 1), utf8.len("abc", 1, -4))
print(pcall(utf8.codepoint, "abc", 0))
print(pcall(utf8.codepoint, "abc", 1, 4))
print(pcall(utf8.codepoint, "abc", -5))
print(pcall(utf8.codepoint, "\xff"))
print(pcall(function() return utf8.codepoint("\xff") end))
print(pcall(utf8.offset, "abc"))
print(pcall(utf8.offset, "abc", 1, 5))
print(pcall(utf8.offset, "abc", 1, 0))
print(pcall(utf8.offset, "abc", 1, -4))
print(pcall(utf8.offset, "a€b", 1, 3))
print(pcall(function() return utf8.offset("a€b", 1, 3) end))
print(utf8.offset("\x80\x80", 0, 2), utf8.offset("\x80\x80", -1), utf8.offset("abc", math.maxinteger))
print(pcall(utf8.codes))
print(pcall(utf8.codes, {}))
print(pcall(utf8.len, "abc", 1, math.maxinteger))
print(pcall(utf8.len, "abc", math.mininteger))
print(pcall(utf8.offset, "abc", math.mininteger))
print(pcall(utf8.offset, "abc", -2, math.mininteger))
print(pcall(utf8.offset, "abc", 0, -100))
print(utf8.offset("abc", -2, -1), utf8.offset("abc", 0, -3))
