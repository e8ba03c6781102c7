-- non-tail recursion tens of thousands of levels deep is fine
local function sum(n)
  if n == 0 then return 0 end
  return n + sum(n - 1)
end
print(sum(50000))
local function depth(t, n)
  if n == 0 then return t end
  return {depth(t, n - 1)}
end
local nested = depth("core", 10000)
local levels = 0
while type(nested) == "table" do nested = nested[1]; levels = levels + 1 end
print(levels, nested)
local ok, v = pcall(sum, 20000)
print(ok, v)
