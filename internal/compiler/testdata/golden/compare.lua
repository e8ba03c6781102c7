local a, b = ...
local c = a < b
c = a <= b
c = a > b
c = a >= b
c = a == b
c = a ~= b
c = a == 1
c = a ~= "x"
c = a == nil
c = a == true
c = 1 < a
c = 1.0 <= a
c = a > 2
c = a >= 1000
c = a == 2.5
c = a and b
c = a or b
c = a and b or c
c = not (a and b)
c = (a < b) and (b < 1) or false
if a == b and b then c = 1 elseif a then c = 2 else c = 3 end
if not a then c = 4 end
while a and not b do a = a - 1 end
repeat local z = a; a = z until z > 10
c = nil == a
c = a == b == c
