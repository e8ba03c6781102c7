-- mutual tail recursion and tail calls through varargs and methods
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(1000001), odd(1000001))
local obj = {}
function obj:count(n) if n == 0 then return "done" end return self:count(n - 1) end
print(obj:count(500000))
local function va(n, ...) if n == 0 then return select('#', ...), ... end return va(n - 1, ...) end
print(va(300000, "a", "b"))
-- a tail call to a C function
local function tc(s) return string.upper(s) end
print(tc("tail"))
-- tail calls returning multiple values
local function multi(n) if n == 0 then return 1, 2, 3 end return multi(n - 1) end
print(multi(100000))
