-- The utf8 library on valid input: char, charpattern, codes, codepoint,
-- len and offset, negative positions, and the lax (5.4 extended) mode.

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02X ", c:byte()) end))
end

print(hex(utf8.char(72, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF)))
print(hex(utf8.char(0x110000, 0x1FFFFF, 0x200000, 0x3FFFFFF, 0x4000000, 0x7FFFFFFF)))
print(utf8.char(), utf8.char(65), utf8.char("66", 67.0))
print(hex(utf8.charpattern))

local s = "héllo, wörld € 𝄞!"
print(#s, utf8.len(s), utf8.len(s, 3), utf8.len(s, -5), utf8.len(s, 1, 2))
for p, c in utf8.codes(s) do io.write(p, ":", c, " ") end
print()
print(utf8.codepoint(s, 1, -1))
print(utf8.codepoint(s), utf8.codepoint(s, 2), utf8.codepoint(s, -5, -1))
print(select("#", utf8.codepoint(s, 4, 3)))

-- offset: n-th character from a position, 0 = start of the current one
for n = -4, 4 do io.write(tostring(utf8.offset(s, n)), " ") end
print()
for i = 1, 5 do io.write(utf8.offset("a€b", 0, i), " ") end
print()
print(utf8.offset("a€b", 3), utf8.offset("a€b", 4), utf8.offset("a€b", 5))
print(utf8.offset("", 1), utf8.offset("", -1), utf8.offset("", 0))

-- iterate over characters with the pattern
local chars = {}
for ch in s:gmatch(utf8.charpattern) do chars[#chars + 1] = ch end
print(#chars, chars[2], chars[#chars - 1])

-- round trips
local all = {}
for _, cp in ipairs({0, 0x24, 0xA2, 0x939, 0x20AC, 0xD55C, 0x10348, 0x10FFFF}) do
  local e = utf8.char(cp)
  all[#all + 1] = e
  assert(utf8.codepoint(e) == cp and utf8.len(e) == 1)
end
print(utf8.len(table.concat(all)), utf8.codepoint(table.concat(all), 1, -1))

-- lax mode accepts surrogates and values up to 2^31 - 1
local sur = utf8.char(0xD800)
print(utf8.len(sur), utf8.len(sur, 1, -1, true), utf8.codepoint(sur, 1, 1, true))
local big = utf8.char(0x7FFFFFFF)
print(utf8.len(big, 1, -1, true), utf8.codepoint(big, 1, 1, true))
for p, c in utf8.codes(big .. sur .. "x", true) do io.write(p, ":", c, " ") end
print()
print(pcall(utf8.codepoint, big))

-- numbers are converted to strings
print(utf8.len(12345), utf8.codepoint(42, 1, -1))
for p, c in utf8.codes(10) do io.write(p, ":", c, " ") end
print()
