-- <const> values used in expressions, nested functions and as upvalues
local A <const> = 10
local B <const> = A * 2
local C <const> = "x" .. A
local D <const> = 2^10
local E <const> = A // 3
local F <const> = nil
local G <const> = A > 5
print(A, B, C, D, E, F, G)
local function use() return A + B, C:upper(), D, F == nil end
print(use())
local function nested()
  return function() return B * 2 end
end
print(nested()())
local ok <const> = pcall(function() local Z <const> = 1 // 0 end)
print(ok)
print(load("local k <const> = 5; return function() k = 1 end", "=folding"))
print(load("local k <const> = 5; local function f() local k = 1; k = 2; return k end return f()", "=shadow")())
