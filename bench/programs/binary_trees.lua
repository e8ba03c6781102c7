-- binary_trees: table allocation and garbage collection (the benchmarks game).
local depth = tonumber(arg and arg[1]) or 14

local function bottom_up(d)
  if d == 0 then return {} end
  d = d - 1
  return {bottom_up(d), bottom_up(d)}
end

local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end

local mindepth = 4
local maxdepth = math.max(mindepth + 2, depth)
local total = check(bottom_up(maxdepth + 1))
local long_lived = bottom_up(maxdepth)
for d = mindepth, maxdepth, 2 do
  local iters = math.floor(2 ^ (maxdepth - d + mindepth)) -- no <<: Lua 5.1 engines run this too
  local c = 0
  for _ = 1, iters do c = c + check(bottom_up(d)) end
  total = total + c
end
total = total + check(long_lived)
print("checksum", total)
