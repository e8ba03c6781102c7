-- read("n"): the numeral scanner of liolib.c (l_getn): signs, hex,
-- exponents, the 200-character limit, and what a failed read consumes.
local name = os.tmpname()
local function scan(s, ...)
  local f = assert(io.open(name, "wb"))
  f:write(s)
  f:close()
  f = assert(io.open(name))
  local t = table.pack(f:read(...))
  local rest = f:read("a")
  f:close()
  for i = 1, t.n do
    local v = t[i]
    t[i] = math.type(v) and (math.type(v) .. " " .. string.format("%.17g", v)) or string.format("%q", v)
  end
  print(string.format("%q", s), table.concat(t, ", "), "rest=" .. string.format("%q", rest))
end

for _, s in ipairs{
  "42", "  \t\n\v\f\r 7 ", "-13", "+8", "3.25", ".5", "5.", "1e10", "1E+3", "2e-3",
  "0x1F", "0X1f", "-0x10", "0x.8", "0x8.", "0x1p4", "0x1P-2", "0xA.8p1",
  "0", "00", "007", "0.0", "-0", "9223372036854775807", "9223372036854775808",
  "-9223372036854775808", "0xffffffffffffffff", "1e400", "-1e400",
  "12abc", "1.2.3", "1e5e5", "3..4", "0x", "0xg", "-", "+", ".", "-.", "e5",
  "1e", "1e+", "1e-x", "0x1p", "0x1p+", "abc", "", "   ", "--1", "+-1",
  "inf", "nan", "0x1e+2", "1 2 3", "\n\n12\n", "1_000", "0b101", "١",
}
do
  scan(s, "n")
end
scan("1 2 3 x 4", "n", "n", "n", "n", "n")
scan("10 20", "n", "l")
scan("7\nline", "n", "l", "l")
scan("7\nline", "n", "L")
scan(("9"):rep(199), "n")
scan(("9"):rep(200), "n")
scan(("9"):rep(201), "n")
scan(("9"):rep(250) .. " 5", "n", "n")
scan("0x" .. ("f"):rep(198), "n")
scan("0x" .. ("f"):rep(199), "n")
scan("  " .. ("1"):rep(198) .. "e1", "n")
scan("1" .. ("0"):rep(180) .. ".5e-170", "n")
scan("*n", "*n")
os.remove(name)
