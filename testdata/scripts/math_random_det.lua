-- math.random: only properties that do not depend on the generator
math.randomseed(42)
local ok = true
for _ = 1, 1000 do
  local r = math.random()
  if r < 0 or r >= 1 then ok = false end
  local i = math.random(10)
  if i < 1 or i > 10 or math.type(i) ~= "integer" then ok = false end
  local j = math.random(-3, 3)
  if j < -3 or j > 3 then ok = false end
end
print(ok)
print(math.random(5, 5), math.random(0) ~= nil)
print(pcall(math.random, 2, 1))
print(pcall(math.random, 1, 2, 3))
print(math.type(math.random(1)))
