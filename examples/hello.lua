-- hello.lua: a small tour of Lua 5.4 as tide runs it.
-- Run it with: go run ./cmd/tide examples/hello.lua [name]

local name = ... or "world"
print("hello, " .. name .. "!")

-- Integers and floats are distinct subtypes of number.
print(7 // 2, 7 / 2, 2^10, math.type(1), math.type(1.0))

-- Closures capture variables, not values.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local next_id = counter()
next_id(); next_id()
print("third id:", next_id())

-- Tables are arrays, records and objects; metatables give them behaviour.
local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end
function Vec.__add(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
function Vec:__tostring() return "(" .. self.x .. ", " .. self.y .. ")" end
function Vec:dot(o) return self.x * o.x + self.y * o.y end
local v = Vec.new(1, 2) + Vec.new(3, 4)
print("sum:", tostring(v), "dot:", v:dot(Vec.new(1, 1)))

-- Errors are values; pcall catches them.
local ok, err = pcall(function() local t = nil; return t.field end)
print("caught:", ok, err)

-- Coroutines: a generator of the first Fibonacci numbers.
local fib = coroutine.wrap(function()
  local a, b = 0, 1
  while true do
    coroutine.yield(a)
    a, b = b, a + b
  end
end)
local seq = {}
for i = 1, 10 do seq[i] = fib() end
print("fib:", table.concat(seq, " "))

-- Strings have methods through their metatable, and patterns.
local words = {}
for w in ("the quick brown fox"):gmatch("%a+") do words[#words + 1] = w:upper() end
print(string.format("%d words: %s", #words, table.concat(words, ",")))
