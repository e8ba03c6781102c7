-- <const> locals: constant folding-safe values, reading them everywhere
local N <const> = 10
local S <const> = "str"
local F <const> = 2.5
local T <const> = {1, 2}
local function f() return N * 2, S .. "!", F end
print(N, S, F, f())
T[1] = 99 -- the table itself is not constant
print(T[1])
local a, b <const>, c = 1, 2, 3
print(a, b, c)
a = 10
print(a)
for i = 1, 2 do
  local k <const> = i * N
  print(k)
end
print(load("local x <const> = 1; x = 2", "=const"))
print(load("local x <const> = 1; local function f() x = 2 end", "=const"))
print(load("local x <const> = 1; x.y = 2", "=const") ~= nil)
print(load("local x <const> = {}; x.y = 2", "=const") ~= nil)
print(load("local x <const> = 1; do local x = 2; x = 3 end", "=const") ~= nil)
