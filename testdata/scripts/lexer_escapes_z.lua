-- \z skips following whitespace including newlines
local s = "abc\z
           def\z   ghi\z

   jkl"
print(s, #s)
print("x\z", "\z  y")
print(("1\z	  2"):byte(1, -1))
