-- string.format("%p"): equal short strings show one address (the reference interns them), equal long literals of a chunk share one, runtime-built long strings do not
local function addr(s) return string.format("%p", s) end
local a, b = string.rep("a", 10), string.rep("aa", 5)
print(addr(a) == addr(b), addr(a) == addr("aaaaaaaaaa"), addr(a) ~= addr("b"))
local s1 <const> = "01234567890123456789012345678901234567890123456789"
local s3 = "01234567890123456789012345678901234567890123456789"
local function foo2() return "01234567890123456789012345678901234567890123456789" end
print(addr(s1) == addr(s3), addr(s1) == addr(foo2()))
local sd = "0123456789" .. "0123456789012345678901234567890123456789"
print(sd == s1, addr(sd) ~= addr(s1), addr(nil), addr(1), addr(true))
