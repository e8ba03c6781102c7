-- fannkuch: permutations and array reversal with small integers (the
-- benchmarks game's fannkuch-redux), three times.
local n = tonumber(arg and arg[1]) or 9

local function fannkuch(size)
  local perm, perm1, count = {}, {}, {}
  for i = 1, size do perm1[i] = i end
  local maxflips, checksum, nperm = 0, 0, 0
  local r = size
  while true do
    while r ~= 1 do count[r] = r; r = r - 1 end
    for i = 1, size do perm[i] = perm1[i] end
    local flips = 0
    local k = perm[1]
    while k ~= 1 do
      local lo, hi = 1, k
      while lo < hi do
        perm[lo], perm[hi] = perm[hi], perm[lo]
        lo, hi = lo + 1, hi - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > maxflips then maxflips = flips end
    if nperm % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
    -- next permutation in the benchmark's rotation order
    while true do
      if r == size then return checksum, maxflips end
      local p0 = perm1[1]
      for i = 1, r do perm1[i] = perm1[i + 1] end
      perm1[r + 1] = p0
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
    nperm = nperm + 1
  end
end

-- n = 10 takes ten times as long as n = 9: three rounds of n = 9 make the
-- default about as long as the other programs.
local checksum, flips = 0, 0
for _ = 1, 3 do
  local c, f = fannkuch(n)
  checksum, flips = checksum + c, flips + f
end
print("checksum", checksum, flips)
