-- a tail call is not a tail call when parenthesised or followed by work
local depth = 0
local function notail(n)
  if n == 0 then return 0 end
  return (notail(n - 1)) -- parentheses truncate: not a tail call
end
print(notail(1000))
local function plus(n)
  if n == 0 then return 0 end
  return 1 + plus(n - 1)
end
print(plus(1000))
-- error position inside a tail-called function
local function fail() error("tail fail") end
local function caller() return fail() end
print(pcall(caller))
